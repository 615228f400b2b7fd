package dev.backroute.cli;

import dev.backroute.config.DidYouMean;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Collection;
import java.util.List;

/** A picocli parse error as one sentence; a mistyped command or long option gets the closest real one suggested. */
final class UsageMessages {

    private UsageMessages() {}

    static String describe(CommandLine.ParameterException e) {
        // Checked first: a mistyped option (--tpye) also leaves the option it meant missing, and the typo is the news.
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        List<String> unmatched = e.getCommandLine().getUnmatchedArguments();
        if (!unmatched.isEmpty()) {
            return unmatched(spec, unmatched.get(0));
        }
        // "help CMD" with an unknown CMD: picocli's HelpCommand reports it on its parent, as a bare value.
        if (e.getArgSpec() == null && e.getValue() != null && !spec.subcommands().isEmpty()) {
            return unknownCommand(spec, e.getValue());
        }
        return e.getMessage();
    }

    private static String unmatched(CommandSpec spec, String arg) {
        if (arg.startsWith("--")) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            return "Unknown option '" + name + "'" + suggestion(name, spec.optionsMap().keySet().stream()
                    .filter(o -> o.startsWith("--")).toList());
        }
        if (arg.startsWith("-")) {
            // Short options are one letter apart from each other: any "suggestion" would be a guess.
            return "Unknown option '" + arg + "'";
        }
        return spec.subcommands().isEmpty() ? "Unexpected argument '" + arg + "'" : unknownCommand(spec, arg);
    }

    private static String unknownCommand(CommandSpec spec, String name) {
        return "Unknown command '" + name + "'" + suggestion(name, spec.subcommands().keySet());
    }

    private static String suggestion(String given, Collection<String> names) {
        return DidYouMean.closest(given, names).map(c -> ". Did you mean '" + c + "'?").orElse("");
    }
}

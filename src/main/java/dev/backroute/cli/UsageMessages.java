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
        List<String> unmatched = e.getCommandLine().getUnmatchedArguments();
        return unmatched.isEmpty() ? e.getMessage() : unmatched(e.getCommandLine().getCommandSpec(), unmatched.get(0));
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
        if (!spec.subcommands().isEmpty()) {
            return "Unknown command '" + arg + "'" + suggestion(arg, spec.subcommands().keySet());
        }
        return "Unexpected argument '" + arg + "'";
    }

    private static String suggestion(String given, Collection<String> names) {
        return DidYouMean.closest(given, names).map(c -> ". Did you mean '" + c + "'?").orElse("");
    }
}

package dev.backroute.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.backroute.Errors;
import dev.backroute.catalog.BackupNotFoundException;
import dev.backroute.catalog.Manifests;
import dev.backroute.config.ConfigException;
import dev.backroute.crypto.KeysetException;
import dev.backroute.restore.DestinationNotEmptyException;
import picocli.CommandLine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line on stderr naming what is wrong, and the exit status that classifies it; a config with several
 * problems adds one line per problem. With {@code --json} the same goes to stdout as one JSON document
 * too. Stack traces only with {@code --verbose}.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    /** Enough to fix in one pass; a file with more is likely not a backroute config at all. */
    static final int MAX_PROBLEMS_SHOWN = 20;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (matched(parsed, "--verbose")) {
            e.printStackTrace(cmd.getErr());
        }
        String error = Errors.describe(e);
        List<ConfigException.Problem> problems = e instanceof ConfigException c ? c.problems() : List.of();
        List<ConfigException.Problem> shown = problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS_SHOWN));
        int notShown = problems.size() - shown.size();
        cmd.getErr().println("backroute: error: " + error);
        if (problems.size() > 1) {
            shown.forEach(p -> cmd.getErr().println("  " + p.line()));
            if (notShown > 0) {
                cmd.getErr().println("  ... and " + notShown + " more");
            }
        }
        if (matched(parsed, "--json")) {
            cmd.getOut().println(json(error, e instanceof ConfigException, shown, notShown));
            cmd.getOut().flush();
        }
        return isUsageError(e) ? ExitCodes.USAGE : ExitCodes.FAILED;
    }

    /** {@code {"error": ...}}, and for a config error its {@code problems} as {path, message}. */
    private static String json(String error, boolean config, List<ConfigException.Problem> shown, int notShown) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("error", error);
        if (config) {
            document.put("problems", shown);
            document.put("problems_not_shown", notShown);
        }
        try {
            return Manifests.mapper().writeValueAsString(document);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot render the error as JSON", ex);
        }
    }

    private static boolean matched(CommandLine.ParseResult parsed, String option) {
        return parsed.hasMatchedOption(option) || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption(option));
    }

    /** One line: what is wrong with the command line, and the help of the command it was meant for. */
    static int usage(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("backroute: error: " + UsageMessages.describe(e)
                + " (see: " + cmd.getCommandSpec().qualifiedName() + " --help)");
        return ExitCodes.USAGE;
    }

    static boolean isUsageError(Throwable e) {
        return e instanceof ConfigException || e instanceof KeysetException || e instanceof BackupNotFoundException
                || e instanceof DestinationNotEmptyException || e instanceof UsageException;
    }

    /** A command's options make no sense together; reported like a picocli usage error. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}

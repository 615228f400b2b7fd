package dev.backroute.cli;

import dev.backroute.Errors;
import dev.backroute.catalog.BackupNotFoundException;
import dev.backroute.config.ConfigException;
import dev.backroute.crypto.KeysetException;
import dev.backroute.restore.DestinationNotEmptyException;
import picocli.CommandLine;

import java.util.Arrays;
import java.util.List;

/**
 * One line on stderr naming what is wrong, and the exit status that classifies it; a config with several
 * problems adds one line per problem. With {@code --json} also an error document on stdout. Stack traces
 * only with {@code --verbose}.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    /** Enough to fix in one pass; a file with more is likely not a backroute config at all. */
    static final int MAX_PROBLEMS_SHOWN = 20;
    /** Starts every error line. */
    static final String PREFIX = "backroute: error: ";

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (matched(parsed, "--verbose")) {
            e.printStackTrace(cmd.getErr());
        }
        String error = Errors.describe(e);
        List<ConfigException.Problem> problems = e instanceof ConfigException c ? c.problems() : List.of();
        List<ConfigException.Problem> shown = problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS_SHOWN));
        int notShown = problems.size() - shown.size();
        cmd.getErr().println(PREFIX + error);
        if (problems.size() > 1) {
            shown.forEach(p -> cmd.getErr().println("  " + p.line()));
            if (notShown > 0) {
                cmd.getErr().println("  ... and " + notShown + " more");
            }
        }
        int exitCode = isUsageError(e) ? ExitCodes.USAGE : ExitCodes.FAILED;
        if (matched(parsed, "--json")) {
            JsonObject document = new JsonObject().with("error", error).with("exit_code", exitCode);
            if (e instanceof ConfigException) {
                document.with("problems", shown).with("problems_not_shown", notShown);
            }
            JsonObject.print(cmd.getOut(), document);
        }
        return exitCode;
    }

    /** One line: what is wrong with the command line, and the help of the command it was meant for. */
    static int usage(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String message = UsageMessages.describe(e);
        cmd.getErr().println(PREFIX + message + " (see: " + cmd.getCommandSpec().qualifiedName() + " --help)");
        // The command line did not parse, so --json is looked for as written.
        if (Arrays.asList(args).contains("--json")) {
            JsonObject.print(cmd.getOut(), new JsonObject().with("error", message).with("exit_code", ExitCodes.USAGE));
        }
        return ExitCodes.USAGE;
    }

    /** Whether {@code option} was given to the command or to any subcommand below it ({@code cluster forget --json}). */
    private static boolean matched(CommandLine.ParseResult parsed, String option) {
        return parsed.hasMatchedOption(option) || parsed.subcommands().stream().anyMatch(p -> matched(p, option));
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

package dev.backroute.cli;

import dev.backroute.Errors;
import dev.backroute.catalog.BackupNotFoundException;
import dev.backroute.config.ConfigException;
import dev.backroute.crypto.KeysetException;
import dev.backroute.restore.DestinationNotEmptyException;
import picocli.CommandLine;

import java.util.Arrays;

/**
 * One line on stderr naming what is wrong, and the exit status that classifies it; with {@code --json}
 * also an error document on stdout. Stack traces only with {@code --verbose}.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (matched(parsed, "--verbose")) {
            e.printStackTrace(cmd.getErr());
        }
        String message = Errors.describe(e);
        cmd.getErr().println("backroute: error: " + message);
        int exitCode = isUsageError(e) ? ExitCodes.USAGE : ExitCodes.FAILED;
        if (matched(parsed, "--json")) {
            printJson(cmd, message, exitCode);
        }
        return exitCode;
    }

    static int usage(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("backroute: error: " + e.getMessage());
        cmd.getErr().println("see: " + cmd.getCommandSpec().qualifiedName() + " --help");
        // The command line did not parse, so --json is looked for as written.
        if (Arrays.asList(args).contains("--json")) {
            printJson(cmd, e.getMessage(), ExitCodes.USAGE);
        }
        return ExitCodes.USAGE;
    }

    /** With --json a script still gets one document on stdout; the line on stderr stays for the operator. */
    private static void printJson(CommandLine cmd, String message, int exitCode) {
        JsonObject.print(cmd.getOut(), new JsonObject().with("error", message).with("exit_code", exitCode));
    }

    private static boolean matched(CommandLine.ParseResult parsed, String option) {
        return parsed.hasMatchedOption(option) || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption(option));
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

package dev.backroute.cli;

import dev.backroute.Errors;
import dev.backroute.catalog.BackupNotFoundException;
import dev.backroute.config.ConfigException;
import dev.backroute.crypto.KeysetException;
import dev.backroute.restore.DestinationNotEmptyException;
import picocli.CommandLine;

/**
 * One line on stderr naming what is wrong, and the exit status that classifies it. Stack traces only
 * with {@code --verbose}.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    /** Starts every error line. */
    static final String PREFIX = "backroute: error: ";

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        boolean verbose = parsed.hasMatchedOption("--verbose")
                || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
        if (verbose) {
            e.printStackTrace(cmd.getErr());
        }
        cmd.getErr().println(PREFIX + Errors.describe(e));
        return isUsageError(e) ? ExitCodes.USAGE : ExitCodes.FAILED;
    }

    static int usage(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println(PREFIX + e.getMessage());
        cmd.getErr().println("see: " + cmd.getCommandSpec().qualifiedName() + " --help");
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

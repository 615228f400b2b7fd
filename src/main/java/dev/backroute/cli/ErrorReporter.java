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

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        boolean verbose = parsed.hasMatchedOption("--verbose")
                || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
        if (verbose) {
            e.printStackTrace(cmd.getErr());
        }
        cmd.getErr().println("backroute: error: " + Errors.describe(e));
        return isUsageError(e) ? ExitCodes.USAGE : ExitCodes.FAILED;
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

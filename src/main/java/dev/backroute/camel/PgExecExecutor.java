package dev.backroute.camel;

import dev.backroute.postgres.TailBuffer;
import org.apache.camel.component.exec.ExecCommand;
import org.apache.camel.component.exec.ExecCommandExecutor;
import org.apache.camel.component.exec.ExecException;
import org.apache.camel.component.exec.ExecResult;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.PumpStreamHandler;
import org.apache.commons.exec.ShutdownHookProcessDestroyer;

import java.io.IOException;

/**
 * camel-exec's executor for the PostgreSQL client programs. Camel's default one cannot give the child
 * an environment, and the password must reach pg_dump only through {@code PGPASSWORD}, never its
 * command line. Output is captured with a cap: pg_dump writes its dump to a file ({@code -f}), so only
 * diagnostics arrive here, and a runaway program cannot fill the heap. Exit values are checked here, so
 * a failure carries the program's own words. The environment comes with the command, from {@link PgExecBinding}.
 */
public final class PgExecExecutor implements ExecCommandExecutor {

    @Override
    public ExecResult execute(ExecCommand command) throws ExecException, IOException {
        if (!(command instanceof PgExecBinding.Command withEnvironment)) {
            // Camel's default binding would run the program with no password and no allow-listed environment.
            throw new ExecException("the exec endpoint for " + programName(command) + " must use binding=#pgExecBinding"
                    + " (see routes/backup.camel.yaml)", null, null, -1, null);
        }
        TailBuffer out = new TailBuffer();
        TailBuffer err = new TailBuffer();
        DefaultExecutor executor = DefaultExecutor.builder().get();
        executor.setExitValues(null);
        executor.setStreamHandler(new PumpStreamHandler(out, err, command.getInput()));
        executor.setProcessDestroyer(new ShutdownHookProcessDestroyer());
        CommandLine cl = new CommandLine(command.getExecutable());
        command.getArgs().forEach(a -> cl.addArgument(a, false));
        int exit;
        try {
            exit = executor.execute(cl, withEnvironment.environment());
        } catch (ExecuteException e) {
            exit = e.getExitValue();
        } catch (IOException e) {
            throw new ExecException("cannot run " + command.getExecutable() + ": " + e.getMessage(), null, null, -1, e);
        }
        if (!command.getExitValues().isEmpty() && !command.getExitValues().contains(exit)) {
            throw new ExecException(programName(command) + " failed (exit status " + exit + "): " + err.lastLines(),
                    out.stream(), err.stream(), exit, null);
        }
        return new ExecResult(command, out.stream(), err.stream(), exit);
    }

    private static String programName(ExecCommand command) {
        String exe = command.getExecutable();
        return exe.substring(exe.lastIndexOf('/') + 1);
    }
}

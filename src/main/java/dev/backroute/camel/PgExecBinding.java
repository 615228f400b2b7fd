package dev.backroute.camel;

import dev.backroute.BackrouteExchange;
import dev.backroute.backup.BackupRun;
import dev.backroute.postgres.PgDumpCommand;
import org.apache.camel.Exchange;
import org.apache.camel.component.exec.ExecCommand;
import org.apache.camel.component.exec.ExecEndpoint;
import org.apache.camel.component.exec.impl.DefaultExecBinding;

import java.util.Map;

/**
 * camel-exec's binding for the PostgreSQL client programs: the command camel-exec builds from the headers,
 * plus the environment for the run's own server ({@link PgDumpCommand#environment}: each postgresql type has
 * its own), which {@link PgExecExecutor} gives the child. The password thus never sits in a header or on a
 * command line.
 */
public final class PgExecBinding extends DefaultExecBinding {
    private final PgDumpCommand dumps;

    PgExecBinding(PgDumpCommand dumps) {
        this.dumps = dumps;
    }

    @Override
    public ExecCommand readInput(Exchange exchange, ExecEndpoint endpoint) {
        ExecCommand command = super.readInput(exchange, endpoint);
        BackupRun run = exchange.getProperty(BackrouteExchange.RUN, BackupRun.class);
        return new Command(command, dumps.environment(run));
    }

    /** A command with the environment its program runs in; transient, as it may hold the password. */
    static final class Command extends ExecCommand {
        private final transient Map<String, String> environment;

        Command(ExecCommand c, Map<String, String> environment) {
            super(c.getExecutable(), c.getArgs(), c.getWorkingDir(), c.getTimeout(), c.getExitValues(), c.getInput(),
                    c.getOutFile(), c.isUseStderrOnEmptyStdout(), c.getCommandLogLevel());
            this.environment = Map.copyOf(environment);
        }

        Map<String, String> environment() {
            return environment;
        }
    }
}

package dev.backroute.camel;

import dev.backroute.BackrouteExchange;
import dev.backroute.postgres.PgDumpCommand;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.exec.ExecBinding;

/**
 * Prepares the camel-exec call that dumps the run's current unit ({@link PgDumpCommand#prepare}): the exec
 * headers name the program and its arguments, {@link BackrouteExchange#PG_DUMP_FILE} the file it writes.
 */
public final class PgDumpCommandStep implements Processor {
    private final PgDumpCommand dumps;

    PgDumpCommandStep(PgDumpCommand dumps) {
        this.dumps = dumps;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        PgDumpCommand.Invocation call = dumps.prepare(RunStep.run(exchange));
        exchange.setProperty(BackrouteExchange.PG_DUMP_FILE, call.dumpFile());
        exchange.getMessage().setBody(null);
        exchange.getMessage().setHeader(ExecBinding.EXEC_COMMAND_EXECUTABLE, call.program().toString());
        exchange.getMessage().setHeader(ExecBinding.EXEC_COMMAND_ARGS, call.args());
    }
}

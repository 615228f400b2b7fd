package dev.backroute.camel;

import dev.backroute.BackrouteExchange;
import dev.backroute.postgres.PgDumpResult;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.exec.ExecBinding;

import java.nio.file.Path;

/**
 * After pg_dump ran (camel-exec already failed the exchange on a non-zero exit status): {@link PgDumpResult}
 * of the file {@link PgDumpCommandStep} named and of pg_dump's standard error.
 */
public final class PgDumpResultStep implements Processor {
    private final PgDumpResult result;

    PgDumpResultStep(PgDumpResult result) {
        this.result = result;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        result.take(RunStep.run(exchange), exchange.getProperty(BackrouteExchange.PG_DUMP_FILE, Path.class),
                exchange.getMessage().getHeader(ExecBinding.EXEC_STDERR, String.class));
        exchange.getMessage().setBody(null);
    }
}

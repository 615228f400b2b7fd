package dev.backroute.postgres;

import dev.backroute.BackrouteExchange;
import dev.backroute.backup.BackupRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.exec.ExecBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * After pg_dump ran (camel-exec already failed the exchange on a non-zero exit status): the dump file
 * becomes the run's content, streamed into the pipeline and deleted once read.
 */
public final class PgDumpResultStep implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(PgDumpResultStep.class);

    @Override
    public void process(Exchange exchange) throws Exception {
        BackupRun run = exchange.getProperty(BackrouteExchange.RUN, BackupRun.class);
        Path dump = exchange.getProperty(BackrouteExchange.PG_DUMP_FILE, Path.class);
        if (!Files.isRegularFile(dump)) {
            throw new PgException("pg_dump reported success but wrote no dump file " + dump);
        }
        String stderr = exchange.getMessage().getHeader(ExecBinding.EXEC_STDERR, String.class);
        if (stderr != null && !stderr.isBlank()) {
            LOG.warn("{} said: {}", run.id(), stderr.strip());
        }
        run.content(out -> {
            try (InputStream in = Files.newInputStream(dump)) {
                in.transferTo(out);
            } finally {
                Files.deleteIfExists(dump);
            }
        });
        boolean custom = !PgDumpUnits.GLOBALS.equals(run.unit())
                && ((PostgresSource) run.type().source()).format().equals("custom");
        run.appendExtension(custom ? ".dump" : ".sql");
        exchange.getMessage().setBody(null);
    }
}

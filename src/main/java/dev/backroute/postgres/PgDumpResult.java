package dev.backroute.postgres;

import dev.backroute.backup.BackupRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * After pg_dump ran and exited 0: the tables of a database's dump are recorded ({@link PgTableFacts}), then the dump
 * file becomes the run's content, streamed into the pipeline and deleted once read.
 */
public final class PgDumpResult {
    private static final Logger LOG = LoggerFactory.getLogger(PgDumpResult.class);

    /** @param stderr what pg_dump wrote on its standard error, or null */
    public void take(BackupRun run, Path dump, String stderr) throws IOException {
        if (!Files.isRegularFile(dump)) {
            throw new PgException("pg_dump reported success but wrote no dump file " + dump);
        }
        if (stderr != null && !stderr.isBlank()) {
            LOG.warn("{} said: {}", run.id(), stderr.strip());
        }
        boolean globals = PgDumpCommand.GLOBALS.equals(run.unit());
        boolean custom = !globals && ((PostgresSource) run.type().source()).format().equals("custom");
        if (!globals) {
            PgTableFacts.capture(run, dump, custom);
        }
        run.content(out -> {
            try (InputStream in = Files.newInputStream(dump)) {
                in.transferTo(out);
            } finally {
                Files.deleteIfExists(dump);
            }
        });
        run.appendExtension(custom ? ".dump" : ".sql");
    }
}

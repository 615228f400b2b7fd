package dev.backroute.postgres;

import dev.backroute.ChildEnvironment;
import dev.backroute.backup.BackupRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a database's dump held, per table, recorded in the manifest's {@code source} block when the backup is made so
 * that a drill can compare the restored copy with it: {@value #ROWS} (rows per table), {@value #DIGEST} (their
 * {@link RowDigest}), {@value #COLUMNS} (the COPY column list the digest was taken over) and {@value #ENCODING} (the
 * dump's client encoding, which its rows are written in). Read from the dump pg_dump wrote, not from the database, so
 * they describe exactly what the backup holds; a custom-format dump is read through {@code pg_restore --data-only}.
 */
final class PgTableFacts {
    static final String ROWS = "tables_rows";
    static final String DIGEST = "tables_digest";
    static final String COLUMNS = "tables_columns";
    static final String ENCODING = "tables_encoding";

    private static final Logger LOG = LoggerFactory.getLogger(PgTableFacts.class);

    private PgTableFacts() {}

    /**
     * Scans {@code dump} (pg_dump's staged file) and adds the facts to the run's source block. The facts serve drills
     * only: a dump they cannot be read from is still a good backup, so a problem reading them is logged as a warning and
     * the backup records none, and its drills check the restore and the assertions alone, as for a backup made before
     * drills recorded tables. Only an interruption goes on.
     */
    static void capture(BackupRun run, Path dump, boolean custom) throws IOException {
        PgCopyScan scan;
        try {
            scan = scan(run, dump, custom);
        } catch (IOException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            LOG.warn("{}: the dump's tables were not recorded for drills, which will check the restore and the assertions"
                    + " only: {}", run.id(), e.getMessage());
            return;
        }
        Map<String, Object> rows = new LinkedHashMap<>();
        Map<String, Object> digests = new LinkedHashMap<>();
        Map<String, Object> columns = new LinkedHashMap<>();
        scan.tables().forEach((table, facts) -> {
            rows.put(table, facts.rows());
            digests.put(table, facts.digest());
            columns.put(table, facts.columns());
        });
        run.source().put(ROWS, rows);
        run.source().put(DIGEST, digests);
        run.source().put(COLUMNS, columns);
        if (scan.encoding() != null) {
            run.source().put(ENCODING, scan.encoding());
        }
    }

    private static PgCopyScan scan(BackupRun run, Path dump, boolean custom) throws IOException {
        if (custom) {
            return throughPgRestore(run, dump);
        }
        try (InputStream in = Files.newInputStream(dump)) {
            return PgCopyScan.of(in);
        }
    }

    /**
     * pg_restore prints the custom dump's data as SQL text; it reads the file and connects to no server, so its
     * environment is the allow-list every PostgreSQL client gets, without a password.
     */
    private static PgCopyScan throughPgRestore(BackupRun run, Path dump) throws IOException {
        Path program = new PgTools((PostgresSource) run.type().source(), run.type().name()).find("pg_restore");
        // Named after the run's id, so that whatever removes the run's staged files removes it too.
        Path log = run.stagingDir().resolve(run.id() + ".pg_restore.log");
        ProcessBuilder pb = new ProcessBuilder(List.of(program.toString(), "--data-only", "--file=-", dump.toString()))
                .redirectError(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(ChildEnvironment.postgresClient(System.getenv()));
        Process p = pb.start();
        try {
            PgCopyScan scan;
            try (InputStream in = p.getInputStream()) {
                scan = PgCopyScan.of(in);
            } finally {
                p.getOutputStream().close();
            }
            if (p.waitFor() != 0) {
                throw new PgException(program + " could not read the custom-format dump to record its tables (exit status "
                        + p.exitValue() + "): " + lastLine(log));
            }
            return scan;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the dump's tables", e);
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    /** Read line by line: pg_restore's messages are not held whole, however many it wrote. */
    private static String lastLine(Path log) throws IOException {
        String last = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    last = line.strip();
                }
            }
        }
        return last == null ? "(no message)" : last;
    }
}

package dev.backroute.postgres;

import dev.backroute.ChildEnvironment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A custom-format dump ({@code pg_dump -Fc}) turned into the SQL script {@code pg_restore --file=-} prints for it, so
 * that it can be fed to psql: the dump goes to pg_restore's stdin while it is read, the script out as pg_restore writes
 * it. pg_restore connects to no server, so it gets no password; its environment is the PostgreSQL client's allow-list.
 */
public final class PgSqlScript {
    private final PgTools tools;
    private final Map<String, String> env;

    /** @param type the postgresql type whose source names the tools' folder */
    public PgSqlScript(PostgresSource source, String type, Map<String, String> env) {
        this.tools = new PgTools(source, type);
        this.env = env;
    }

    /** Reads {@code dump} as far as pg_restore needs and writes its SQL script to {@code sql}, which it does not close. */
    public void write(InputStream dump, OutputStream sql) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(tools.find("pg_restore").toString(), "--file=-");
        pb.environment().clear();
        pb.environment().putAll(ChildEnvironment.postgresClient(env));
        Process p = pb.start();
        TailBuffer errors = new TailBuffer();
        AtomicReference<IOException> outputFailed = new AtomicReference<>();
        Thread script = copier("backroute-pg-restore-out", p.getInputStream(), sql, outputFailed, p);
        Thread stderr = copier("backroute-pg-restore-err", p.getErrorStream(), errors, new AtomicReference<>(), p);
        try {
            feed(dump, p);
            script.join();
            stderr.join();
            if (outputFailed.get() != null) {
                throw outputFailed.get();
            }
            if (p.waitFor() != 0) {
                throw failed(p, errors);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while pg_restore wrote the SQL script", e);
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    /**
     * The dump to pg_restore's stdin. A failed read of the dump is thrown as it is. When pg_restore stops reading, it
     * has either failed (its exit status says so) or read all it needs (the caller verifies the rest of the dump).
     */
    private static void feed(InputStream dump, Process p) throws IOException, InterruptedException {
        byte[] buffer = new byte[1 << 16];
        OutputStream stdin = p.getOutputStream();
        try {
            for (int n = dump.read(buffer); n >= 0; n = dump.read(buffer)) {
                if (!write(stdin, buffer, n, p)) {
                    return;
                }
            }
        } finally {
            try {
                stdin.close();
            } catch (IOException ignored) {
                // pg_restore has already stopped reading; its exit status tells whether it had what it needed.
            }
        }
    }

    /** False once pg_restore has exited without reading on. */
    private static boolean write(OutputStream stdin, byte[] buffer, int n, Process p) throws IOException, InterruptedException {
        try {
            stdin.write(buffer, 0, n);
            return true;
        } catch (IOException e) {
            if (p.waitFor(30, TimeUnit.SECONDS)) {
                return false;
            }
            throw e;
        }
    }

    private static Thread copier(String name, InputStream from, OutputStream to, AtomicReference<IOException> failure, Process p) {
        Thread t = new Thread(() -> {
            try (from) {
                from.transferTo(to);
                to.flush();
            } catch (IOException e) {
                failure.set(e);
                p.destroyForcibly();
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static PgException failed(Process p, TailBuffer errors) {
        return new PgException("pg_restore failed turning the dump into SQL (exit status " + p.exitValue() + "): " + errors.lastLines());
    }
}

package dev.backroute.neo4j;

import dev.backroute.ChildEnvironment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mode {@code admin_dump}: {@code neo4j-admin database dump DATABASE --to-stdout}, streamed into the backup.
 * neo4j-admin only dumps a <em>stopped</em> database (Enterprise can dump online only from a backup) and
 * Neo4j 5's tool needs Java 17+, 2025.x needs Java 21+; the dump is restored with
 * {@code neo4j-admin database load}, not by {@link Neo4jRestorer}. Runs on the machine holding the database.
 */
public final class Neo4jAdminDump {
    private final Neo4jSource source;
    private final Map<String, String> env;

    public Neo4jAdminDump(Neo4jSource source, Map<String, String> env) {
        this.source = source;
        this.env = env;
    }

    /** Copies the dump into {@code out} (not closed); returns facts for the manifest's "source" block. */
    public Map<String, Object> dump(OutputStream out) throws IOException {
        String command = source.adminCommand() == null || source.adminCommand().isBlank() ? "neo4j-admin" : source.adminCommand();
        String database = source.database() == null || source.database().isBlank() ? "neo4j" : source.database();
        List<String> argv = List.of(command, "database", "dump", database, "--to-stdout");
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.PIPE);
            pb.environment().clear();
            pb.environment().putAll(ChildEnvironment.neo4jAdmin(env));
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run neo4j-admin '" + command + "': " + Neo4jConnection.oneLine(e.getMessage())
                    + "; set source.admin_command to the neo4j-admin executable", e);
        }
        p.getOutputStream().close();
        Deque<String> errors = new ArrayDeque<>();
        Thread drain = new Thread(() -> keepTail(p.getErrorStream(), errors), "neo4j-admin-stderr");
        drain.setDaemon(true);
        drain.start();
        long bytes = 0;
        try (InputStream in = p.getInputStream()) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                bytes += n;
            }
            out.flush();
        } catch (IOException e) {
            p.destroyForcibly();
            throw e;
        }
        int exit;
        try {
            exit = p.waitFor();
            drain.join(5000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while neo4j-admin dumped database '" + database + "'", e);
        }
        if (exit != 0) {
            String why;
            synchronized (errors) {
                why = errors.isEmpty() ? "no error output" : String.join(" ", errors);
            }
            throw new IOException("neo4j-admin database dump of '" + database + "' failed (exit " + exit + "): " + why
                    + (why.toLowerCase().contains("in use") ? "; admin_dump needs the database stopped" : ""));
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("kind", "neo4j");
        facts.put("mode", "admin_dump");
        facts.put("database", database);
        facts.put("dump_bytes", bytes);
        facts.put("format", "neo4j-admin-dump");
        return facts;
    }

    private static void keepTail(InputStream err, Deque<String> tail) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) continue;
                synchronized (tail) {
                    tail.addLast(line.trim());
                    if (tail.size() > 3) tail.removeFirst();
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }
}

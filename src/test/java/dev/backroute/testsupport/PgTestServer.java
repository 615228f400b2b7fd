package dev.backroute.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A real, throwaway PostgreSQL 15 cluster (Debian's postgresql-15 server) on 127.0.0.1 with password
 * authentication, for tests. PostgreSQL refuses to run as root, so as root it runs as the postgres user.
 */
public final class PgTestServer implements AutoCloseable {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path root;
    private final int port;
    private final String password;
    private boolean running;

    private PgTestServer(Path root, int port, String password) {
        this.root = root;
        this.port = port;
        this.password = password;
    }

    public static PgTestServer start(String password) throws Exception {
        Path root = Files.createTempDirectory("backroute-pg");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = Files.createDirectory(root.resolve("data"));
        Path sock = Files.createDirectory(root.resolve("sock"));
        Path pw = Files.writeString(root.resolve("pw"), password);
        if (isRoot()) {
            for (Path p : List.of(data, sock, pw)) {
                run("chown", "postgres:postgres", p.toString());
            }
        }
        run(asPostgres(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "--auth=scram-sha-256",
                "--pwfile=" + pw, "--encoding=UTF8", "--locale=C"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PgTestServer server = new PgTestServer(root, port, password);
        server.start();
        return server;
    }

    /** Starts the server again after {@link #stop}, on the same port with the same data. */
    public void start() throws Exception {
        Path sock = root.resolve("sock");
        run(asPostgres(BIN.resolve("pg_ctl").toString(), "-D", root.resolve("data").toString(), "-w", "-l", sock.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + sock + " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
                        + " -c synchronous_commit=off", "start"));
        running = true;
    }

    /** Stops the server, its data kept (a database host going away); every client's connection is cut. */
    public void stop() throws Exception {
        run(asPostgres(BIN.resolve("pg_ctl").toString(), "-D", root.resolve("data").toString(), "-w", "-m", "fast", "stop"));
        running = false;
    }

    public int port() { return port; }

    public String password() { return password; }

    public Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", password);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, p);
    }

    public void execute(String database, String sql) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public long count(String database, String table) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * A plain pg_dump of a database, as text, for comparing two databases. pg_dump 15.14+ brackets each
     * dump with {@code \restrict KEY} lines whose key is random per dump; they are left out.
     */
    public String dump(String database) throws Exception {
        String dump = client(new byte[0], "pg_dump", "--format=plain", "--host=127.0.0.1", "--port=" + port,
                "--username=postgres", "--no-password", "--dbname=" + database);
        return dump.lines().filter(l -> !l.startsWith("\\restrict ") && !l.startsWith("\\unrestrict "))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    /** Runs a client program with PGPASSWORD set, feeding {@code stdin}; returns its output. */
    public String client(byte[] stdin, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", password);
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(stdin);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        if (running) {
            run(asPostgres(BIN.resolve("pg_ctl").toString(), "-D", root.resolve("data").toString(), "-m", "immediate", "stop"));
        }
        run("rm", "-rf", root.toString());
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String[] asPostgres(String... cmd) {
        if (!isRoot()) {
            return cmd;
        }
        List<String> all = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        all.addAll(List.of(cmd));
        return all.toArray(String[]::new);
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}

package dev.backroute.postgres;

import dev.backroute.ChildEnvironment;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the PostgreSQL client programs (source.bin_dir, else PATH) and tells their major version. */
public final class PgTools {
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)(?:\\.(\\d+))?");

    private final Path binDir;
    private final String binDirKey;

    /** @param type the postgresql type whose source names the tools' folder, for the messages */
    public PgTools(PostgresSource source, String type) {
        this.binDir = source.binDir();
        this.binDirKey = "backup_types." + type + ".source.bin_dir";
    }

    public Path find(String program) throws PgException {
        if (binDir != null) {
            Path p = binDir.resolve(program);
            if (Files.isExecutable(p)) {
                return p;
            }
            throw new PgException(program + " not found in " + binDir
                    + " (" + binDirKey + "): point bin_dir at the PostgreSQL client's bin folder");
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new PgException(program + " not found on PATH: install the PostgreSQL client (e.g. apt-get install"
                + " postgresql-client-15) or set " + binDirKey);
    }

    /** "pg_dump (PostgreSQL) 15.18 (Debian …)" → the full version line, and its major number. */
    public static Version version(Path program, Map<String, String> inherited) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(program.toString(), "--version").redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(ChildEnvironment.postgresClient(inherited));
        Process p = pb.start();
        String out;
        try (var in = p.getInputStream()) {
            out = new String(in.readNBytes(4096), StandardCharsets.UTF_8).trim();
        }
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new PgException(program + " --version did not answer within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + program + " for its version", e);
        }
        Matcher m = VERSION.matcher(out);
        if (!m.find()) {
            throw new PgException(program + " --version printed no PostgreSQL version: " + out);
        }
        return new Version(out, Integer.parseInt(m.group(1)));
    }

    public record Version(String text, int major) {}
}

package dev.backroute.postgres;

import dev.backroute.testsupport.PgTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A database larger than the heap: about 600 MB of rows backed up and validated by a JVM with -Xmx128m. */
class LargerThanHeapPostgresBackupTest {

    @TempDir
    Path dir;

    @Test
    void backsUpAndValidatesADatabaseLargerThanTheHeap() throws Exception {
        try (PgTestServer pg = PgTestServer.start("pw")) {
            pg.execute("postgres", "CREATE DATABASE big");
            // 1.3 M rows of ~500 bytes; md5 chains keep pg_dump's output from shrinking below the target size.
            pg.execute("big", "CREATE TABLE vectors AS SELECT g AS id, (SELECT string_agg(md5((g * 16 + k)::text), '')"
                    + " FROM generate_series(1, 15) k) AS payload FROM generate_series(1, 1300000) g");
            Path config = PgFixture.config(dir, pg, "zstd", false, "plain", "\"big\"", "");
            Files.writeString(config, Files.readString(config).replace("\"compression\": \"zstd\"",
                    "\"compression\": \"zstd\", \"compression_level\": 1"));

            assertThat(smallHeapCli(config, "backup", "--type", "postgresql")).isZero();
            assertThat(smallHeapCli(config, "validate", "--type", "postgresql", "--latest")).isZero();

            Path manifest;
            try (Stream<Path> s = Files.list(dir.resolve("backups/postgresql"))) {
                manifest = s.filter(p -> p.toString().endsWith(".manifest.json")).findFirst().orElseThrow();
            }
            long raw = dev.backroute.catalog.Manifests.mapper().readTree(manifest.toFile()).get("raw_bytes").asLong();
            assertThat(raw).isGreaterThan(600L * 1024 * 1024);
        }
    }

    private int smallHeapCli(Path config, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                "-Dbackroute.log.dir=" + dir.resolve("logs"), "dev.backroute.cli.BackrouteCli"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--config", config.toString()));
        Path log = dir.resolve("child-" + args[0] + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        if (p.exitValue() != 0) {
            System.err.println(Files.readString(log));
        }
        return p.exitValue();
    }
}

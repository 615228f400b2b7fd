package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.backroute.catalog.BackupManager;
import dev.backroute.config.BackupConfig;
import dev.backroute.ops.BackupMetrics;
import dev.backroute.ops.RecordMetrics;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.ConfigVariant;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.RepositoryBackups;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.backroute.testsupport.JsonSchemas.assertMatches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What a type's kept backups hold against what they take: a repository's two backups of nearly the same data
 * take about one copy of it, an archive type's take what compression leaves, in status, list and the metrics.
 */
class TypeSizesTest {
    private static final int FILE_BYTES = 1024 * 1024;
    private static final int CHANGE_BYTES = 16 * 1024;
    /**
     * Per chunk of ~4 KiB a pack adds its seal (a code byte and a 32-byte checksum) and a header entry (~45 bytes), and
     * each backup's tree lists it (a 32-byte id): a few percent at these small chunks.
     */
    private static final double PACK_OVERHEAD = 1.05;

    @TempDir
    Path dir;

    @Test
    void twoRepositoryBackupsOfNearlyTheSameDataAreLogicallyTwiceWhatTheRepositoryStores() throws Exception {
        Installation inst = Installation.in(dir).write("zstd", false, RepositoryBackups.SMALL_CHUNKS);
        Files.createDirectories(inst.source());
        RepositoryDedupTest.randomFile(inst.source().resolve("a.bin"), FILE_BYTES, 1);
        RepositoryDedupTest.randomFile(inst.source().resolve("b.bin"), FILE_BYTES, 2);
        long firstAdded = RepositoryDedupTest.backup(inst).get("stored_bytes").asLong();
        RepositoryDedupTest.randomFile(inst.source().resolve("c.bin"), CHANGE_BYTES, 3);
        long secondAdded = RepositoryDedupTest.backup(inst).get("stored_bytes").asLong();
        long data = 2L * FILE_BYTES;

        JsonNode status = assertMatches("status", 0, Cli.withConfig(inst.config(), "status", "--json"));
        JsonNode local = status.at("/types/0/sizes_per_target/local");
        long logical = local.get("logical_bytes").asLong();
        long stored = local.get("stored_bytes").asLong();
        // A files backup's raw bytes are its files' sizes: the data twice, and the new file once.
        assertThat(logical).isEqualTo(2 * data + CHANGE_BYTES);
        // Random data does not compress: the packs hold it once, the new file, and their seals and headers.
        assertThat(stored).isBetween(data + CHANGE_BYTES, (long) ((data + CHANGE_BYTES) * PACK_OVERHEAD));
        // What each backup reports adding is its chunks; their packs' headers come on top.
        assertThat(stored).as("the packs against what the two backups added").isBetween(firstAdded + secondAdded,
                (long) ((firstAdded + secondAdded) * PACK_OVERHEAD));
        assertThat(local.get("dedup_ratio").asDouble()).isEqualTo(Math.round(logical * 1000.0 / stored) / 1000.0)
                .isBetween((2.0 * data + CHANGE_BYTES) / ((data + CHANGE_BYTES) * PACK_OVERHEAD), 2.0);
        assertThat(local.get("error").isNull()).isTrue();

        JsonNode list = assertMatches("list", 0, Cli.withConfig(inst.config(), "list", "--json"));
        assertThat(list.get("backups").findValues("added_bytes").stream().map(JsonNode::asLong)).containsExactly(secondAdded, firstAdded);
        assertThat(keys(list.at("/backups/0"))).containsSubsequence("raw_bytes", "stored_bytes", "added_bytes", "sha256");

        Cli.Result text = Cli.withConfig(inst.config(), "status");
        assertThat(text.out()).contains("  size:         logical (restored) / stored\n    local: " + Sizes.human(logical) + " / " + Sizes.human(stored) + ", dedup ratio "
                + String.format(Locale.ROOT, "%.2f", local.get("dedup_ratio").asDouble()) + "\n");

        String metrics = metricsAtStart(inst.config());
        assertThat(RunMetricsFromCatalogTest.value(metrics, "backroute_logical_bytes{target=\"local\",type=\"data_files\"}")).hasValue(logical);
        assertThat(RunMetricsFromCatalogTest.value(metrics, "backroute_stored_bytes{target=\"local\",type=\"data_files\"}")).hasValue(stored);
        assertThat(RunMetricsFromCatalogTest.value(metrics, "backroute_dedup_ratio{target=\"local\",type=\"data_files\"}")).hasValue(local.get("dedup_ratio").asDouble());
    }

    @Test
    void anArchiveTypesRatioIsWhatCompressionSaved() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        Files.createDirectories(inst.source());
        Files.writeString(inst.source().resolve("movies.csv"), "id,title,year\n".repeat(20_000));
        RepositoryDedupTest.randomFile(inst.source().resolve("noise.bin"), 64 * 1024, 4);
        backupArchive(inst);
        Files.writeString(inst.source().resolve("more.csv"), "id,title,year\n".repeat(5_000));
        backupArchive(inst);

        JsonNode list = assertMatches("list", 0, Cli.withConfig(inst.config(), "list", "--json"));
        long raw = list.get("backups").findValues("raw_bytes").stream().mapToLong(JsonNode::asLong).sum();
        long storedSum = list.get("backups").findValues("stored_bytes").stream().mapToLong(JsonNode::asLong).sum();
        assertThat(list.get("backups").findValues("added_bytes")).as("an archive adds itself whole: no added_bytes")
                .hasSize(2).allMatch(JsonNode::isNull);

        JsonNode local = assertMatches("status", 0, Cli.withConfig(inst.config(), "status", "--json")).at("/types/0/sizes_per_target/local");
        assertThat(local.get("logical_bytes").asLong()).isEqualTo(raw);
        assertThat(local.get("stored_bytes").asLong()).isEqualTo(storedSum);
        double ratio = local.get("dedup_ratio").asDouble();
        assertThat(ratio).isEqualTo(Math.round(raw * 1000.0 / storedSum) / 1000.0);
        // 64 KiB of noise stays 64 KiB; the ~350 KiB of repeated lines shrink to almost nothing.
        assertThat(ratio).isGreaterThan(3.0);
        assertThat(Cli.withConfig(inst.config(), "status").out()).contains(", compression ratio " + String.format(Locale.ROOT, "%.2f", ratio));

        String metrics = metricsAtStart(inst.config());
        assertThat(RunMetricsFromCatalogTest.value(metrics, "backroute_dedup_ratio{target=\"local\",type=\"data_files\"}").getAsDouble()).isCloseTo(ratio, within(1e-9));
    }

    @Test
    void aTargetWhoseRepositoryCannotBeListedHasNoStoredSizeAndAnErrorWhileStatusSucceeds() throws Exception {
        Installation inst = Installation.in(dir).write("zstd", false, RepositoryBackups.SMALL_CHUNKS);
        Files.createDirectories(inst.source());
        RepositoryDedupTest.randomFile(inst.source().resolve("a.bin"), 64 * 1024, 1);
        RepositoryDedupTest.backup(inst);
        Files.writeString(dir.resolve("key-id"), "test-key-id");
        Files.writeString(dir.resolve("secret"), "test-secret-value");
        try (S3ThatRefusesRepositoryListings s3 = new S3ThatRefusesRepositoryListings()) {
            Path config = ConfigVariant.write(inst.config(), "with-s3.json", json -> {
                ((ArrayNode) ConfigVariant.type(json, "data_files").get("storage")).add("s3");
                ((ObjectNode) json.get("storage")).putObject("s3").put("type", "s3").put("bucket", "movie-backups")
                        .put("endpoint", s3.endpoint()).put("path_style", true)
                        .put("access_key_id_file", dir.resolve("key-id").toString()).put("secret_access_key_file", dir.resolve("secret").toString());
            });

            JsonNode sizes = assertMatches("status", 0, Cli.withConfig(config, "status", "--json")).at("/types/0/sizes_per_target");

            assertThat(sizes.at("/local/stored_bytes").asLong()).isPositive();
            assertThat(sizes.at("/s3/logical_bytes").asLong()).as("no backup on s3").isZero();
            assertThat(sizes.at("/s3/stored_bytes").isNull()).isTrue();
            assertThat(sizes.at("/s3/dedup_ratio").isNull()).isTrue();
            assertThat(sizes.at("/s3/error").asText()).startsWith("cannot list the repository of data_files on target 's3': ");
            assertThat(Cli.withConfig(config, "status").out()).contains("    s3: 0 B / unknown: cannot list the repository of data_files on target 's3': ");
        }
    }

    /**
     * An S3 endpoint on 127.0.0.1 whose credentials may list the type's folder (it holds nothing) but not its
     * repository: listings under {@code repository/} answer 403 AccessDenied, as a bucket policy would.
     */
    private static final class S3ThatRefusesRepositoryListings implements AutoCloseable {
        private final HttpServer server;

        S3ThatRefusesRepositoryListings() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    String query = exchange.getRequestURI().getQuery();
                    boolean repository = query != null && query.contains("/repository/");
                    byte[] body = (repository
                            ? "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>"
                            : "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>movie-backups</Name>"
                                    + "<KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/xml");
                    exchange.sendResponseHeaders(repository ? 403 : 200, body.length);
                    exchange.getResponseBody().write(body);
                }
            });
            server.start();
        }

        String endpoint() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
    private static void backupArchive(Installation inst) {
        Cli.Result r = Cli.withConfig(inst.config(), "backup", "--type", "data_files", "--force");
        assertThat(r.exitCode()).as(r.all()).isZero();
    }

    /** What {@code run} exports once it has read the catalog at start, before any backup of its own. */
    private static String metricsAtStart(Path configFile) {
        BackupConfig config = BackupConfig.loadFromFile(configFile, Map.of());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new RecordMetrics(config, new BackupManager(config), new BackupMetrics(() -> registry)).recordCatalog();
        return registry.scrape();
    }

    private static List<String> keys(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

package dev.backroute.storage.azure;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import dev.backroute.config.SecretRef;
import dev.backroute.pipeline.Throttle;
import dev.backroute.storage.CloudTestSupport;
import dev.backroute.storage.LargeArtifactRoundTrip;
import dev.backroute.storage.StorageTargetException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AzureTarget against Azurite (Microsoft's Blob Storage emulator, npm), installed into target/azurite on first use. */
class AzureTargetAgainstAzuriteTest {
    private static final String CONTAINER = "backups";

    @TempDir
    static Path shared;
    private static AzuriteServer azurite;

    @TempDir
    Path dir;

    @BeforeAll
    static void startAzurite() throws Exception {
        // Not an assumption: a machine without npm would silently skip every Azure test.
        org.assertj.core.api.Assertions.assertThat(AzuriteServer.npmAvailable()).as("npm, to install Azurite").isTrue();
        azurite = AzuriteServer.start(Files.createDirectories(shared.resolve("azurite")));
        client(azurite.connectionString()).createBlobContainer(CONTAINER);
    }

    @AfterAll
    static void stopAzurite() throws Exception {
        if (azurite != null) {
            azurite.close();
        }
    }

    private static BlobServiceClient client(String connectionString) {
        return new BlobServiceClientBuilder().connectionString(connectionString).buildClient();
    }

    static AzureStorage config(String container, String prefix) {
        return new AzureStorage("azure", container, prefix, new SecretRef("storage.azure.connection_string", "TEST_AZURE_CS", null));
    }

    private static AzureTarget target(String container, String prefix, String connectionString) {
        return new AzureTarget(config(container, prefix), null, connectionString);
    }

    @Test
    void artifactAndManifestRoundTripUnderAPrefix() throws Exception {
        AzureTarget target = target(CONTAINER, "movies/prod", azurite.connectionString());
        Path artifact = dir.resolve("a");
        String sha = CloudTestSupport.writeRandom(artifact, 19 * 1024 * 1024 + 5, 3); // three blocks, the last short
        byte[] manifest = "{\"success\": true}".getBytes(StandardCharsets.UTF_8);

        target.putArtifact("neo4j", "neo4j_20260101_023000.jsonl.gz", artifact);
        target.putManifest("neo4j", "neo4j_20260101_023000.manifest.json", manifest);

        assertThat(target.list("neo4j")).containsExactlyInAnyOrder("neo4j_20260101_023000.jsonl.gz", "neo4j_20260101_023000.manifest.json");
        assertThat(target.list("logs")).isEmpty();
        assertThat(CloudTestSupport.sha256(target.open("neo4j", "neo4j_20260101_023000.jsonl.gz"))).isEqualTo(sha);
        assertThat(target.open("neo4j", "neo4j_20260101_023000.manifest.json").readAllBytes()).isEqualTo(manifest);
        assertThat(target.size("neo4j", "neo4j_20260101_023000.jsonl.gz")).isEqualTo(Files.size(artifact));
        assertThat(target.uri("neo4j", "x")).isEqualTo("azure://backups/movies/prod/neo4j/x");
        assertThat(client(azurite.connectionString()).getBlobContainerClient(CONTAINER)
                .getBlobClient("movies/prod/neo4j/neo4j_20260101_023000.jsonl.gz").exists()).isTrue();

        target.delete("neo4j", "neo4j_20260101_023000.jsonl.gz");
        assertThat(target.size("neo4j", "neo4j_20260101_023000.jsonl.gz")).isEqualTo(-1);
        assertThat(target.list("neo4j")).containsExactly("neo4j_20260101_023000.manifest.json");
        assertThatThrownBy(() -> target.open("neo4j", "neo4j_20260101_023000.jsonl.gz")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aTargetUnderAnUploadLimitStoresTheBlocksWholeAndNoFasterThanTheLimit() throws Exception {
        long rate = 8L * 1024 * 1024;
        AzureTarget target = new AzureTarget(config(CONTAINER, "limited"), null, azurite.connectionString(), Throttle.perSecond(rate));
        CloudTestSupport.assertLimitedUpload(target, dir, 12L * 1024 * 1024, rate, 4);
    }

    @Test
    void anEmptyArtifactIsStoredToo() throws Exception {
        AzureTarget target = target(CONTAINER, "", azurite.connectionString());
        Path empty = Files.createFile(dir.resolve("empty"));
        target.putArtifact("logs", "logs_20260101_000000.tar", empty);
        assertThat(target.size("logs", "logs_20260101_000000.tar")).isZero();
        assertThat(target.uri("logs", "logs_20260101_000000.tar")).isEqualTo("azure://backups/logs/logs_20260101_000000.tar");
    }

    @Test
    void a200MiBArtifactGoesUpInBlocksAndComesBackUnderA128MiBHeap() throws Exception {
        CloudTestSupport.Child child = CloudTestSupport.runChild("128m", LargeArtifactRoundTrip.class,
                Map.of("TEST_AZURE_CS", azurite.connectionString()), "azure", "200", CONTAINER);
        assertThat(child.exitCode()).as(child.output()).isZero();
        assertThat(child.output()).contains("size=" + 200L * 1024 * 1024);
    }

    @Test
    void killingAzuriteMidUploadLeavesNoBlobVisible() throws Exception {
        Path location = Files.createDirectories(dir.resolve("own-azurite"));
        AzuriteServer own = AzuriteServer.start(location);
        try {
            client(own.connectionString()).createBlobContainer(CONTAINER);
            AzureTarget target = target(CONTAINER, "", own.connectionString());
            Path artifact = dir.resolve("big");
            CloudTestSupport.writeRandom(artifact, 120L * 1024 * 1024, 4);
            CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> {
                try {
                    target.putArtifact("milvus", "milvus_20260101_030000.tar.zst", artifact);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            // Kill once some blocks are staged (Azurite keeps them under its location), before the commit.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (sizeOf(location) < 24L * 1024 * 1024 && !upload.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(upload).as("the upload should still be running when Azurite is killed").isNotDone();
            // Killed at once: any read first would give the upload time to finish and commit.
            own.kill();
            assertThatThrownBy(upload::join).hasCauseInstanceOf(StorageTargetException.class)
                    .cause().hasMessageContaining("cannot reach Azure Blob Storage");

            AzuriteServer again = AzuriteServer.start(location);
            try {
                // Azurite saves its metadata every few seconds: after SIGKILL the container itself may be gone.
                client(again.connectionString()).getBlobContainerClient(CONTAINER).createIfNotExists();
                AzureTarget after = target(CONTAINER, "", again.connectionString());
                assertThat(after.list("milvus")).as("staged, uncommitted blocks are not a blob").isEmpty();
                assertThat(after.size("milvus", "milvus_20260101_030000.tar.zst")).isEqualTo(-1);
                assertThat(after.removeLeftovers("milvus")).isEmpty();
            } finally {
                again.close();
            }
        } finally {
            own.close();
        }
    }

    @Test
    void aMissingContainerIsNamedWithWhatToDo() throws Exception {
        AzureTarget target = target("no-such-container", "", azurite.connectionString());
        Path artifact = dir.resolve("a");
        Files.write(artifact, new byte[1000]);
        String expected = "Azure container 'no-such-container' does not exist at http://127.0.0.1:" + azurite.port()
                + "/devstoreaccount1: create it or fix storage.azure.container";
        assertThatThrownBy(() -> target.putArtifact("logs", "logs_20260101_000000.tar", artifact))
                .isInstanceOf(StorageTargetException.class).hasMessage(expected);
        assertThatThrownBy(() -> target.list("logs")).hasMessage(expected);
    }

    @Test
    void aWrongAccountKeyIsRefusedWithoutRepeatingIt() throws Exception {
        String wrongKey = java.util.Base64.getEncoder().encodeToString(new byte[64]);
        AzureTarget target = target(CONTAINER, "", azurite.connectionString(wrongKey));
        assertThatThrownBy(() -> target.list("logs"))
                .isInstanceOf(StorageTargetException.class)
                .hasMessageStartingWith("Azure Blob Storage at http://127.0.0.1:" + azurite.port()
                        + "/devstoreaccount1 refused the credentials for container 'backups' (")
                .hasMessageEndingWith("): check storage.azure.connection_string_env (or _file)")
                .hasMessageNotContaining(wrongKey);
    }

    @Test
    void anUnreachableEndpointFailsFastWithAClearMessage() throws Exception {
        int port = CloudTestSupport.freePort();
        String cs = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AzuriteServer.KEY
                + ";BlobEndpoint=http://127.0.0.1:" + port + "/devstoreaccount1;";
        AzureTarget target = target(CONTAINER, "", cs);
        long start = System.nanoTime();
        assertThatThrownBy(() -> target.list("logs")).isInstanceOf(StorageTargetException.class)
                .hasMessage("cannot reach Azure Blob Storage at http://127.0.0.1:" + port + "/devstoreaccount1 for storage"
                        + " target 'azure': connection refused; check the connection string's BlobEndpoint and the network")
                .hasMessageNotContaining(AzuriteServer.KEY);
        assertThat((System.nanoTime() - start) / 1_000_000_000).isLessThan(20);
    }

    private static long sizeOf(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}

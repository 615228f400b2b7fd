package dev.backroute.storage.s3;

import dev.backroute.repository.BlobName;
import dev.backroute.repository.BlobStore;
import dev.backroute.repository.BlobStoreContract;
import dev.backroute.storage.CloudTestSupport;
import dev.backroute.storage.S3MockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A type's repository in an S3 bucket, against Adobe S3Mock in its own JVM: keys
 * {@code <prefix>/<type>/repository/<name>}, 5 MiB parts. Each test works under a prefix of its own.
 */
class S3TargetRepositoryAgainstS3MockTest extends BlobStoreContract {
    private static final String BUCKET = "backups";
    private static final String PACK = BlobName.pack("ab" + "c".repeat(62));
    private static final String INDEX = BlobName.index("a".repeat(64));

    @TempDir
    static Path shared;
    private static S3MockServer s3;

    private final String prefix = "run-" + UUID.randomUUID();
    private S3Target target;
    private S3Client client;

    @BeforeAll
    static void startS3Mock() throws Exception {
        s3 = S3MockServer.start(shared.resolve("s3mock"), BUCKET);
    }

    @AfterAll
    static void stopS3Mock() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    private S3Target target() {
        if (target == null) {
            target = S3TargetAgainstS3MockTest.target(S3TargetAgainstS3MockTest.config(s3.endpoint(), BUCKET, prefix, 5));
        }
        return target;
    }

    /** A client of its own, for what the target does not do: planting keys, looking at uploads. */
    private S3Client client() {
        if (client == null) {
            client = S3Target.buildClient(S3TargetAgainstS3MockTest.config(s3.endpoint(), BUCKET, prefix, 5), S3TargetAgainstS3MockTest.ENV);
        }
        return client;
    }

    @Override
    protected BlobStore repositoryOf(String type) {
        return target().repository(type);
    }

    @Override
    protected void plant(String type, String path, byte[] bytes) {
        client().putObject(b -> b.bucket(BUCKET).key(prefix + "/" + type + "/" + path), RequestBody.fromBytes(bytes));
    }

    /** Three 5 MiB parts, the last short. */
    @Override
    protected long largeFileBytes() {
        return 11L * 1024 * 1024 + 5;
    }

    @Test
    public void objectsAreKeyedUnderTheTypesRepositoryFolderAndMissingOnesNamedByUri() throws Exception {
        repositoryOf("logs").put(INDEX, new byte[4]);

        assertThat(client().headObject(b -> b.bucket(BUCKET).key(prefix + "/logs/repository/" + INDEX)).contentLength()).isEqualTo(4);
        assertThatThrownBy(() -> repositoryOf("logs").get(PACK))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage("s3://backups/" + prefix + "/logs/repository/" + PACK + ": not found in storage target 's3'");
    }

    @Test
    public void theArchiveListingLeavesTheRepositoryAloneAndTheLeftoverCleanupAbortsOnlyUnfinishedUploads() throws Exception {
        S3Target target = target();
        target.putArtifact("logs", "logs_20260101_000000.tar.gz", Files.write(dir.resolve("staged"), new byte[] {1, 2}));
        target.putManifest("logs", "logs_20260101_000000.manifest.json", "{}".getBytes(StandardCharsets.UTF_8));
        BlobStore repository = target.repository("logs");
        Path pack = dir.resolve("pack");
        CloudTestSupport.writeRandom(pack, 6L * 1024 * 1024, 4); // a multipart upload, completed
        repository.put(PACK, pack);
        repository.put(INDEX, new byte[4]);
        // Crashes mid-upload: one of the archive, one of a repository pack.
        openUpload(prefix + "/logs/logs_20260102_000000.tar.gz");
        openUpload(prefix + "/logs/repository/" + BlobName.pack("cd" + "e".repeat(62)));

        assertThat(target.list("logs")).containsExactlyInAnyOrder("logs_20260101_000000.tar.gz", "logs_20260101_000000.manifest.json");
        // Not a pack's name: never started by a backup, left alone.
        openUpload(prefix + "/logs/repository/data/stray");
        // A pack's upload started just now may be a prune's or another host's in progress: left for a day.
        assertThat(target.removeLeftovers("logs")).containsExactly("logs_20260102_000000.tar.gz");
        assertThat(client().listMultipartUploads(b -> b.bucket(BUCKET).prefix(prefix + "/")).uploads())
                .extracting(MultipartUpload::key).containsExactlyInAnyOrder(prefix + "/logs/repository/data/stray",
                        prefix + "/logs/repository/" + BlobName.pack("cd" + "e".repeat(62)));
        assertThat(repository.list("")).containsExactlyInAnyOrder(new BlobStore.Blob(PACK, 6L * 1024 * 1024), new BlobStore.Blob(INDEX, 4));
        assertThat(target.list("logs")).hasSize(2);
    }

    private void openUpload(String key) {
        String uploadId = client().createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        client().uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(new byte[5 * 1024 * 1024]));
    }
}

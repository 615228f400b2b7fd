package dev.backroute.storage.s3;

import dev.backroute.config.SecretRef;
import dev.backroute.pipeline.Throttle;
import dev.backroute.storage.CloudTestSupport;
import dev.backroute.storage.LargeArtifactRoundTrip;
import dev.backroute.storage.S3MockServer;
import dev.backroute.storage.StorageTargetException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** S3Target against Adobe S3Mock (a real S3 HTTP implementation, multipart and abort included) in its own JVM. */
class S3TargetAgainstS3MockTest {
    private static final String BUCKET = "backups";
    static final Map<String, String> ENV = Map.of("TEST_AWS_KEY", "test-key-id", "TEST_AWS_SECRET", "test-secret-value");

    @TempDir
    static Path shared;
    private static S3MockServer s3;

    @TempDir
    Path dir;

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

    static S3Storage config(String endpoint, String bucket, String prefix, int partSizeMb) {
        return new S3Storage("s3", bucket, "us-east-1", prefix, endpoint, true,
                new SecretRef("storage.s3.access_key_id", "TEST_AWS_KEY", null),
                new SecretRef("storage.s3.secret_access_key", "TEST_AWS_SECRET", null), "", "", partSizeMb);
    }

    static S3Target target(S3Storage config) {
        return new S3Target(config, S3Target.buildClient(config, ENV));
    }

    @Test
    void artifactAndManifestRoundTripUnderAPrefix() throws Exception {
        S3Storage config = config(s3.endpoint(), BUCKET, "movies/prod/", 5);
        S3Target target = target(config);
        Path artifact = dir.resolve("a");
        String sha = CloudTestSupport.writeRandom(artifact, 3 * 1024 * 1024 + 17, 1);
        byte[] manifest = "{\"success\": true}".getBytes(StandardCharsets.UTF_8);

        target.putArtifact("postgresql", "postgresql_20260101_020000.sql.gz", artifact);
        target.putManifest("postgresql", "postgresql_20260101_020000.manifest.json", manifest);

        assertThat(target.list("postgresql")).containsExactlyInAnyOrder("postgresql_20260101_020000.sql.gz",
                "postgresql_20260101_020000.manifest.json");
        assertThat(target.list("neo4j")).isEmpty();
        assertThat(CloudTestSupport.sha256(target.open("postgresql", "postgresql_20260101_020000.sql.gz"))).isEqualTo(sha);
        assertThat(target.open("postgresql", "postgresql_20260101_020000.manifest.json").readAllBytes()).isEqualTo(manifest);
        assertThat(target.size("postgresql", "postgresql_20260101_020000.sql.gz")).isEqualTo(Files.size(artifact));
        assertThat(target.uri("postgresql", "x.sql")).isEqualTo("s3://backups/movies/prod/postgresql/x.sql");
        // the object key itself: one slash between the parts
        try (S3Client client = S3Target.buildClient(config, ENV)) {
            assertThat(client.listObjectsV2(b -> b.bucket(BUCKET).prefix("movies/")).contents())
                    .extracting(o -> o.key()).contains("movies/prod/postgresql/postgresql_20260101_020000.sql.gz");
        }

        target.delete("postgresql", "postgresql_20260101_020000.sql.gz");
        assertThat(target.size("postgresql", "postgresql_20260101_020000.sql.gz")).isEqualTo(-1);
        assertThat(target.list("postgresql")).containsExactly("postgresql_20260101_020000.manifest.json");
        assertThatThrownBy(() -> target.open("postgresql", "postgresql_20260101_020000.sql.gz"))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("s3://backups/movies/prod/postgresql/");
    }

    @Test
    void aTargetUnderAnUploadLimitStoresAMultipartArtifactWholeAndNoFasterThanTheLimit() throws Exception {
        S3Storage config = config(s3.endpoint(), BUCKET, "limited", 5);
        long rate = 8L * 1024 * 1024;
        S3Target target = new S3Target(config, S3Target.buildClient(config, ENV), Throttle.perSecond(rate));
        CloudTestSupport.assertLimitedUpload(target, dir, 12L * 1024 * 1024, rate, 3);
    }

    @Test
    void emptyPrefixIsTheBucketRoot() throws Exception {
        S3Target target = target(config(s3.endpoint(), BUCKET, "", 5));
        target.putManifest("logs", "logs_20260101_000000.manifest.json", new byte[] {'{', '}'});
        assertThat(target.uri("logs", "logs_20260101_000000.manifest.json")).isEqualTo("s3://backups/logs/logs_20260101_000000.manifest.json");
        assertThat(target.list("logs")).containsExactly("logs_20260101_000000.manifest.json");
    }

    @Test
    void a200MiBArtifactGoesUpInPartsAndComesBackUnderA128MiBHeap() throws Exception {
        CloudTestSupport.Child child = CloudTestSupport.runChild("128m", LargeArtifactRoundTrip.class, ENV,
                "s3", "200", s3.endpoint(), BUCKET);
        assertThat(child.exitCode()).as(child.output()).isZero();
        assertThat(child.output()).contains("size=" + 200L * 1024 * 1024);
    }

    @Test
    void aPartFailingMidwayLeavesNoObjectAndACrashedUploadIsAbortedByRemoveLeftovers() throws Exception {
        S3Storage config = config(s3.endpoint(), BUCKET, "failing", 5);
        S3Client real = S3Target.buildClient(config, ENV);
        S3Target target = new S3Target(config, failingOnPart(real, 2));
        Path artifact = dir.resolve("big");
        CloudTestSupport.writeRandom(artifact, 12 * 1024 * 1024, 2);

        assertThatThrownBy(() -> target.putArtifact("milvus", "milvus_20260101_030000.tar.zst", artifact))
                .isInstanceOf(StorageTargetException.class).hasMessageContaining("bucket 'backups'")
                .hasMessageNotContaining("test-secret-value");
        assertThat(target.list("milvus")).isEmpty();
        assertThat(target.size("milvus", "milvus_20260101_030000.tar.zst")).isEqualTo(-1);
        assertThat(real.listMultipartUploads(b -> b.bucket(BUCKET).prefix("failing/")).uploads())
                .as("the producer aborts the upload it could not finish").isEmpty();

        // A crash (kill -9) between parts: the upload stays open, invisible to list().
        String uploadId = real.createMultipartUpload(b -> b.bucket(BUCKET).key("failing/milvus/milvus_20260102_030000.tar.zst")).uploadId();
        real.uploadPart(b -> b.bucket(BUCKET).key("failing/milvus/milvus_20260102_030000.tar.zst").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(new byte[5 * 1024 * 1024]));
        real.createMultipartUpload(b -> b.bucket(BUCKET).key("failing/logs/logs_20260102_030000.tar"));
        assertThat(target.list("milvus")).isEmpty();

        assertThat(target.removeLeftovers("milvus")).containsExactly("milvus_20260102_030000.tar.zst");
        assertThat(real.listMultipartUploads(b -> b.bucket(BUCKET).prefix("failing/milvus/")).uploads()).isEmpty();
        assertThat(real.listMultipartUploads(b -> b.bucket(BUCKET).prefix("failing/logs/")).uploads())
                .as("another type's upload is not touched").hasSize(1);
        assertThat(target.removeLeftovers("milvus")).isEmpty();
    }

    @Test
    void serverSideEncryptionIsAskedForOnSinglePutsAndMultipartUploads() throws Exception {
        S3Storage plain = config(s3.endpoint(), BUCKET, "sse", 5);
        S3Storage config = new S3Storage("s3", BUCKET, "us-east-1", "sse", s3.endpoint(), true, plain.accessKeyId(),
                plain.secretAccessKey(), "AES256", "", 5);
        List<Object> requests = new ArrayList<>();
        S3Target target = new S3Target(config, recording(S3Target.buildClient(config, ENV), requests));
        Path small = dir.resolve("small");
        CloudTestSupport.writeRandom(small, 1024 * 1024, 6);
        Path large = dir.resolve("large");
        CloudTestSupport.writeRandom(large, 11 * 1024 * 1024, 7);

        target.putArtifact("logs", "logs_20260101_000000.tar", small);
        target.putArtifact("logs", "logs_20260102_000000.tar", large);
        target.putManifest("logs", "logs_20260102_000000.manifest.json", new byte[] {'{', '}'});

        assertThat(requests).extracting(r -> r.getClass().getSimpleName() + " " + (r instanceof PutObjectRequest p
                        ? p.serverSideEncryption() : ((CreateMultipartUploadRequest) r).serverSideEncryption()))
                .containsExactly("PutObjectRequest AES256", "CreateMultipartUploadRequest AES256", "PutObjectRequest AES256");
        // S3Mock keeps the encryption of a single PUT (not of a multipart upload): the header reached the store.
        assertThat(target.size("logs", "logs_20260102_000000.tar")).isEqualTo(Files.size(large));
        try (S3Client client = S3Target.buildClient(config, ENV)) {
            assertThat(client.headObject(b -> b.bucket(BUCKET).key("sse/logs/logs_20260101_000000.tar")).serverSideEncryption())
                    .isEqualTo(ServerSideEncryption.AES256);
        }
    }

    @Test
    void aMissingBucketIsNamedWithWhatToDo() throws Exception {
        S3Target target = target(config(s3.endpoint(), "no-such-bucket", "", 5));
        Path artifact = dir.resolve("a");
        Files.write(artifact, new byte[1000]);
        String expected = "S3 bucket 'no-such-bucket' does not exist at " + s3.endpoint()
                + ": create it or fix storage.s3.bucket";
        assertThatThrownBy(() -> target.putArtifact("logs", "logs_20260101_000000.tar", artifact))
                .isInstanceOf(StorageTargetException.class).hasMessage(expected);
        assertThatThrownBy(() -> target.list("logs")).hasMessage(expected);
    }

    @Test
    void anUnreachableEndpointFailsFastWithAClearMessage() throws Exception {
        String endpoint = "http://127.0.0.1:" + CloudTestSupport.freePort();
        S3Target target = target(config(endpoint, BUCKET, "", 5));
        Path artifact = dir.resolve("a");
        Files.write(artifact, new byte[1000]);
        long start = System.nanoTime();
        assertThatThrownBy(() -> target.putArtifact("logs", "logs_20260101_000000.tar", artifact))
                .isInstanceOf(StorageTargetException.class)
                .hasMessage("cannot reach S3 at " + endpoint + " for storage target 's3': connection refused;"
                        + " check storage.s3.endpoint and the network")
                .extracting(e -> ((StorageTargetException) e).reason()).isEqualTo(StorageTargetException.Reason.UNREACHABLE);
        assertThatThrownBy(() -> target.list("logs")).hasMessageStartingWith("cannot reach S3 at " + endpoint);
        assertThat((System.nanoTime() - start) / 1_000_000_000).isLessThan(20);
    }

    @Test
    void aMissingKeyVariableIsAConfigErrorWhenTheTargetIsCreated() {
        S3Storage config = config(s3.endpoint(), BUCKET, "", 5);
        S3Storage unset = new S3Storage("s3", BUCKET, "us-east-1", "", s3.endpoint(), true,
                new SecretRef("storage.s3.access_key_id", "BACKROUTE_TEST_SURELY_UNSET_KEY", null),
                config.secretAccessKey(), "", "", 5);
        assertThatThrownBy(() -> new S3Target(unset, Throttle.NONE))
                .hasMessageContaining("storage.s3.access_key_id_env").hasMessageContaining("BACKROUTE_TEST_SURELY_UNSET_KEY");
    }

    /** The real client, noting each PutObject and CreateMultipartUpload request in {@code requests}. */
    private static S3Client recording(S3Client real, List<Object> requests) {
        return around(real, args -> {
            if (args != null && (args[0] instanceof PutObjectRequest || args[0] instanceof CreateMultipartUploadRequest)) {
                requests.add(args[0]);
            }
        });
    }

    /** The real client, except that uploading part {@code failingPart} fails as a dropped connection would. */
    private static S3Client failingOnPart(S3Client real, int failingPart) {
        return around(real, args -> {
            if (args != null && args[0] instanceof UploadPartRequest r && r.partNumber() == failingPart) {
                throw SdkClientException.create("connection reset while uploading part " + failingPart);
            }
        });
    }

    /** The real client, with {@code before} seeing the arguments of every call first. */
    private static S3Client around(S3Client real, Consumer<Object[]> before) {
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
                (proxy, method, args) -> {
                    before.accept(args);
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}

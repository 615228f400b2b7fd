package dev.backroute.storage;

import dev.backroute.config.SecretRef;
import dev.backroute.storage.azure.AzureStorage;
import dev.backroute.storage.s3.S3Storage;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a child JVM with a small heap (-Xmx128m) by the tests: writes a large pseudo-random artifact, uploads it
 * with {@code putArtifact} and reads it back with {@code open}, comparing SHA-256. Exit 0 when equal.
 * Args: {@code s3 <sizeMiB> <endpoint> <bucket>} (keys from TEST_AWS_KEY/TEST_AWS_SECRET) or
 * {@code azure <sizeMiB> <container>} (connection string from TEST_AZURE_CS).
 */
public final class LargeArtifactRoundTrip {
    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[1]) * 1024 * 1024;
        StorageTarget target = switch (args[0]) {
            case "s3" -> StorageTargets.create(new S3Storage("s3", args[3], "us-east-1", "big", args[2], true,
                    new SecretRef("storage.s3.access_key_id", "TEST_AWS_KEY", null),
                    new SecretRef("storage.s3.secret_access_key", "TEST_AWS_SECRET", null), "", "", 16));
            case "azure" -> StorageTargets.create(new AzureStorage("azure", args[2], "big",
                    new SecretRef("storage.azure.connection_string", "TEST_AZURE_CS", null)));
            default -> throw new IllegalArgumentException(args[0]);
        };
        Path file = Files.createTempFile("large-artifact", ".tar.gz.enc");
        try {
            String written = CloudTestSupport.writeRandom(file, size, 42);
            target.putArtifact("data_files", "data_files_20260101_000000.tar.gz.enc", file);
            long stored = target.size("data_files", "data_files_20260101_000000.tar.gz.enc");
            String read = CloudTestSupport.sha256(target.open("data_files", "data_files_20260101_000000.tar.gz.enc"));
            System.out.println("written=" + written + " read=" + read + " stored=" + stored + " size=" + size
                    + " maxHeap=" + Runtime.getRuntime().maxMemory());
            System.exit(written.equals(read) && stored == size ? 0 : 3);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

package dev.backroute.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** Helpers for the cloud target tests: free ports, big files written and hashed as streams, child JVMs. */
public final class CloudTestSupport {
    private CloudTestSupport() {}

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Writes {@code size} pseudo-random bytes (seeded) and returns their SHA-256, never holding them in memory. */
    public static String writeRandom(Path file, long size, long seed) throws IOException {
        MessageDigest sha = sha256();
        Random random = new Random(seed);
        byte[] buf = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            long left = size;
            while (left > 0) {
                random.nextBytes(buf);
                int n = (int) Math.min(buf.length, left);
                out.write(buf, 0, n);
                sha.update(buf, 0, n);
                left -= n;
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * Stores an artifact of {@code size} random bytes and a manifest through {@code target}, whose uploads are limited
     * to {@code rate} bytes a second: both read back whole, and the artifact took no less than the limit allows, less
     * the one second's worth a limiter may save up.
     */
    public static void assertLimitedUpload(dev.backroute.storage.StorageTarget target, Path dir, long size, long rate, long seed)
            throws IOException {
        Path artifact = dir.resolve("a");
        String sha = writeRandom(artifact, size, seed);
        byte[] manifest = "{\"success\": true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        long start = System.nanoTime();
        target.putArtifact("logs", "logs_20260101_000000.tar", artifact);
        long tookNanos = System.nanoTime() - start;
        target.putManifest("logs", "logs_20260101_000000.manifest.json", manifest);

        org.assertj.core.api.Assertions.assertThat(tookNanos).isGreaterThanOrEqualTo(size * 1_000_000_000L / rate - 1_000_000_000L);
        org.assertj.core.api.Assertions.assertThat(sha256(target.open("logs", "logs_20260101_000000.tar"))).isEqualTo(sha);
        org.assertj.core.api.Assertions.assertThat(target.open("logs", "logs_20260101_000000.manifest.json").readAllBytes())
                .isEqualTo(manifest);
    }

    public static String sha256(InputStream in) throws IOException {
        MessageDigest sha = sha256();
        byte[] buf = new byte[64 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs {@code mainClass} in a child JVM with this test classpath and the given heap; returns its output. */
    public static Child runChild(String heap, Class<?> mainClass, java.util.Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                mainClass.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = Files.createTempFile("child-jvm", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(150, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("child JVM timed out: " + Files.readString(log));
        }
        String out = Files.readString(log);
        Files.deleteIfExists(log);
        return new Child(p.exitValue(), out);
    }

    public record Child(int exitCode, String output) {}
}

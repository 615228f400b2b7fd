package dev.backroute.storage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Adobe S3Mock in its own JVM (its Spring Boot and AWS SDK clash with ours), from the jar the pom copies to
 * target/s3mock/s3mock.jar (maven-dependency-plugin, phase generate-test-resources). Loopback only.
 */
public final class S3MockServer implements AutoCloseable {
    static final Path JAR = Path.of("target", "s3mock", "s3mock.jar");

    private final Process process;
    private final int port;
    private final Path log;

    private S3MockServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static S3MockServer start(Path root, String... buckets) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the tests through Maven (mvn test), which copies S3Mock there");
        }
        int port = CloudTestSupport.freePort();
        int httpsPort = CloudTestSupport.freePort();
        Path log = Files.createTempFile("s3mock", ".log");
        Process p = new ProcessBuilder(List.of(CloudTestSupport.java(), "-Xmx384m", "-jar", JAR.toString(),
                "--server.address=127.0.0.1", "--http.port=" + port, "--server.port=" + httpsPort,
                "--com.adobe.testing.s3mock.store.root=" + root,
                "--com.adobe.testing.s3mock.store.initial-buckets=" + String.join(",", buckets),
                "--com.adobe.testing.s3mock.max-payload-size=64MB",
                "--logging.level.root=WARN"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3MockServer server = new S3MockServer(p, port, log);
        server.awaitUp();
        return server;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitUp() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited: " + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(endpoint() + "/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("S3Mock did not start in 90 s: " + Files.readString(log));
    }

    @Override
    public void close() throws Exception {
        process.destroyForcibly().waitFor();
        Files.deleteIfExists(log);
    }
}

package dev.backroute.storage.azure;

import dev.backroute.storage.CloudTestSupport;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Azurite's blob service (npm azurite@3.37.0) as a child process on 127.0.0.1. Installed once, on first use,
 * into target/azurite with {@code npm install --prefix target/azurite azurite@3.37.0} (about 20 s, needs the npm
 * registry); later runs reuse it until {@code mvn clean}. Stopped with SIGKILL (SIGTERM takes 20 s).
 */
final class AzuriteServer implements AutoCloseable {
    static final String VERSION = "3.37.0";
    static final Path HOME = Path.of("target", "azurite").toAbsolutePath();
    static final String ACCOUNT = "devstoreaccount1";
    static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private final Process process;
    private final int port;

    private AzuriteServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** True when npm is on the PATH; without it Azurite cannot be installed and the Azure tests are skipped. */
    static boolean npmAvailable() {
        try {
            Process p = new ProcessBuilder("npm", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static synchronized void install() throws IOException, InterruptedException {
        if (Files.isRegularFile(bin())) {
            return;
        }
        Files.createDirectories(HOME);
        Path log = HOME.resolve("npm-install.log");
        Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", HOME.toString(), "azurite@" + VERSION)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.isRegularFile(bin())) {
            p.destroyForcibly();
            throw new IllegalStateException("npm install azurite@" + VERSION + " into " + HOME + " failed: " + Files.readString(log));
        }
    }

    private static Path bin() {
        return HOME.resolve("node_modules").resolve(".bin").resolve("azurite-blob");
    }

    static AzuriteServer start(Path location) throws Exception {
        install();
        int port = CloudTestSupport.freePort();
        Process p = new ProcessBuilder(List.of(bin().toString(), "--blobHost", "127.0.0.1", "--blobPort", String.valueOf(port),
                "--location", location.toString(), "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent"))
                .redirectErrorStream(true).redirectOutput(location.resolve("azurite.out").toFile()).start();
        AzuriteServer server = new AzuriteServer(p, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("Azurite exited: " + Files.readString(location.resolve("azurite.out")));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return server;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        server.close();
        throw new IllegalStateException("Azurite did not start in 30 s");
    }

    int port() {
        return port;
    }

    String connectionString() {
        return connectionString(KEY);
    }

    String connectionString(String key) {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + key
                + ";BlobEndpoint=http://127.0.0.1:" + port + "/" + ACCOUNT + ";";
    }

    /** SIGKILL, as a crash or power cut would. */
    void kill() throws InterruptedException {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws Exception {
        kill();
    }
}

package dev.backroute.cli;

import dev.backroute.catalog.Manifests;
import dev.backroute.testsupport.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The HTTP server of {@code backroute run}: loopback unless opened up, and behind a bearer token when one is set. */
class ManagementServerTest {
    private static final String TOKEN = "s3cr3t-management-token-7f1c";

    @TempDir
    Path dir;

    @Test
    void listensOnLoopbackOnlyByDefault() throws Exception {
        assumeTrue(ListeningSockets.available(), "needs Linux /proc/net/tcp");
        Path config = installation("");
        int port = freePort();

        try (RunProcess run = RunProcess.start(dir, config, Map.of(), "--http-port", Integer.toString(port))) {
            assertThat(ListeningSockets.on(port)).as("addresses listening on port " + port).isNotEmpty()
                    .allMatch(InetAddress::isLoopbackAddress);
            assertThat(get(port, "/observe/health", null).statusCode()).isEqualTo(200);
            HttpResponse<String> dashboard = get(port, "/observe/dashboard.json", null);
            assertThat(dashboard.statusCode()).as("the dashboard's data without a token configured").isEqualTo(200);
            assertThat(Manifests.mapper().readTree(dashboard.body()).at("/types/0/backups_kept").asInt()).isEqualTo(1);
        }
    }

    @Test
    void withATokenEveryRequestWithoutItIsRefused() throws Exception {
        Path config = installation(", \"management\": { \"token_env\": \"MGMT_TOKEN\" }");
        int port = freePort();

        try (RunProcess run = RunProcess.start(dir, config, Map.of("MGMT_TOKEN", TOKEN), "--http-port", Integer.toString(port))) {
            for (String path : new String[] {"/observe/health", "/observe/health?exposureLevel=full&data=true", "/observe/metrics",
                    "/observe/dashboard.json"}) {
                HttpResponse<String> anonymous = get(port, path, null);
                assertThat(anonymous.statusCode()).as(path + " without a token").isEqualTo(401);
                assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
                assertThat(anonymous.body()).as(path).doesNotContain("data_files");
                assertThat(get(port, path, "Bearer wrong-" + TOKEN).statusCode()).as(path + " with a wrong token").isEqualTo(401);
                assertThat(get(port, path, "Bearer " + TOKEN.substring(1)).statusCode()).as(path + " with part of the token").isEqualTo(401);
                assertThat(get(port, path, "Basic " + TOKEN).statusCode()).as(path + " with another scheme").isEqualTo(401);
                assertThat(get(port, path, "Bearer " + TOKEN).statusCode()).as(path + " with the token").isEqualTo(200);
            }
            assertThat(get(port, "/observe/health?exposureLevel=full&data=true", "Bearer " + TOKEN).body()).contains("backup-types").contains("data_files");
            assertThat(get(port, "/observe/metrics", "Bearer " + TOKEN).body()).contains("camel_routes_running_routes");
            assertThat(run.output()).contains("bearer token required").doesNotContain(TOKEN);
        }
    }

    @Test
    void theDashboardPageIsServedWithoutTheTokenButHoldsNoDataAndRunsOnlyItsOwnScript() throws Exception {
        Path config = installation(", \"management\": { \"token_env\": \"MGMT_TOKEN\" }");
        int port = freePort();

        try (RunProcess run = RunProcess.start(dir, config, Map.of("MGMT_TOKEN", TOKEN), "--http-port", Integer.toString(port))) {
            for (String path : new String[] {"/", "/dashboard.js", "/dashboard.css"}) {
                HttpResponse<String> anonymous = get(port, path, null);
                assertThat(anonymous.statusCode()).as(path + " without a token").isEqualTo(200);
                assertThat(anonymous.body()).as(path).doesNotContain("data_files");
                assertThat(anonymous.headers().firstValue("Content-Security-Policy")).as(path)
                        .hasValueSatisfying(v -> assertThat(v).contains("script-src 'self'").contains("frame-ancestors 'none'"));
                assertThat(anonymous.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            }
            assertThat(get(port, "/", null).body()).contains("<script src=\"/dashboard.js\"");
            assertThat(get(port, "/dashboard.json", null).statusCode()).as("another path beside the page's").isEqualTo(401);
            HttpResponse<String> data = get(port, "/observe/dashboard.json", "Bearer " + TOKEN);
            assertThat(data.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(data.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(Manifests.mapper().readTree(data.body()).at("/types/0/name").asText()).isEqualTo("data_files");
        }
    }

    @Test
    void aNonLoopbackBindWithoutATokenIsRefused() throws Exception {
        Path config = installation("");

        Cli.Result result = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> Cli.withConfig(config, "run", "--http-host", "0.0.0.0", "--http-port", Integer.toString(freePort())));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).startsWith("backroute: error: management.token:")
                .contains("0.0.0.0").contains("set management.token_env or management.token_file, or bind 127.0.0.1")
                .doesNotContain("\n");
    }

    /** A data_files type with one successful backup, so that health is UP and metrics have its figures. */
    private Path installation(String extraJson) throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/movies.csv"), "id,title\n1,Heat\n");
        Path config = dir.resolve("backup_config.json");
        Files.writeString(config, """
                { "backup_types": { "data_files": { "schedule": "0 0 1 * * ?", "storage": ["local"], "source": { "paths": ["src"] } } }%s }
                """.formatted(extraJson));
        assertThat(Cli.withConfig(config, "backup", "--type", "data_files").exitCode()).isZero();
        return config;
    }

    static HttpResponse<String> get(int port, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.catalog.Manifests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, driven by npm playwright-core@1.65.2 through
 * src/test/resources/dashboard/read-dashboard.cjs. playwright-core is installed once, on first use, into
 * target/playwright-core ({@code npm install}, a few seconds, needs the npm registry); it never downloads a
 * browser: the script launches /usr/bin/chromium, which .ci/run installs.
 */
final class DashboardBrowser {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String VERSION = "1.65.2";
    private static final Path HOME = Path.of("target", "playwright-core").toAbsolutePath();
    private static final Path SCRIPT = Path.of("src", "test", "resources", "dashboard", "read-dashboard.cjs").toAbsolutePath();

    private DashboardBrowser() {}

    static boolean chromiumInstalled() {
        return Files.isExecutable(CHROMIUM);
    }

    /** Loads {@code url}, types {@code token} into the page's form and returns what read-dashboard.cjs saw. */
    static JsonNode read(Path workDir, String url, String token) throws Exception {
        install();
        Path out = workDir.resolve("browser.out");
        Path err = workDir.resolve("browser.err");
        ProcessBuilder builder = new ProcessBuilder("node", SCRIPT.toString()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("PLAYWRIGHT_CORE", HOME.resolve("node_modules/playwright-core").toString());
        builder.environment().put("DASHBOARD_URL", url);
        builder.environment().put("MANAGEMENT_TOKEN", token);
        builder.environment().put("PROFILE_DIR", Files.createDirectories(workDir.resolve("chromium-profile")).toString());
        Process p = builder.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            throw new AssertionError("the browser did not finish in 3 minutes: " + Files.readString(err));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("read-dashboard.cjs failed: " + Files.readString(err) + Files.readString(out));
        }
        return Manifests.mapper().readTree(out.toFile());
    }

    private static synchronized void install() throws IOException, InterruptedException {
        if (Files.isRegularFile(HOME.resolve("node_modules/playwright-core/package.json"))) {
            return;
        }
        Files.createDirectories(HOME);
        Path log = HOME.resolve("npm-install.log");
        Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", HOME.toString(), "playwright-core@" + VERSION)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("npm install playwright-core@" + VERSION + " into " + HOME + " failed: " + Files.readString(log));
        }
    }
}

package dev.backroute.camel;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.backroute.catalog.Manifests;
import dev.backroute.ops.Dashboard;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard on the management server: a static page at {@code /} (with its script and style sheet)
 * and the data it draws, {@code /observe/dashboard.json}. The page holds no data, so it is served to
 * anyone who can connect, like a login form; its script asks for the JSON with the bearer token the
 * operator types, which the token check guards like every other path.
 */
final class DashboardHttp {
    static final String JSON_PATH = "/observe/dashboard.json";

    /** A static file of the page: its resource under dev/backroute/dashboard/ and its content type. */
    private record Asset(String file, String contentType) {}

    private static final Map<String, Asset> PAGE = Map.of(
            "/", new Asset("index.html", "text/html; charset=utf-8"),
            "/dashboard.js", new Asset("dashboard.js", "text/javascript; charset=utf-8"),
            "/dashboard.css", new Asset("dashboard.css", "text/css; charset=utf-8"));

    /**
     * The page runs only its own script and style sheet and talks only to this server, so even text that
     * slipped into markup could not run or send anything elsewhere; no other site may frame it.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private DashboardHttp() {}

    /** True for the paths a browser may load without the token: the page's own static files. */
    static boolean isPublicPage(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        return (method == HttpMethod.GET || method == HttpMethod.HEAD) && PAGE.containsKey(ctx.normalizedPath());
    }

    static void mount(CamelContext context, Dashboard dashboard) {
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (server == null) {
            throw new IllegalStateException("the management HTTP server did not start; the dashboard has nowhere to be served");
        }
        Router router = server.getRouter();
        PAGE.forEach((path, asset) -> {
            byte[] body = resource(asset.file());
            router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD)
                    .handler(ctx -> send(ctx, asset.contentType(), body));
        });
        // The report reads storage, which may be a cloud bucket: off the event loop.
        Handler<RoutingContext> report = ctx -> {
            byte[] json;
            try {
                json = Manifests.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(dashboard.report());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            send(ctx, "application/json", json);
        };
        router.route(JSON_PATH).method(HttpMethod.GET).blockingHandler(report);
    }

    private static void send(RoutingContext ctx, String contentType, byte[] body) {
        HttpServerResponse response = ctx.response();
        response.putHeader("Content-Type", contentType)
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-store");
        response.end(Buffer.buffer(body));
    }

    private static byte[] resource(String name) {
        // Under the package's own folder of the jar, where no dependency can put a file of the same name.
        String path = "dev/backroute/dashboard/" + name;
        try (InputStream in = DashboardHttp.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no " + path + ": rebuild it");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

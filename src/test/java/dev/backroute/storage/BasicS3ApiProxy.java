package dev.backroute.storage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays an S3-compatible store that implements only the basic object API: in front of S3Mock on
 * 127.0.0.1, it answers ListMultipartUploads ({@code GET /bucket?uploads}) with 501 NotImplemented, as
 * such stores do, and forwards every other request and its answer unchanged.
 */
final class BasicS3ApiProxy implements AutoCloseable {
    /** Set by the JDK clients on either side; copying them would clash with what they compute. */
    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "expect",
            "transfer-encoding", "upgrade", "keep-alive");
    private static final byte[] NOT_IMPLEMENTED = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>NotImplemented</Code><Message>A header or query you provided implies functionality that is not implemented</Message><RequestId>proxy</RequestId></Error>
            """.getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String upstream;
    private final AtomicInteger refused = new AtomicInteger();

    BasicS3ApiProxy(String upstream) throws IOException {
        this.upstream = upstream;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many ListMultipartUploads calls were answered NotImplemented. */
    int refusedListMultipartUploads() {
        return refused.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            if (exchange.getRequestMethod().equals("GET") && query != null && List.of(query.split("&")).contains("uploads")) {
                refused.incrementAndGet();
                exchange.getResponseHeaders().set("Content-Type", "application/xml");
                send(exchange, 501, NOT_IMPLEMENTED);
                return;
            }
            forward(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void forward(HttpExchange exchange) throws IOException, InterruptedException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        boolean head = exchange.getRequestMethod().equals("HEAD");
        response.headers().map().forEach((name, values) -> {
            // A HEAD answer carries the object's length with no body: keep it.
            if (!HOP_HEADERS.contains(name.toLowerCase()) || (head && name.equalsIgnoreCase("content-length"))) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        send(exchange, response.statusCode(), head ? new byte[0] : response.body());
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        // The JDK server reads 0 as "chunked" and -1 as "no body".
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

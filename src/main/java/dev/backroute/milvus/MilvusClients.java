package dev.backroute.milvus;

import dev.backroute.config.SecretRef;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.client.RetryConfig;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** Opens SDK clients and turns SDK/gRPC failures into one-line messages that never hold the token. */
final class MilvusClients {

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_RPC_DEADLINE = Duration.ofMinutes(2);

    private MilvusClients() {}

    /** Settings for one server: where, as whom, how patient. */
    record Target(String uri, String token, String database, Duration connectTimeout, Duration rpcDeadline) {
        String shownUri() {
            return redactUri(uri);
        }
    }

    static String token(SecretRef ref, Map<String, String> env) {
        return ref != null && ref.isConfigured() ? ref.resolve(env) : null;
    }

    static MilvusClientV2 open(Target t) throws MilvusUnavailableException {
        ConnectConfig.ConnectConfigBuilder b = ConnectConfig.builder()
                .uri(t.uri())
                .connectTimeoutMs(t.connectTimeout().toMillis())
                .rpcDeadlineMs(t.rpcDeadline().toMillis());
        if (t.token() != null) {
            b.token(t.token());
        }
        if (t.database() != null && !t.database().isEmpty()) {
            b.dbName(t.database());
        }
        MilvusClientV2 client;
        try {
            client = new MilvusClientV2(b.build());
        } catch (RuntimeException e) {
            throw failure(t, null, e);
        }
        client.retryConfig(RetryConfig.builder().maxRetryTimes(5).maxRetryTimeoutMs(t.rpcDeadline().toMillis()).build());
        return client;
    }

    static void close(MilvusClientV2 client) {
        if (client != null) {
            try {
                client.close(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException ignored) {
                // closing a broken channel must not hide the error that matters
            }
        }
    }

    /** What went wrong talking to Milvus, as one line; {@code collection} may be null. */
    static MilvusUnavailableException failure(Target t, String collection, Throwable e) {
        String raw = messages(e);
        String lower = raw.toLowerCase(Locale.ROOT);
        String where = "Milvus at " + t.shownUri();
        String msg;
        if (lower.contains("unauthenticated") || lower.contains("auth check failure") || lower.contains("permission_denied")
                || lower.contains("authentication")) {
            msg = where + " rejected the credentials (authentication failed); check the token given by token_env or token_file";
        } else if (lower.contains("database") && lower.contains("not exist")) {
            msg = where + ": database " + t.database() + " does not exist; create it or fix the database setting";
        } else if (lower.contains("collection not found") || lower.contains("can't find collection")
                || lower.contains("collectionnotexists") || (collection != null && lower.contains("doesn't exist"))) {
            msg = where + ": " + (collection == null ? "a collection" : "collection " + collection) + " does not exist in database "
                    + t.database() + "; fix the collections list or create it";
        } else if (lower.contains("unavailable") || lower.contains("connection refused") || lower.contains("deadline_exceeded")
                || lower.contains("deadline exceeded") || lower.contains("unresolved") || lower.contains("timeout")
                || lower.contains("io exception") || lower.contains("connect")) {
            String why;
            if (lower.contains("connection refused")) {
                why = "connection refused";
            } else if (lower.contains("deadline")) {
                why = "no answer within " + t.connectTimeout().toMillis() / 1000.0 + " s";
            } else if (lower.contains("unresolved") || lower.contains("unknownhost")) {
                why = "unknown host";
            } else {
                why = firstLine(raw);
            }
            msg = "cannot reach " + where + " (" + why + "); check that Milvus is running and the uri is right";
        } else {
            msg = where + (collection == null ? "" : ", collection " + collection) + ": " + firstLine(raw);
        }
        return new MilvusUnavailableException(scrub(msg, t.token()), null);
    }

    static String scrub(String s, String token) {
        if (s == null) {
            return null;
        }
        String out = s.replace('\n', ' ').replace('\r', ' ');
        if (token != null && !token.isEmpty()) {
            out = out.replace(token, "***");
            out = out.replace(java.util.Base64.getEncoder().encodeToString(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "***");
        }
        return out.trim();
    }

    /** The uri without user info, query or fragment (tokens sometimes ride there). */
    static String redactUri(String uri) {
        try {
            URI u = URI.create(uri);
            if (u.getHost() == null) {
                return uri;
            }
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return uri.replaceAll("//[^/@]*@", "//");
        }
    }

    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable x = e; x != null && sb.length() < 2000; x = x.getCause() == x ? null : x.getCause()) {
            sb.append(x.getClass().getSimpleName()).append(": ").append(x.getMessage()).append(" | ");
        }
        return sb.toString();
    }

    private static String firstLine(String raw) {
        // the innermost cause usually says it best (e.g. "Connection refused: /127.0.0.1:1")
        String[] parts = raw.split(" \\| ");
        String best = parts[0];
        for (String p : parts) {
            if (!p.isBlank() && !p.endsWith(": null")) {
                best = p;
            }
        }
        best = best.replaceAll("^[A-Za-z]*Exception: ", "");
        return best.length() > 300 ? best.substring(0, 300) + "…" : best;
    }
}

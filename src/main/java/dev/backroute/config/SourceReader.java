package dev.backroute.config;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.PatternSyntaxException;

/** Reads the {@code source} of a backup type; its kind follows from the type's name. */
final class SourceReader {
    private static final List<String> NEO4J_SCHEMES = List.of("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc");
    private static final List<String> HTTP_SCHEMES = List.of("http", "https");

    private SourceReader() {}

    static SourceConfig read(String type, Fields f) {
        return switch (BackupConfig.kindOf(type)) {
            case "postgresql" -> postgres(f);
            case "neo4j" -> neo4j(f);
            case "milvus" -> milvus(f);
            default -> files(type, f);
        };
    }

    private static FilesSource files(String type, Fields f) {
        List<Path> paths = new ArrayList<>();
        f.requiredStrings("paths", "for a " + type + " source").forEach((path, node) -> paths.add(node.toPath(path)));
        Map<String, Node> exclude = f.strings("exclude", List.of());
        exclude.forEach(SourceReader::checkGlob);
        return new FilesSource(paths.stream().filter(Objects::nonNull).toList(), List.copyOf(exclude.keySet()));
    }

    private static void checkGlob(String glob, Node node) {
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (PatternSyntaxException e) {
            node.problem("not a valid glob pattern: " + e.getDescription() + " at index " + e.getIndex());
        }
    }

    private static PostgresSource postgres(Fields f) {
        String host = f.nonEmpty("host", "localhost");
        int port = f.integer("port", 5432, 1, 65535);
        String user = f.required("user", "for a postgresql source");
        SecretRef password = f.secret("password");
        List<String> databases = List.copyOf(f.requiredStrings("databases", "for a postgresql source").keySet());
        String format = f.choice("format", "plain", List.of("plain", "custom"));
        boolean globals = f.bool("globals", false);
        return new PostgresSource(host, port, user, password, databases, format, globals, f.path("bin_dir"));
    }

    private static Neo4jSource neo4j(Fields f) {
        String uri = f.required("uri", "for a neo4j source, e.g. bolt://localhost:7687");
        f.checkUri("uri", uri, NEO4J_SCHEMES);
        String user = f.nonEmpty("user", "neo4j");
        SecretRef password = f.secret("password");
        String database = f.nonEmpty("database", "neo4j");
        String mode = f.choice("mode", "logical", List.of("logical", "admin_dump"));
        return new Neo4jSource(uri, user, password, database, mode, f.nonEmpty("admin_command", "neo4j-admin"));
    }

    private static MilvusSource milvus(Fields f) {
        String uri = f.required("uri", "for a milvus source, e.g. http://localhost:19530");
        f.checkUri("uri", uri, HTTP_SCHEMES);
        SecretRef token = f.secret("token");
        String database = f.nonEmpty("database", "default");
        return new MilvusSource(uri, token, database, List.copyOf(f.strings("collections", List.of()).keySet()));
    }
}

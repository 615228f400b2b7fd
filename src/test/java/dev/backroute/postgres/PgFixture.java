package dev.backroute.postgres;

import dev.backroute.testsupport.PgTestServer;

import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a Backroute config whose postgresql type backs up databases of a {@link PgTestServer}. */
final class PgFixture {
    private PgFixture() {}

    static Path config(Path dir, PgTestServer pg, String compression, boolean encrypt, String format, String databases,
                       String extraSource) throws Exception {
        return config(dir, pg, compression, encrypt, format, databases, extraSource, "");
    }

    /** As above, with {@code extraType} (JSON members) added to the type block. */
    static Path config(Path dir, PgTestServer pg, String compression, boolean encrypt, String format, String databases,
                       String extraSource, String extraType) throws Exception {
        Path pw = dir.resolve("pgpass.txt");
        Files.writeString(pw, pg.password());
        String json = """
                { "backup_types": { "postgresql": { "compression": "%s", "encrypt": %s, "storage": ["local"],
                    "source": { "host": "127.0.0.1", "port": %d, "user": "postgres", "password_file": "pgpass.txt",
                                "databases": [%s], "format": "%s"%s }%s } },
                  "storage": { "local": { "type": "local", "path": "backups" } },
                  "encryption": { "keyset_file": "%s" } }
                """.formatted(compression, encrypt, pg.port(), databases, format, extraSource,
                        extraType.isEmpty() ? "" : ", " + extraType, encrypt ? "keyset.json" : "");
        Path config = dir.resolve("backup_config.json");
        Files.writeString(config, json);
        return config;
    }
}

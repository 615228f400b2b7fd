package dev.backroute.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A throwaway Backroute installation in a temp folder: a config file whose data_files type backs up
 * {@code <dir>/src} to a local target under {@code <dir>/backups}. Tests tweak the type block.
 */
public final class Installation {
    private final Path dir;
    private final Path config;

    private Installation(Path dir) {
        this.dir = dir;
        this.config = dir.resolve("backup_config.json");
    }

    public static Installation in(Path dir) {
        return new Installation(dir);
    }

    public Path dir() { return dir; }

    public Path config() { return config; }

    public Path source() { return dir.resolve("src"); }

    public Path backups() { return dir.resolve("backups"); }

    public Path typeFolder() { return backups().resolve("data_files"); }

    public Path keyset() { return dir.resolve("keyset.json"); }

    /** Writes the config with data_files using {@code compression} and {@code encrypt}; extra JSON goes into the type block. */
    public Installation write(String compression, boolean encrypt, String extraTypeJson) throws IOException {
        String type = "{ \"schedule\": \"0 0 1 * * ?\", \"compression\": \"" + compression + "\", \"encrypt\": " + encrypt
                + ", \"storage\": [\"local\"], \"source\": { \"paths\": [\"src\"] }"
                + (extraTypeJson.isEmpty() ? "" : ", " + extraTypeJson) + " }";
        String json = "{ \"backup_dir\": \"backups\", \"backup_types\": { \"data_files\": " + type + " },"
                + " \"storage\": { \"local\": { \"type\": \"local\", \"path\": \"backups\" } },"
                + " \"encryption\": { \"keyset_file\": \"" + (encrypt ? "keyset.json" : "") + "\" } }";
        Files.writeString(config, json);
        return this;
    }

    public Installation write(String compression, boolean encrypt) throws IOException {
        return write(compression, encrypt, "");
    }
}

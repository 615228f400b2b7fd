package dev.backroute.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** A copy of a test's config file with one change, for a command run as another operator's config would run it. */
public final class ConfigVariant {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigVariant() {}

    /**
     * Writes {@code config} changed by {@code edit} to {@code fileName} beside it, so that its relative paths
     * (backup folder, keyset, password files) mean the same files, and returns the copy's path.
     */
    public static Path write(Path config, String fileName, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(config.toFile());
        edit.accept(json);
        return Files.writeString(config.resolveSibling(fileName), json.toString());
    }

    /** The block of type {@code type} in a config's JSON. */
    public static ObjectNode type(ObjectNode json, String type) {
        return (ObjectNode) json.get("backup_types").get(type);
    }
}

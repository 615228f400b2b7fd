package dev.backroute.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a secret comes from: an environment variable or a file, never the config itself. The value is
 * read only when needed, so a config with a missing secret still loads for commands that do not use it.
 *
 * @param field the JSON path of the secret, e.g. {@code backup_types.postgresql.source.password}
 * @param env   the environment variable holding it, or null
 * @param file  the file holding it (absolute), or null
 */
public record SecretRef(String field, String env, Path file) {

    /** True when the config names a source for this secret. */
    public boolean isConfigured() {
        return env != null || file != null;
    }

    /**
     * The secret, from the environment variable or the file (trailing line breaks trimmed, as editors and
     * {@code echo} add them). Errors name the variable or file, never the value.
     */
    public String resolve(Map<String, String> environment) {
        if (env != null) {
            return nonEmpty(environment.get(env), field + "_env", "environment variable " + env,
                    "export " + env + " before running backroute");
        }
        if (file != null) {
            return nonEmpty(read(), field + "_file", "file " + file, "write the secret into it");
        }
        throw new ConfigException(field, field + ": not configured; give " + key() + "_env (name of an environment variable) or "
                + key() + "_file (path of a file)");
    }

    @Override
    public String toString() {
        if (env != null) {
            return field + " from environment variable " + env;
        }
        return file != null ? field + " from file " + file : field + " (not configured)";
    }

    private String read() {
        try {
            return Files.readString(file).replaceFirst("[\r\n]+$", "");
        } catch (NoSuchFileException e) {
            throw new ConfigException(field + "_file", field + "_file: file " + file + " not found; create it holding the secret or fix the path");
        } catch (IOException e) {
            String reason = e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
            throw new ConfigException(field + "_file", field + "_file: cannot read file " + file + ": " + reason);
        }
    }

    private static String nonEmpty(String value, String path, String source, String advice) {
        if (value == null) {
            throw new ConfigException(path, path + ": " + source + " is not set; " + advice);
        }
        if (value.isEmpty()) {
            throw new ConfigException(path, path + ": " + source + " is empty; " + advice);
        }
        return value;
    }

    private String key() {
        return field.substring(field.lastIndexOf('.') + 1);
    }
}

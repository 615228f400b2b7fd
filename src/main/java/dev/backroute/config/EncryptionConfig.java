package dev.backroute.config;

import java.nio.file.Path;

/**
 * Where the keyset comes from. Its content is not read at load time: only the types that encrypt need it.
 *
 * @param keysetFile absolute path of the keyset file, or null when not set
 * @param keysetEnv  the environment variable that may hold the keyset instead
 */
public record EncryptionConfig(Path keysetFile, String keysetEnv) {

    /** A keyset is configured: a file, or a non-empty value of the environment variable in {@code env}. */
    public boolean available(java.util.Map<String, String> env) {
        if (keysetFile != null) {
            return true;
        }
        String value = keysetEnv == null ? null : env.get(keysetEnv);
        return value != null && !value.isBlank();
    }
}

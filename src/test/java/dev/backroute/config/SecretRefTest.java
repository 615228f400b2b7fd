package dev.backroute.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SecretRefTest {
    private static final String FIELD = "backup_types.postgresql.source.password";
    private static final String SECRET = "s3cr3t-value";

    @TempDir
    Path dir;

    @Test
    void resolvesFromTheEnvironment() {
        SecretRef ref = new SecretRef(FIELD, "PGPASSWORD", null);

        assertThat(ref.isConfigured()).isTrue();
        assertThat(ref.resolve(Map.of("PGPASSWORD", SECRET))).isEqualTo(SECRET);
    }

    @Test
    void resolvesFromAFileWithoutItsTrailingNewline() throws Exception {
        Path file = Files.writeString(dir.resolve("pg"), SECRET + "\r\n");
        SecretRef ref = new SecretRef(FIELD, null, file);

        assertThat(ref.resolve(Map.of())).isEqualTo(SECRET);
    }

    @Test
    void keepsInnerWhitespaceOfAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("pg"), " two words \n");

        assertThat(new SecretRef(FIELD, null, file).resolve(Map.of())).isEqualTo(" two words ");
    }

    @Test
    void anUnsetVariableIsNamed() {
        ConfigException e = resolveFailure(new SecretRef(FIELD, "PGPASSWORD", null), Map.of("OTHER", SECRET));

        assertThat(e).hasMessage(FIELD + "_env: environment variable PGPASSWORD is not set; export PGPASSWORD before running backroute");
        assertThat(e.path()).isEqualTo(FIELD + "_env");
    }

    @Test
    void anEmptyVariableIsRefused() {
        assertThat(resolveFailure(new SecretRef(FIELD, "PGPASSWORD", null), Map.of("PGPASSWORD", "")))
                .hasMessageContaining("environment variable PGPASSWORD is empty");
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("absent");

        assertThat(resolveFailure(new SecretRef(FIELD, null, file), Map.of()))
                .hasMessage(FIELD + "_file: file " + file + " not found; create it holding the secret or fix the path");
    }

    @Test
    void anUnreadableFileIsNamed() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("pg"));

        assertThat(resolveFailure(new SecretRef(FIELD, null, directory), Map.of()))
                .hasMessageStartingWith(FIELD + "_file: cannot read file " + directory);
    }

    @Test
    void anUnconfiguredSecretSaysHowToConfigureIt() {
        SecretRef ref = new SecretRef(FIELD, null, null);

        assertThat(ref.isConfigured()).isFalse();
        assertThat(resolveFailure(ref, Map.of())).hasMessage(FIELD
                + ": not configured; give password_env (name of an environment variable) or password_file (path of a file)");
    }

    @Test
    void toStringNamesTheSourceNeverTheValue() throws Exception {
        Path file = Files.writeString(dir.resolve("pg"), SECRET);
        SecretRef fromEnv = new SecretRef(FIELD, "PGPASSWORD", null);
        SecretRef fromFile = new SecretRef(FIELD, null, file);
        fromEnv.resolve(Map.of("PGPASSWORD", SECRET));
        fromFile.resolve(Map.of());

        assertThat(fromEnv).hasToString(FIELD + " from environment variable PGPASSWORD");
        assertThat(fromFile).hasToString(FIELD + " from file " + file);
        assertThat(fromEnv.toString() + fromFile).doesNotContain(SECRET);
    }

    @Test
    void noErrorRepeatsASecretFromTheEnvironment() {
        ConfigException e = resolveFailure(new SecretRef(FIELD, "PGPASSWORD", null), Map.of("PG_PASSWORD", SECRET));

        assertThat(e.getMessage()).doesNotContain(SECRET);
        assertThat(e.problems()).noneMatch(p -> p.line().contains(SECRET));
    }

    private static ConfigException resolveFailure(SecretRef ref, Map<String, String> env) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ref.resolve(env));
        assertThat(e).as("resolve must fail").isNotNull();
        return e;
    }
}

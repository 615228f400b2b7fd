package dev.backroute.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;

import static dev.backroute.crypto.CryptoTestSupport.decrypt;
import static dev.backroute.crypto.CryptoTestSupport.encrypt;
import static dev.backroute.crypto.CryptoTestSupport.keyMaterialFragment;
import static dev.backroute.crypto.CryptoTestSupport.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class KeysetLoadingTest {
    private static final String VARIABLE = "BACKROUTE_KEYSET";

    @TempDir
    Path dir;
    private Path file;
    private String json;
    private String secret;

    @BeforeEach
    void generateKeyset() throws IOException {
        file = dir.resolve("keyset.json");
        Keyset.generate(file);
        json = Files.readString(file);
        secret = keyMaterialFragment(file);
    }

    @Test
    void loadsTheKeysetJsonFromTheEnvironment() throws IOException {
        Keyset fromEnv = Keyset.load(null, VARIABLE, Map.of(VARIABLE, json));

        assertThat(fromEnv.primaryKeyId()).isEqualTo(Keyset.readFile(file).primaryKeyId());
        assertThat(fromEnv.source()).isEqualTo("environment variable " + VARIABLE);
        byte[] plaintext = random(1000);
        assertThat(decrypt(Keyset.readFile(file), encrypt(fromEnv, plaintext))).isEqualTo(plaintext);
    }

    @Test
    void loadsBase64OfTheKeysetJsonFromTheEnvironmentEvenWhenLineWrapped() {
        String base64 = Base64.getMimeEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));

        Keyset fromEnv = Keyset.load(null, VARIABLE, Map.of(VARIABLE, base64 + "\n"));

        assertThat(fromEnv.primaryKeyId()).isEqualTo(Keyset.readFile(file).primaryKeyId());
    }

    @Test
    void theFileWinsOverTheEnvironment() {
        Keyset keyset = Keyset.load(file, VARIABLE, Map.of(VARIABLE, "not a keyset"));

        assertThat(keyset.source()).isEqualTo("file " + file);
    }

    @Test
    void anUnsetOrEmptyVariableSaysWhatToDo() {
        String expected = "environment variable BACKROUTE_KEYSET is not set: export the keyset JSON or set encryption.keyset_file";

        assertThat(loadFailure(() -> Keyset.load(null, VARIABLE, Map.of()))).hasMessage(expected);
        assertThat(loadFailure(() -> Keyset.load(null, VARIABLE, Map.of(VARIABLE, " ")))).hasMessage(expected);
    }

    @Test
    void aMissingFileSaysHowToCreateOne() {
        Path missing = dir.resolve("missing.json");

        assertThat(loadFailure(() -> Keyset.load(missing, VARIABLE, Map.of())))
                .hasMessage("encryption keyset file " + missing + " not found: create one with ./backroute keygen --out " + missing);
    }

    @Test
    void aKeysetReadableByOthersIsRefusedWithTheChmodThatFixesIt() throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(loadFailure(() -> Keyset.load(file, VARIABLE, Map.of())))
                .hasMessage("encryption keyset file " + file + " is readable by others (mode 0644): run chmod 600 " + file);
    }

    @Test
    void aKeysetWritableByItsGroupIsRefused() throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw--w----"));

        assertThat(loadFailure(() -> Keyset.readFile(file)))
                .hasMessage("encryption keyset file " + file + " is writable by its group (mode 0620): run chmod 600 " + file);
    }

    @Test
    void theModeCheckedIsTheOneOfTheFileALinkPointsTo() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        assertThat(loadFailure(() -> Keyset.readFile(link)))
                .hasMessage("encryption keyset file " + link + " is readable by its group (mode 0640): run chmod 600 " + link);
    }

    @Test
    void aDamagedKeysetFileIsRejectedWithoutEchoingIt() throws IOException {
        Files.writeString(file, json.substring(0, json.length() - 3));

        KeysetException failure = loadFailure(() -> Keyset.readFile(file));

        assertThat(failure).hasMessage("the encryption keyset in file " + file
                + " is not a valid Tink JSON keyset: create one with ./backroute keygen");
        assertThat(failure).hasNoCause();
    }

    @Test
    void aKeysetWithAnInvalidKeyValueIsRejectedWithoutEchoingIt() throws IOException {
        // 12 of the key's 32 bytes cut out: the key's encoding is truncated, whatever the random bytes are. (Inserting
        // text instead is not always invalid: Tink's base64 skips what it cannot read, and the bytes that result may
        // parse as a key with extra fields.)
        String damaged = json.replace(secret, "");
        assertThat(damaged).isNotEqualTo(json);
        Files.writeString(file, damaged);
        String rest = keyMaterialFragment(file);

        KeysetException failure = loadFailure(() -> Keyset.readFile(file));

        assertThat(failure.getMessage()).contains("is not a valid Tink JSON keyset").doesNotContain(secret).doesNotContain(rest);
        assertThat(failure).hasNoCause();
    }

    @Test
    void garbageInTheEnvironmentIsRejectedWithoutEchoingIt() {
        KeysetException failure = loadFailure(() -> Keyset.load(null, VARIABLE, Map.of(VARIABLE, "{\"key\": " + secret)));

        assertThat(failure.getMessage())
                .isEqualTo("the encryption keyset in environment variable BACKROUTE_KEYSET is not a valid Tink JSON keyset: create one with ./backroute keygen");
    }

    @Test
    void aKeysetOfAnotherKeyTypeIsRejected() throws GeneralSecurityException, IOException {
        AeadConfig.register();
        String aeadJson = TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(PredefinedAeadParameters.AES128_GCM), InsecureSecretKeyAccess.get());
        Files.writeString(file, aeadJson);

        KeysetException failure = loadFailure(() -> Keyset.readFile(file));

        assertThat(failure.getMessage())
                .startsWith("the encryption keyset in file " + file + " holds key ")
                .contains("which is not a streaming AEAD AES-GCM-HKDF key")
                .doesNotContain(keyMaterialFragment(file));
    }

    @Test
    void toStringNamesTheKeysButNotTheirMaterial() {
        Keyset keyset = Keyset.readFile(file);

        assertThat(keyset.toString())
                .isEqualTo("Keyset(primary=" + keyset.primaryKeyId() + ", keys=[" + keyset.primaryKeyId() + "], source=file " + file + ")")
                .doesNotContain(secret);
    }

    private static KeysetException loadFailure(Runnable load) {
        return catchThrowableOfType(KeysetException.class, load::run);
    }
}

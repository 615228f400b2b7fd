package dev.backroute.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static dev.backroute.crypto.CryptoTestSupport.decrypt;
import static dev.backroute.crypto.CryptoTestSupport.encrypt;
import static dev.backroute.crypto.CryptoTestSupport.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyGenerationTest {
    @TempDir
    Path dir;

    @Test
    void generatedKeysetFileIsReadableByItsOwnerOnly() throws IOException {
        Path file = dir.resolve("keyset.json");

        Keyset.generate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(dir).isDirectoryNotContaining(path -> path.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void generateReturnsThePrimaryKeyIdOfTheWrittenKeyset() {
        Path file = dir.resolve("keyset.json");

        long id = Keyset.generate(file);

        Keyset keyset = Keyset.readFile(file);
        assertThat(keyset.primaryKeyId()).isEqualTo(id);
        assertThat(keyset.keyIds()).containsExactly(id);
    }

    @Test
    void generateRefusesToOverwriteAnExistingFile() throws IOException {
        Path file = Files.writeString(dir.resolve("keyset.json"), "precious");

        assertThatThrownBy(() -> Keyset.generate(file))
                .isInstanceOf(KeysetException.class)
                .hasMessageContaining(file + " already exists");
        assertThat(file).hasContent("precious");
    }

    @Test
    void rotateAddsANewPrimaryAndKeepsTheOldKey() throws IOException {
        Path file = dir.resolve("keyset.json");
        long oldId = Keyset.generate(file);

        long newId = Keyset.rotate(file);

        Keyset rotated = Keyset.readFile(file);
        assertThat(newId).isNotEqualTo(oldId);
        assertThat(rotated.primaryKeyId()).isEqualTo(newId);
        assertThat(rotated.keyIds()).containsExactlyInAnyOrder(oldId, newId);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void rotateThroughASymlinkAddsTheKeyToTheFileItPointsToAndKeepsTheLink() throws IOException {
        Path real = Files.createDirectory(dir.resolve("secrets")).resolve("keyset.json");
        long oldId = Keyset.generate(real);
        Path link = Files.createSymbolicLink(dir.resolve("keyset.json"), real);

        long newId = Keyset.rotate(link);

        assertThat(link).isSymbolicLink();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(real);
        assertThat(Keyset.readFile(real).keyIds()).containsExactlyInAnyOrder(oldId, newId);
        assertThat(Keyset.readFile(real).primaryKeyId()).isEqualTo(newId);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(real))).isEqualTo("rw-------");
        assertThat(dir.resolve("secrets")).isDirectoryNotContaining(path -> path.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void backupsMadeBeforeRotationStillDecrypt() throws IOException {
        Path file = dir.resolve("keyset.json");
        Keyset.generate(file);
        byte[] plaintext = random(1_500_000);
        byte[] oldCiphertext = encrypt(Keyset.readFile(file), plaintext);

        Keyset.rotate(file);

        assertThat(decrypt(Keyset.readFile(file), oldCiphertext)).isEqualTo(plaintext);
    }

    @Test
    void backupsMadeAfterRotationUseTheNewPrimary() throws IOException {
        Path file = dir.resolve("keyset.json");
        Keyset.generate(file);
        Keyset beforeRotation = Keyset.readFile(file);

        Keyset.rotate(file);
        byte[] newCiphertext = encrypt(Keyset.readFile(file), random(10_000));

        assertThatThrownBy(() -> decrypt(beforeRotation, newCiphertext)).isInstanceOf(KeyMismatchException.class);
    }

    @Test
    void rotateOfAMissingFileExplainsHowToCreateOne() {
        Path file = dir.resolve("absent.json");

        assertThatThrownBy(() -> Keyset.rotate(file))
                .isInstanceOf(KeysetException.class)
                .hasMessage("encryption keyset file " + file + " not found: create one with ./backroute keygen --out " + file);
    }
}

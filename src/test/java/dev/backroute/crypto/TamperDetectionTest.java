package dev.backroute.crypto;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.backroute.crypto.CryptoTestSupport.AD;
import static dev.backroute.crypto.CryptoTestSupport.decrypt;
import static dev.backroute.crypto.CryptoTestSupport.encrypt;
import static dev.backroute.crypto.CryptoTestSupport.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TamperDetectionTest {
    /** AES256_GCM_HKDF_1MB: the header and every segment together fill 1 MiB of ciphertext. */
    private static final int SEGMENT = 1 << 20;
    private static final String MODIFIED_OR_TRUNCATED = "authentication failed: the encrypted data was modified or truncated";

    @TempDir
    static Path dir;
    private static Keyset keyset;
    private static byte[] ciphertext;

    @BeforeAll
    static void encryptThreeMegabytes() throws IOException {
        keyset = CryptoTestSupport.newKeyset(dir, "keyset.json");
        ciphertext = encrypt(keyset, random(3_000_000));
    }

    @Test
    void aDifferentKeysetIsReportedAsAKeyMismatch() {
        Keyset other = CryptoTestSupport.newKeyset(dir, "other.json");

        assertThatThrownBy(() -> decrypt(other, ciphertext))
                .isInstanceOf(KeyMismatchException.class)
                .hasMessage("the encryption key does not match: none of the keys in file " + dir.resolve("other.json")
                        + " (key ids " + other.primaryKeyId() + ") can decrypt this backup; use the keyset it was made with");
    }

    @Test
    void aFlippedByteInTheMiddleIsAnAuthenticationFailure() {
        byte[] modified = ciphertext.clone();
        modified[modified.length / 2] ^= 0x01;

        assertAuthenticationFailure(modified);
    }

    @Test
    void aMissingTailIsAnAuthenticationFailure() {
        assertAuthenticationFailure(Arrays.copyOf(ciphertext, ciphertext.length - 100));
    }

    @Test
    void aCutAtASegmentBoundaryIsAnAuthenticationFailure() {
        assertAuthenticationFailure(Arrays.copyOf(ciphertext, 2 * SEGMENT));
    }

    @Test
    void appendedBytesAreAnAuthenticationFailure() {
        byte[] extended = Arrays.copyOf(ciphertext, ciphertext.length + 10);

        assertAuthenticationFailure(extended);
    }

    @Test
    void aFailingSourceIsReportedAsItselfNotAsAKeyMismatch() {
        IOException networkError = new IOException("connection reset");
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw networkError;
            }
        };

        assertThatThrownBy(() -> keyset.decrypt(failing, AD).read()).isSameAs(networkError);
    }

    private static void assertAuthenticationFailure(byte[] damaged) {
        assertThatThrownBy(() -> decrypt(keyset, damaged))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(KeyMismatchException.class)
                .hasMessage(MODIFIED_OR_TRUNCATED);
    }
}

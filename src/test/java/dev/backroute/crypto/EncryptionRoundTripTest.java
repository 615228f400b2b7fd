package dev.backroute.crypto;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.backroute.crypto.CryptoTestSupport.AD;
import static dev.backroute.crypto.CryptoTestSupport.decrypt;
import static dev.backroute.crypto.CryptoTestSupport.encrypt;
import static dev.backroute.crypto.CryptoTestSupport.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EncryptionRoundTripTest {
    private static final int[] ODD_SIZES = {1, 7, 4093, 65_537, 1_048_577, 3};

    @TempDir
    static Path dir;
    private static Keyset keyset;

    @BeforeAll
    static void createKeyset() {
        keyset = CryptoTestSupport.newKeyset(dir, "keyset.json");
    }

    @Test
    void fiveMegabytesSurviveSmallAndOddSizedWritesAndReads() throws IOException {
        byte[] plaintext = random(5 * 1024 * 1024 + 13);

        ByteArrayOutputStream ciphertext = new ByteArrayOutputStream();
        try (OutputStream out = keyset.encrypt(ciphertext, AD)) {
            int position = 0;
            for (; position < 1000; position++) {
                out.write(plaintext[position]);
            }
            for (int i = 0; position < plaintext.length; i++) {
                int length = Math.min(ODD_SIZES[i % ODD_SIZES.length], plaintext.length - position);
                out.write(plaintext, position, length);
                position += length;
            }
        }

        byte[] decrypted = new byte[plaintext.length];
        try (InputStream in = keyset.decrypt(new ByteArrayInputStream(ciphertext.toByteArray()), AD)) {
            int position = 0;
            for (; position < 999; position++) {
                decrypted[position] = (byte) in.read();
            }
            for (int i = 0; position < decrypted.length; i++) {
                int count = in.read(decrypted, position, Math.min(ODD_SIZES[i % ODD_SIZES.length], decrypted.length - position));
                assertThat(count).isPositive();
                position += count;
            }
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(decrypted).isEqualTo(plaintext);
    }

    @Test
    void emptyPlaintextRoundTrips() throws IOException {
        byte[] ciphertext = encrypt(keyset, new byte[0]);

        assertThat(ciphertext).isNotEmpty();
        assertThat(decrypt(keyset, ciphertext)).isEmpty();
    }

    @Test
    void ciphertextDoesNotContainThePlaintext() throws IOException {
        byte[] plaintext = random(100_000);

        byte[] ciphertext = encrypt(keyset, plaintext);

        assertThat(ciphertext.length).isGreaterThan(plaintext.length);
        assertThat(indexOf(ciphertext, Arrays.copyOfRange(plaintext, 50_000, 50_032))).isEqualTo(-1);
    }

    @Test
    void differentAssociatedDataCannotDecrypt() throws IOException {
        byte[] ciphertext = encrypt(keyset, random(10_000));

        assertThatThrownBy(() -> keyset.decrypt(new ByteArrayInputStream(ciphertext), "another backup".getBytes()).readAllBytes())
                .isInstanceOf(IOException.class);
    }

    @Test
    void closingTheEncryptingStreamClosesTheCiphertextStream() throws IOException {
        boolean[] closed = {false};
        OutputStream target = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        keyset.encrypt(target, AD).close();

        assertThat(closed[0]).isTrue();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}

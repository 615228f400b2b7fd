package dev.backroute.crypto;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

final class CryptoTestSupport {
    static final byte[] AD = "backup 2026-11-25T03:00:00Z postgres".getBytes();

    private CryptoTestSupport() {}

    static Keyset newKeyset(Path dir, String name) {
        Path file = dir.resolve(name);
        Keyset.generate(file);
        return Keyset.readFile(file);
    }

    static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    static byte[] encrypt(Keyset keyset, byte[] plaintext) throws IOException {
        ByteArrayOutputStream ciphertext = new ByteArrayOutputStream();
        try (OutputStream out = keyset.encrypt(ciphertext, AD)) {
            out.write(plaintext);
        }
        return ciphertext.toByteArray();
    }

    static byte[] decrypt(Keyset keyset, byte[] ciphertext) throws IOException {
        try (InputStream in = keyset.decrypt(new ByteArrayInputStream(ciphertext), AD)) {
            return in.readAllBytes();
        }
    }

    /** Base64 of raw key bytes: the value's first characters encode the protobuf framing, its end the key itself. */
    static String keyMaterialFragment(Path keysetFile) throws IOException {
        String value = new ObjectMapper().readTree(Files.readString(keysetFile)).at("/key/0/keyData/value").asText();
        return value.substring(value.length() - 20, value.length() - 4);
    }
}

package dev.backroute.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingKey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Converts between Tink's cleartext JSON keyset format and a {@link KeysetHandle}. Parser errors
 * are replaced, never chained: Tink and its JSON/protobuf parsers may quote the offending input,
 * which here is key material.
 */
final class KeysetText {
    private KeysetText() {}

    static KeysetHandle parse(String json, String source) {
        KeysetHandle handle;
        List<KeysetHandle.Entry> entries = new ArrayList<>();
        try {
            handle = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
            // Tink parses each key only when its entry is fetched, and reports a bad one as IllegalStateException.
            for (int i = 0; i < handle.size(); i++) {
                entries.add(handle.getAt(i));
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeysetException("the encryption keyset in " + source + " is not a valid Tink JSON keyset: create one with ./backroute keygen");
        }
        for (KeysetHandle.Entry entry : entries) {
            if (!(entry.getKey() instanceof AesGcmHkdfStreamingKey)) {
                // Tink parameters describe the key type and sizes only, never the key bytes.
                throw new KeysetException("the encryption keyset in " + source + " holds key " + Integer.toUnsignedLong(entry.getId())
                        + " which is not a streaming AEAD AES-GCM-HKDF key but " + entry.getKey().getParameters()
                        + ": create a keyset with ./backroute keygen");
            }
        }
        return handle;
    }

    /**
     * An environment variable holds the JSON itself or its base64, which survives shells and
     * secret stores that mangle quotes. The MIME decoder accepts the line-wrapped output of
     * {@code base64 keyset.json}.
     */
    static String fromEnvironmentValue(String value, String source) {
        String trimmed = value.strip();
        if (trimmed.startsWith("{")) {
            return trimmed;
        }
        try {
            return new String(Base64.getMimeDecoder().decode(trimmed), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new KeysetException(source + " holds neither a Tink JSON keyset nor its base64: export the keyset JSON");
        }
    }

    static String serialize(KeysetHandle handle) {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new KeysetException("cannot serialize the encryption keyset: " + e.getMessage());
        }
    }
}

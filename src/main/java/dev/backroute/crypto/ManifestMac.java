package dev.backroute.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates manifests with HMAC-SHA256 under a key derived from the backup keyset (never the AEAD key
 * itself). Whoever can write the storage but does not hold the keyset cannot forge or alter a manifest: not
 * its time, its success, its checksums, nor the names it points at. Every enabled key verifies, so manifests
 * sealed before a key rotation stay trusted; new seals use the primary key.
 */
public final class ManifestMac {
    public static final String ALGORITHM = "HMAC-SHA256";
    private static final String PURPOSE = "backroute manifest authentication v1";

    private final Keyset keyset;
    private final Map<Long, SecretKeySpec> keys = new ConcurrentHashMap<>();

    public ManifestMac(Keyset keyset) {
        this.keyset = keyset;
    }

    /** What a manifest carries in its {@code mac} field: never key material, only the key's id and the tag. */
    public record Seal(String algorithm, long keyId, String value) {}

    public Seal seal(byte[] canonicalManifest) {
        long keyId = keyset.primaryKeyId();
        return new Seal(ALGORITHM, keyId, Base64.getEncoder().encodeToString(tag(key(keyId), canonicalManifest)));
    }

    /** False for a wrong tag, an unknown algorithm, or a key id that is not in the keyset. */
    public boolean verify(byte[] canonicalManifest, Seal seal) {
        if (seal == null || !ALGORITHM.equals(seal.algorithm()) || seal.value() == null) {
            return false;
        }
        SecretKeySpec key = key(seal.keyId());
        if (key == null) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = Base64.getDecoder().decode(seal.value());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(tag(key, canonicalManifest), claimed);
    }

    /** Whether the keyset holds the key a seal names: a seal by an unknown key points at a wrong keyset, not at tampering. */
    public boolean knowsKey(long keyId) {
        return keyset.keyIds().contains(keyId);
    }

    public String keysetSource() {
        return keyset.source();
    }

    private SecretKeySpec key(long keyId) {
        if (!keyset.keyIds().contains(keyId)) {
            return null;
        }
        return keys.computeIfAbsent(keyId, id -> new SecretKeySpec(keyset.derivedKey(id, PURPOSE), "HmacSHA256"));
    }

    private static byte[] tag(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}

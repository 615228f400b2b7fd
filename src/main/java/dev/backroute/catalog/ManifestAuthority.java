package dev.backroute.catalog;

import dev.backroute.config.BackupConfig;
import dev.backroute.config.EncryptionConfig;
import dev.backroute.crypto.Keyset;
import dev.backroute.crypto.ManifestMac;

import java.util.Map;

/**
 * Seals the manifests Backroute writes and says whether a manifest read back may be believed. With a
 * keyset configured every manifest must carry a valid MAC under one of its keys; without one there is
 * nothing to check a manifest against beyond its fields ({@link ManifestCheck}), and docs/security.md says
 * what that leaves open. The keyset is read at the first manifest that needs it.
 */
public final class ManifestAuthority {
    private final EncryptionConfig encryption;
    private final Map<String, String> env;
    private ManifestMac mac;

    public ManifestAuthority(EncryptionConfig encryption, Map<String, String> env) {
        this.encryption = encryption;
        this.env = env;
    }

    public static ManifestAuthority of(BackupConfig config, Map<String, String> env) {
        return new ManifestAuthority(config.encryption(), env);
    }

    /** A keyset is configured: a file, or a non-empty environment variable. */
    public boolean configured() {
        return encryption != null && encryption.available(env);
    }

    /** The manifest's bytes, sealed when a keyset is configured. */
    public byte[] toJson(BackupRecord record) {
        return Manifests.toJson(record, mac());
    }

    /** Any other record written beside the manifests ({@code value} serialized as JSON), sealed the same way. */
    public byte[] sealedJson(Object value) {
        return Manifests.sealedJson(value, mac());
    }

    /**
     * Null when a record read back may be believed (its seal is good, or no keyset is configured), else why not, on
     * one line; {@code what} names it ("drill record").
     */
    public String distrust(Manifests.Sealed read, String what, String where) {
        ManifestMac m = mac();
        if (m == null) {
            return null;
        }
        if (read.seal() == null) {
            return what + " " + where + " has no MAC although a keyset is configured: it was written by someone without the"
                    + " key; it is not used";
        }
        if (!m.knowsKey(read.seal().keyId()) || !m.verify(read.canonical(), read.seal())) {
            return what + " " + where + " fails its MAC check under " + m.keysetSource() + ": it was changed after it was"
                    + " written, forged, or sealed with another keyset; it is not used";
        }
        return null;
    }

    /** Null when the manifest may be believed, else what is wrong with its seal. */
    Distrust check(Manifests.Parsed manifest, String where) {
        ManifestMac m = mac();
        if (m == null) {
            return null;
        }
        ManifestMac.Seal seal = manifest.seal();
        if (seal == null) {
            return new Distrust(true, "manifest " + where + " has no MAC although a keyset is configured: it was written"
                    + " before manifests were authenticated, or by someone without the key; it is not used (to adopt"
                    + " backups made before, see docs/recovery.md: validate --adopt-unsigned)");
        }
        if (!m.knowsKey(seal.keyId())) {
            return new Distrust(false, "the encryption key does not match: manifest " + where + " is sealed with key id "
                    + seal.keyId() + ", which is not in " + m.keysetSource() + "; use the keyset it was written with");
        }
        if (!m.verify(manifest.canonical(), seal)) {
            return new Distrust(false, "manifest " + where + " fails its MAC check: it was changed after it was written,"
                    + " or forged; it is not used");
        }
        return null;
    }

    /** Why a manifest is not believed; {@code unsigned} ones predate authentication and may be adopted. */
    record Distrust(boolean unsigned, String reason) {}

    private ManifestMac mac() {
        if (mac == null && configured()) {
            mac = new ManifestMac(Keyset.load(encryption.keysetFile(), encryption.keysetEnv(), env));
        }
        return mac;
    }
}

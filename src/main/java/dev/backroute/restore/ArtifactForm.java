package dev.backroute.restore;

import dev.backroute.catalog.BackupRecord;
import dev.backroute.config.TypeConfig;
import dev.backroute.crypto.Keyset;
import dev.backroute.pipeline.Compression;
import dev.backroute.repository.Repository;

/**
 * What a stored artifact is and how to open it, decided by the type's config and checked against what
 * the manifest claims before a byte is read. The config decides the kind and whether encryption is
 * required: a type with {@code encrypt: true} refuses a plaintext artifact whatever its manifest says,
 * and the artifact's name, compression and encryption must all tell the same story.
 *
 * @param base the source format: {@code tar}, {@code sql}, {@code dump} or {@code jsonl}
 */
public record ArtifactForm(String kind, String base, Compression compression, boolean encrypted) {

    public static ArtifactForm of(TypeConfig type, BackupRecord record) throws IntegrityException {
        String id = record.id();
        if (!record.success() || record.artifact() == null) {
            throw new IntegrityException("backup " + id + " failed when it ran and has no artifact: " + record.error());
        }
        String name = record.artifact();
        if (!name.startsWith(id + ".")) {
            throw refused(record, "its artifact " + name + " is not named after the backup");
        }
        if (record.inRepository()) {
            return inRepository(type, record, name.substring(id.length() + 1));
        }
        String[] parts = name.substring(id.length() + 1).split("\\.");
        String base = parts[0];
        boolean encrypted = parts[parts.length - 1].equals("enc");
        String compressionExt = parts.length - (encrypted ? 1 : 0) > 1 ? "." + parts[1] : "";
        Compression compression = record.compression() == null ? null : Compression.fromConfigName(record.compression().algorithm());
        if (compression == null || !compression.extension().equals(compressionExt)
                || parts.length != 1 + (compressionExt.isEmpty() ? 0 : 1) + (encrypted ? 1 : 0)) {
            throw refused(record, "its compression " + (record.compression() == null ? "(none given)" : record.compression().algorithm())
                    + " does not match its artifact's name " + name);
        }
        if (type.encrypt() && (!encrypted || record.encryption() == null)) {
            throw notEncrypted(type, record);
        }
        if (encrypted != (record.encryption() != null)) {
            throw refused(record, "its manifest and its artifact's name " + name + " disagree on encryption");
        }
        if (encrypted && !Keyset.ALGORITHM.equals(record.encryption().algorithm())) {
            throw refused(record, "its encryption algorithm is not " + Keyset.ALGORITHM);
        }
        return new ArtifactForm(type.kind(), base, compression, encrypted);
    }

    /**
     * A repository's chunks carry their own compression and seal, so the stream is named {@code <id>.<base>} alone;
     * whether it must be encrypted is still the config's to say, and the repository's key file must then be wrapped
     * (checked when the repository is opened).
     */
    private static ArtifactForm inRepository(TypeConfig type, BackupRecord record, String base) throws IntegrityException {
        if (!base.matches("[a-z]+")) {
            throw refused(record, "its stream " + record.artifact() + " is not named " + record.id() + ".<format>");
        }
        boolean encrypted = record.encryption() != null;
        if (type.encrypt() && !encrypted) {
            throw notEncrypted(type, record);
        }
        if (encrypted && !Repository.ALGORITHM.equals(record.encryption().algorithm())) {
            throw refused(record, "its encryption algorithm is not " + Repository.ALGORITHM);
        }
        return new ArtifactForm(type.kind(), base, Compression.NONE, encrypted);
    }

    private static IntegrityException notEncrypted(TypeConfig type, BackupRecord record) {
        return new IntegrityException("backup " + record.id() + " is not encrypted, but backup_types." + type.name() + ".encrypt is true:"
                + " refusing it (a plaintext artifact in an encrypted type was planted, or predates encryption; see"
                + " docs/recovery.md)");
    }

    private static IntegrityException refused(BackupRecord record, String why) {
        return new IntegrityException("backup " + record.id() + " is refused: " + why);
    }
}

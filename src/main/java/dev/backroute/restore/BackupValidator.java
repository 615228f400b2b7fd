package dev.backroute.restore;

import dev.backroute.Errors;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.BackupRecord.ValidationInfo;
import dev.backroute.catalog.LocatedBackup;
import dev.backroute.catalog.Locks;
import dev.backroute.catalog.CatalogLock;
import dev.backroute.catalog.ManifestAuthority;
import dev.backroute.config.BackupConfig;
import dev.backroute.pipeline.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.backroute.repository.BlobName;

/**
 * Re-reads what was stored, on every target that holds the backup: stored checksum, decryption,
 * decompression, and the structure of the content ({@link #validate}); or, right after a backup, only that
 * each stored copy is the bytes that were written ({@link #checkStoredCopies}). The result is written into
 * each target's manifest ({@code validation}) so {@code list} can show it.
 */
public final class BackupValidator {
    private static final Logger LOG = LoggerFactory.getLogger(BackupValidator.class);

    private final BackupConfig config;
    private final ArtifactDecoder decoder;
    private final ManifestAuthority authority;
    private final Locks locks;
    private final Clock clock;

    public BackupValidator(BackupConfig config) {
        this(config, System.getenv(), Clock.systemUTC());
    }

    public BackupValidator(BackupConfig config, Map<String, String> env, Clock clock) {
        this.config = config;
        this.decoder = new ArtifactDecoder(config, env);
        this.authority = ManifestAuthority.of(config, env);
        this.locks = Locks.of(config, env);
        this.clock = clock;
    }

    /** The catalog this validator trusts: the same keyset seals what it writes back. */
    public BackupCatalog catalog() {
        return new BackupCatalog(config, authority);
    }

    public ValidationResult validateBackup(BackupRecord record) {
        try {
            return validate(catalog().byId(record.type(), record.id()));
        } catch (IOException | RuntimeException e) {
            return ValidationResult.of(record.id(), List.of(new ValidationResult.CopyResult("catalog", false, Errors.describe(e))));
        }
    }

    public ValidationResult validate(LocatedBackup backup) {
        return validate(backup, ProgressListener.NONE, "validate");
    }

    /** As {@link #validate(LocatedBackup)}, reporting the stored bytes read of each copy to {@code progress} as a {@code phase}. */
    public ValidationResult validate(LocatedBackup backup, ProgressListener progress, String phase) {
        return checkEveryCopy(backup, fullDecode(decoder.reporting(progress, phase), backup.record()), ValidationInfo.FULL);
    }

    /**
     * The check after a backup: every copy's stored bytes are read and hashed against the manifest's
     * {@code stored_bytes} and {@code sha256}, without decrypting or decompressing them (the full decode is
     * {@link #validate}'s). Reported and written back as a validation, so a damaged or missing copy fails
     * exactly as there. For a backup in the type's repository, {@code packsWritten} (by target) are the packs
     * the run uploaded: only those are read back.
     */
    public ValidationResult checkStoredCopies(LocatedBackup backup, Map<String, List<String>> packsWritten, ProgressListener progress,
            String phase) {
        ArtifactDecoder reader = decoder.reporting(progress, phase);
        return checkEveryCopy(backup, copy -> reader.checkStored(backup.record(), copy, packsWritten.getOrDefault(copy.name(), List.of())),
                ValidationInfo.STORED);
    }

    private ValidationResult checkEveryCopy(LocatedBackup backup, CopyCheck check, String scope) {
        BackupRecord record = backup.record();
        List<ValidationResult.CopyResult> results = new ArrayList<>();
        for (LocatedBackup.Copy copy : backup.copies()) {
            ValidationResult.CopyResult result = checkCopy(check, record, copy);
            results.add(result);
            remember(record, copy, result, scope);
        }
        return ValidationResult.of(record.id(), results);
    }

    /**
     * The explicit step that takes a backup written before manifests were authenticated into the trusted
     * catalog: it is read in full and checked against the config like any other, and only when it passes
     * is its manifest sealed with the keyset. One that fails stays untrusted and unchanged.
     */
    public ValidationResult adopt(LocatedBackup unsigned, ProgressListener progress) {
        BackupRecord record = unsigned.record();
        CopyCheck decode = fullDecode(decoder.reporting(progress, "validate"), record);
        List<ValidationResult.CopyResult> results = new ArrayList<>();
        for (LocatedBackup.Copy copy : unsigned.copies()) {
            ValidationResult.CopyResult result = checkCopy(decode, record, copy);
            results.add(result);
            if (result.success()) {
                remember(record, copy, result, ValidationInfo.FULL);
            }
        }
        return ValidationResult.of(record.id(), results);
    }

    /** One copy's check; returns what it proved, throws what is wrong. */
    @FunctionalInterface
    private interface CopyCheck {
        String run(LocatedBackup.Copy copy) throws IOException;
    }

    private static CopyCheck fullDecode(ArtifactDecoder reader, BackupRecord record) {
        return copy -> reader.decode(record, copy, reader.structureCheck(record));
    }

    private ValidationResult.CopyResult checkCopy(CopyCheck check, BackupRecord record, LocatedBackup.Copy copy) {
        try {
            String detail = check.run(copy);
            LOG.info("backup {} on {} passed: {}", record.id(), copy.name(), detail);
            return new ValidationResult.CopyResult(copy.name(), true, detail);
        } catch (IOException | RuntimeException e) {
            LOG.error("backup {} on {} failed validation: {}", record.id(), copy.name(), Errors.describe(e));
            return new ValidationResult.CopyResult(copy.name(), false, Errors.describe(e));
        }
    }

    private static boolean stillStored(BackupRecord record, LocatedBackup.Copy copy) throws IOException {
        if (record.inRepository()) {
            String snapshot = record.snapshots() == null ? null : record.snapshots().get(copy.name());
            return snapshot != null && copy.target().repository(record.type()).exists(BlobName.snapshot(snapshot));
        }
        return copy.target().size(record.type(), record.artifact()) >= 0;
    }

    /**
     * A copy given by file path has no catalog to update; a failed write-back never changes the verdict.
     * Under the type's catalog lock, and only while the backup is still there: retention may have deleted
     * it since it was read, and writing its manifest back would bring back a backup without an artifact.
     */
    private void remember(BackupRecord record, LocatedBackup.Copy copy, ValidationResult.CopyResult result, String scope) {
        if (copy.target() == null || !record.success()) {
            return;
        }
        BackupRecord updated = record.withValidation(new ValidationInfo(clock.instant(), result.success(),
                result.success() ? null : result.detail(), scope));
        String type = record.type();
        try (CatalogLock lock = CatalogLock.acquire(locks, type)) {
            if (copy.target().size(type, record.manifestName()) < 0 || !stillStored(record, copy)) {
                LOG.info("not recording the validation of {} on {}: it was deleted meanwhile", record.id(), copy.name());
                return;
            }
            copy.target().putManifest(type, record.manifestName(), authority.toJson(updated));
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not record the validation of {} on {}: {}", record.id(), copy.name(), Errors.describe(e));
        }
    }
}

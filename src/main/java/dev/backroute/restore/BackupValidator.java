package dev.backroute.restore;

import dev.backroute.Errors;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.BackupRecord.ValidationInfo;
import dev.backroute.catalog.LocatedBackup;
import dev.backroute.catalog.Manifests;
import dev.backroute.config.BackupConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Re-reads what was stored, on every target that holds the backup: stored checksum, decryption,
 * decompression, and the structure of the content. The result is written into each target's manifest
 * ({@code validation}) so {@code list} can show it.
 */
public final class BackupValidator {
    private static final Logger LOG = LoggerFactory.getLogger(BackupValidator.class);

    private final BackupConfig config;
    private final ArtifactDecoder decoder;
    private final Clock clock;

    public BackupValidator(BackupConfig config) {
        this(config, System.getenv(), Clock.systemUTC());
    }

    public BackupValidator(BackupConfig config, Map<String, String> env, Clock clock) {
        this.config = config;
        this.decoder = new ArtifactDecoder(config.encryption(), env);
        this.clock = clock;
    }

    public ValidationResult validateBackup(BackupRecord record) {
        try {
            return validate(new BackupCatalog(config).byId(record.type(), record.id()));
        } catch (IOException | RuntimeException e) {
            return ValidationResult.of(record.id(), List.of(new ValidationResult.CopyResult("catalog", false, Errors.describe(e))));
        }
    }

    public ValidationResult validate(LocatedBackup backup) {
        BackupRecord record = backup.record();
        List<ValidationResult.CopyResult> results = new ArrayList<>();
        for (LocatedBackup.Copy copy : backup.copies()) {
            ValidationResult.CopyResult result = validateCopy(record, copy);
            results.add(result);
            remember(record, copy, result);
        }
        return ValidationResult.of(record.id(), results);
    }

    private ValidationResult.CopyResult validateCopy(BackupRecord record, LocatedBackup.Copy copy) {
        try {
            String detail = decoder.decode(record, copy.artifact(), ContentCheck.forRecord(record));
            LOG.info("backup {} on {} is valid: {}", record.id(), copy.name(), detail);
            return new ValidationResult.CopyResult(copy.name(), true, detail);
        } catch (IOException | RuntimeException e) {
            LOG.error("backup {} on {} failed validation: {}", record.id(), copy.name(), Errors.describe(e));
            return new ValidationResult.CopyResult(copy.name(), false, Errors.describe(e));
        }
    }

    /** A copy given by file path has no catalog to update; a failed write-back never changes the verdict. */
    private void remember(BackupRecord record, LocatedBackup.Copy copy, ValidationResult.CopyResult result) {
        if (copy.target() == null || !record.success()) {
            return;
        }
        BackupRecord updated = record.withValidation(new ValidationInfo(clock.instant(), result.success(),
                result.success() ? null : result.detail()));
        try {
            copy.target().putManifest(record.type(), record.manifestName(), Manifests.toJson(updated));
        } catch (IOException e) {
            LOG.warn("could not record the validation of {} on {}: {}", record.id(), copy.name(), Errors.describe(e));
        }
    }
}

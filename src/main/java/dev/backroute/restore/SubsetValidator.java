package dev.backroute.restore;

import dev.backroute.Errors;
import dev.backroute.catalog.TypeRepositories;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.StorageFormat;
import dev.backroute.config.TypeConfig;
import dev.backroute.repository.BlobName;
import dev.backroute.repository.DataSubset;
import dev.backroute.repository.SubsetPosition;
import dev.backroute.repository.SubsetReport;
import dev.backroute.storage.StorageTarget;
import dev.backroute.storage.StorageTargets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code validate --read-data-subset} and the scheduled subset pass: on each target of a repository type, the
 * repository's structure and one step of the rotation through its packs ({@code Repository.checkSubset}), each
 * target's position kept in {@link SubsetPositions}. Archive types have no packs: the full validation reads them.
 * A reader: it takes no lock, and a prune running meanwhile is not mistaken for damage.
 */
public final class SubsetValidator {
    private static final Logger LOG = LoggerFactory.getLogger(SubsetValidator.class);

    private final BackupConfig config;
    private final TypeRepositories repositories;
    private final SubsetPositions positions;

    public SubsetValidator(BackupConfig config, TypeRepositories repositories) {
        this.config = config;
        this.repositories = repositories;
        this.positions = new SubsetPositions(config.backupDir());
    }

    public static boolean applies(TypeConfig type) {
        return type.format() == StorageFormat.REPOSITORY;
    }

    public SubsetResult validate(String typeName, DataSubset subset) {
        TypeConfig type = config.type(typeName);
        if (!applies(type)) {
            throw new IllegalArgumentException(type.name() + " keeps archives, not a repository");
        }
        List<SubsetResult.OnTarget> results = new ArrayList<>();
        for (StorageTarget target : StorageTargets.forType(config, type)) {
            results.add(onTarget(type, target, subset));
        }
        return new SubsetResult(type.name(), results);
    }

    private SubsetResult.OnTarget onTarget(TypeConfig type, StorageTarget target, DataSubset subset) {
        try {
            if (target.repository(type.name()).list(BlobName.KEYS).isEmpty()) {
                return new SubsetResult.OnTarget(target.name(), null, null); // no backup of it there yet
            }
            SubsetPosition from = positions.read(type.name(), target.name());
            SubsetReport report = repositories.forReading(type, target).checkSubset(subset, from);
            if (report.ok()) {
                positions.write(type.name(), target.name(), report.next());
            }
            LOG.info("{} on {}: {} of {} pack(s) read ({} bytes, {}), {} snapshot(s), {} problem(s)", type.name(), target.name(),
                    report.packsRead(), report.packsTotal(), report.bytesRead(), subset.text(), report.snapshots(),
                    report.problems().size() + report.damaged().size());
            return new SubsetResult.OnTarget(target.name(), report, null);
        } catch (IOException | RuntimeException e) {
            return new SubsetResult.OnTarget(target.name(), null, "validation of " + type.name() + " on target '" + target.name()
                    + "' not done: " + Errors.describe(e));
        }
    }
}

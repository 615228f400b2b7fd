package dev.backroute.catalog;

import dev.backroute.Errors;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;
import dev.backroute.repository.BlobName;
import dev.backroute.repository.BlobStore;
import dev.backroute.storage.StorageTargets;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A type's logical size against what it takes on each target. Logical: the raw bytes of the successful
 * backups kept there, what restoring each of them would produce. Stored: for a repository type its packs on
 * the target (one listing of {@code repository/data/}, sizes only, nothing read), shared by every snapshot;
 * for an archive type the stored bytes of those backups' artifacts. Their ratio is what deduplication and
 * compression save together (an archive's: compression alone).
 */
public final class TypeSizes {
    private final BackupConfig config;

    TypeSizes(BackupConfig config) {
        this.config = config;
    }

    /**
     * One target's figures. {@code storedBytes} and {@code dedupRatio} are null, and {@code error} says why,
     * when the target's repository could not be listed; {@code dedupRatio} is also null while nothing is stored.
     */
    public record OnTarget(long logicalBytes, Long storedBytes, Double dedupRatio, String error) {

        static OnTarget of(long logical, long stored) {
            // Three decimals: a ratio is read by eye and compared with alert thresholds, never summed.
            Double ratio = stored == 0 ? null : Math.round(logical * 1000.0 / stored) / 1000.0;
            return new OnTarget(logical, stored, ratio, null);
        }

        static OnTarget unlisted(long logical, String error) {
            return new OnTarget(logical, null, null, error);
        }
    }

    /** Per target of the type, in its {@code storage} order. */
    Map<String, OnTarget> of(BackupStatus status) {
        TypeConfig type = config.type(status.type());
        Map<String, OnTarget> sizes = new LinkedHashMap<>();
        for (String target : type.storage()) {
            long logical = status.rawBytesPerTarget().getOrDefault(target, 0L);
            if (!type.usesRepository()) {
                sizes.put(target, OnTarget.of(logical, status.bytesPerTarget().getOrDefault(target, 0L)));
                continue;
            }
            try {
                sizes.put(target, OnTarget.of(logical, packBytes(type, target)));
            } catch (IOException | RuntimeException e) {
                sizes.put(target, OnTarget.unlisted(logical, "cannot list the repository of " + type.name() + " on target '" + target
                        + "': " + Errors.describe(e)));
            }
        }
        return sizes;
    }

    private long packBytes(TypeConfig type, String target) throws IOException {
        BlobStore store = StorageTargets.create(config.storage().get(target)).repository(type.name());
        return store.list(BlobName.DATA).stream().mapToLong(BlobStore.Blob::size).sum();
    }
}

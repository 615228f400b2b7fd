package dev.backroute.backup;

import dev.backroute.BackrouteExchange;
import dev.backroute.Errors;
import dev.backroute.catalog.Manifests;
import dev.backroute.catalog.TypeLock;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;
import dev.backroute.pipeline.ProgressListener;
import dev.backroute.storage.OwnerOnly;
import dev.backroute.storage.StorageTarget;
import dev.backroute.storage.StorageTargets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * First step of every backup route: takes the type's lock (released when the exchange completes, however
 * it ends) and clears what an interrupted run of the type left behind. The route names its type in the
 * {@link BackrouteExchange#TYPE} exchange property.
 */
public final class BeginBackupStep implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(BeginBackupStep.class);

    private final BackupConfig config;
    private final Clock clock;

    public BeginBackupStep(BackupConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String typeName = exchange.getProperty(BackrouteExchange.TYPE, String.class);
        TypeConfig type = config.type(typeName);
        List<StorageTarget> targets = StorageTargets.forType(config, type);
        TypeLock lock = TypeLock.acquire(config.backupDir(), type.name());
        Path staging = config.backupDir().resolve(".staging");
        BackupGroup group = new BackupGroup(type, lock, targets, staging,
                exchange.getProperty(BackrouteExchange.PROGRESS, ProgressListener.NONE, ProgressListener.class));
        exchange.getExchangeExtension().addOnCompletion(new ReleaseLock(group));
        exchange.setProperty(BackrouteExchange.GROUP, group);

        OwnerOnly.createDirectories(staging);
        removeStagingLeftovers(staging, type.name());
        for (StorageTarget target : targets) {
            removeLeftovers(target, type.name(), group);
            removeOrphanArtifacts(target, type.name());
        }
        LOG.info("backup run of {} started", type.name());
    }

    /**
     * Housekeeping, not the backup: S3-compatible stores that implement only the basic object API answer
     * ListMultipartUploads with NotImplemented, and that must not stop their backups. A target that is
     * really unusable fails the listing just after, with its own error.
     */
    private static void removeLeftovers(StorageTarget target, String type, BackupGroup group) {
        try {
            target.removeLeftovers(type);
        } catch (IOException | RuntimeException e) {
            String warning = "storage target '" + target.name() + "': skipped removing what interrupted backups left ("
                    + Errors.describe(e) + "); the backup goes on: clear unfinished uploads with the store's own tools or expiry rules";
            LOG.warn(warning);
            group.warn(warning);
        }
    }

    private static void removeStagingLeftovers(Path staging, String type) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(staging, type + "_*")) {
            for (Path f : files) {
                Files.deleteIfExists(f);
                LOG.info("removed staging leftover {} of an interrupted backup", f);
            }
        }
    }

    /**
     * An artifact with no manifest beside it is what a crash between the two writes leaves. It is not a
     * backup (nothing vouches for its checksum) and, under the lock, nothing can still be writing it.
     */
    private static void removeOrphanArtifacts(StorageTarget target, String type) throws IOException {
        Pattern artifactName = Pattern.compile(Pattern.quote(type) + "_\\d{8}_\\d{6}(_\\d+)?\\..+");
        List<String> names = target.list(type);
        Set<String> committed = new HashSet<>();
        for (String n : names) {
            if (Manifests.isManifestName(n)) {
                committed.add(Manifests.idOf(n));
            }
        }
        for (String n : names) {
            int dot = n.indexOf('.');
            String id = dot < 0 ? n : n.substring(0, dot);
            if (!Manifests.isManifestName(n) && artifactName.matcher(n).matches() && !committed.contains(id)) {
                target.delete(type, n);
                LOG.warn("removed {} from storage target '{}': an interrupted backup left it without a manifest", n, target.name());
            }
        }
    }

    private record ReleaseLock(BackupGroup group) implements org.apache.camel.spi.Synchronization {
        @Override
        public void onComplete(Exchange exchange) { release(); }

        @Override
        public void onFailure(Exchange exchange) { release(); }

        private void release() {
            try {
                group.releaseLock();
            } catch (IOException e) {
                LOG.warn("could not release a backup lock: {}", e.getMessage());
            }
        }
    }
}

package dev.backroute.restore;

import dev.backroute.Errors;
import dev.backroute.archive.TarExtractor;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.BackupResolver;
import dev.backroute.catalog.LocatedBackup;
import dev.backroute.catalog.ManifestAuthority;
import dev.backroute.catalog.TypeRepositories;
import dev.backroute.config.BackupConfig;
import dev.backroute.pipeline.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Looks inside a backup without restoring it ({@code ls}, {@code dump}): its entries, or its whole plaintext, read
 * with every check a restore makes. What is read goes out while it is read, so a copy that fails is replaced by the
 * next target's only while nothing has gone out; a check that fails after that is an {@link IncompleteOutputException}.
 */
public final class BackupContents {
    private static final Logger LOG = LoggerFactory.getLogger(BackupContents.class);

    private final BackupConfig config;
    private final Map<String, String> env;
    private final ArtifactDecoder decoder;
    private final SnapshotDecoder snapshots;

    /** {@code progress} receives the bytes read of a whole backup, as phase {@code read}. */
    public BackupContents(BackupConfig config, Map<String, String> env, ProgressListener progress) {
        this.config = config;
        this.env = env;
        this.decoder = new ArtifactDecoder(config, env).reporting(progress, "read");
        this.snapshots = new SnapshotDecoder(config, new TypeRepositories(config, env));
    }

    /** A backup as {@code recover} finds it, and how its type's config says it is read. */
    public record Found(LocatedBackup backup, ArtifactForm form) {
        public BackupRecord record() {
            return backup.record();
        }

        /** A files backup has entries; a database backup is one stream. */
        public boolean files() {
            return "files".equals(form.kind());
        }
    }

    /** Takes the entries of a files backup in the backup's order. */
    @FunctionalInterface
    public interface EntryVisitor {
        /** @param content opens the entry's data (a file's), which ends only once verified; left unopened, it is not read */
        void entry(BackupEntry entry, Content content) throws IOException;
    }

    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    /** Finds {@code ref} as {@code recover --backup-path} does: a backup id, TYPE:latest, a path. */
    public Found find(String ref) throws IOException {
        LocatedBackup backup = new BackupResolver(config, new BackupCatalog(config, ManifestAuthority.of(config, env))).resolve(ref);
        // As recover: the config says what the backup is (a failed run is refused here); the manifest only has to agree.
        ArtifactForm form = decoder.form(backup.record());
        if (!"files".equals(form.kind()) && DatabaseKinds.find(form.kind()).isEmpty()) {
            throw new IllegalStateException("kind " + form.kind() + " has no reader in this version (it implements no DatabaseKind)");
        }
        return new Found(backup, form);
    }

    /**
     * The entries of a files backup to {@code visitor}: an archive's tar headers as its extractor admits them (nothing is
     * extracted), a snapshot's tree entry by entry; the whole backup or tree is then checked against the manifest.
     *
     * @param written how much the caller has put out so far
     */
    public void entries(Found found, EntryVisitor visitor, LongSupplier written) throws IOException {
        if (!found.files()) {
            throw new IllegalArgumentException("backup " + found.record().id() + " holds one stream, not files");
        }
        BackupRecord record = found.record();
        eachCopyUntilWritten(found, written, copy -> {
            if (record.inRepository()) {
                snapshots.walkTree(record, found.form(), copy,
                        (repository, entry) -> visitor.entry(BackupEntry.of(entry), () -> FileContent.open(repository, entry)));
            } else {
                decoder.decode(record, copy, plaintext -> TarExtractor.list(plaintext,
                        (path, header, content) -> visitor.entry(BackupEntry.of(path, header), () -> content)));
            }
        });
    }

    /**
     * The backup's whole plaintext to {@code reader}: a files backup as the tar stream its archive holds (a snapshot's
     * rebuilt), a database backup's dump; verified as {@code recover} verifies it, the end only once read.
     */
    public void plaintext(Found found, ArtifactDecoder.PlaintextReader<?> reader, LongSupplier written) throws IOException {
        eachCopyUntilWritten(found, written, copy -> decoder.decode(found.record(), copy, reader));
    }

    @FunctionalInterface
    private interface CopyRead {
        void read(LocatedBackup.Copy copy) throws IOException;
    }

    private static void eachCopyUntilWritten(Found found, LongSupplier written, CopyRead read) throws IOException {
        IOException first = null;
        for (LocatedBackup.Copy copy : found.backup().copies()) {
            try {
                read.read(copy);
                return;
            } catch (IOException e) {
                if (written.getAsLong() > 0) {
                    throw new IncompleteOutputException(e);
                }
                LOG.error("copy of {} on {} cannot be read: {}", found.record().id(), copy.name(), Errors.describe(e));
                first = first == null ? e : first;
            }
        }
        throw first != null ? first : new IntegrityException("backup " + found.record().id() + " has no stored copy to read");
    }
}

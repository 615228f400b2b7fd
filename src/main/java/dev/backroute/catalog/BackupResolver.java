package dev.backroute.catalog;

import dev.backroute.config.BackupConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what an operator typed after {@code --backup-path} into a backup: {@code TYPE:latest} (or
 * {@code TYPE:DATABASE:latest} for a type that backs up several databases), a backup id, the path of an
 * artifact or its manifest, or {@code <folder>/latest} for a type folder.
 */
public final class BackupResolver {
    private static final Logger LOG = LoggerFactory.getLogger(BackupResolver.class);
    private final BackupConfig config;
    private final BackupCatalog catalog;

    public BackupResolver(BackupConfig config, BackupCatalog catalog) {
        this.config = config;
        this.catalog = catalog;
    }

    public LocatedBackup resolve(String ref) throws IOException {
        if (ref.endsWith(":latest")) {
            String head = ref.substring(0, ref.length() - ":latest".length());
            int colon = head.indexOf(':');
            String type = colon < 0 ? head : head.substring(0, colon);
            return catalog.latestSuccessful(knownType(type, ref), colon < 0 ? null : head.substring(colon + 1));
        }
        if (ref.matches("^(s3|gs|azure)://.+")) {
            return fromRemoteUri(ref);
        }
        Path path = Path.of(ref);
        if (path.getFileName() != null && path.getFileName().toString().equals("latest") && !Files.exists(path)) {
            return latestInFolder(path.toAbsolutePath().getParent(), ref);
        }
        if (Files.isRegularFile(path)) {
            return fromFile(path.toAbsolutePath());
        }
        if (ref.contains("/") || Files.exists(path)) {
            throw new BackupNotFoundException(ref + " is not a backup file: give an artifact or manifest path, a backup id, or TYPE:latest");
        }
        return catalog.byId(typeOfId(ref), ref);
    }

    /** {@code s3://bucket/prefix/type/file}: the backup by its id, with the copy at that URI tried first. */
    private LocatedBackup fromRemoteUri(String uri) throws IOException {
        String name = uri.substring(uri.lastIndexOf('/') + 1);
        String id = Manifests.isManifestName(name) ? Manifests.idOf(name) : name.substring(0, idEnd(name));
        LocatedBackup backup = catalog.byId(typeOfId(id), id);
        LocatedBackup.Copy named = backup.copies().stream().filter(c -> c.target() != null && matches(c, backup.record(), uri))
                .findFirst().orElseThrow(() -> new BackupNotFoundException(uri + " is not on any storage target of "
                        + backup.record().type() + "; its copies are on "
                        + String.join(", ", backup.copies().stream().map(LocatedBackup.Copy::name).toList())));
        List<LocatedBackup.Copy> copies = new ArrayList<>(backup.copies());
        copies.remove(named);
        copies.add(0, named);
        return new LocatedBackup(backup.record(), List.copyOf(copies));
    }

    private static boolean matches(LocatedBackup.Copy copy, BackupRecord record, String uri) {
        return uri.equals(copy.target().uri(record.type(), record.artifact()))
                || uri.equals(copy.target().uri(record.type(), record.manifestName()));
    }

    private String typeOfId(String id) {
        // By the whole id's shape, not a prefix: types 'pg' and 'pg_2026...' cannot claim each other's ids.
        return config.types().keySet().stream().filter(t -> ManifestCheck.isIdOf(t, id)).findFirst()
                .orElseThrow(() -> new BackupNotFoundException("'" + id + "' is neither a file nor a backup id of a configured type ("
                        + String.join(", ", config.types().keySet()) + "); ids look like data_files_20260101_010000"));
    }

    private String knownType(String type, String ref) {
        if (!config.types().containsKey(type)) {
            throw new BackupNotFoundException(ref + ": unknown backup type '" + type + "'; configured types are "
                    + String.join(", ", config.types().keySet()));
        }
        return type;
    }

    /** {@code backups/postgresql/latest}: a known type's folder, catalog first, else the folder's own manifests. */
    private LocatedBackup latestInFolder(Path folder, String ref) throws IOException {
        if (folder == null || !Files.isDirectory(folder)) {
            throw new BackupNotFoundException(ref + ": folder " + folder + " does not exist");
        }
        List<BackupRecord> records = new ArrayList<>();
        try (DirectoryStream<Path> manifests = Files.newDirectoryStream(folder, "*" + Manifests.SUFFIX)) {
            for (Path m : manifests) {
                BackupRecord r;
                try {
                    r = catalog.readFile(m);
                } catch (UntrustedManifestException e) {
                    LOG.warn("{}", e.getMessage());
                    continue;
                }
                if (r.success()) {
                    records.add(r);
                }
            }
        }
        BackupRecord newest = records.stream().min(BackupCatalog.NEWEST_FIRST)
                .orElseThrow(() -> new BackupNotFoundException(ref + ": no successful backup in " + folder));
        return inFolder(folder, newest);
    }

    private LocatedBackup fromFile(Path file) throws IOException {
        String name = file.getFileName().toString();
        String id = Manifests.isManifestName(name) ? Manifests.idOf(name) : name.substring(0, idEnd(name));
        Path manifest = file.resolveSibling(BackupRecord.manifestNameFor(id));
        if (!Files.isRegularFile(manifest)) {
            throw new BackupNotFoundException(file + " has no manifest beside it (" + manifest.getFileName()
                    + "): without it the backup cannot be verified; an artifact without a manifest is an unfinished backup");
        }
        return inFolder(file.getParent(), catalog.readFile(manifest));
    }

    private static int idEnd(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name.length() : dot;
    }

    private static LocatedBackup inFolder(Path folder, BackupRecord record) {
        ArtifactSource source = new ArtifactSource() {
            @Override
            public String name() { return folder.toString(); }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(folder.resolve(record.artifact()));
            }
        };
        return new LocatedBackup(record, List.of(new LocatedBackup.Copy(folder.toString(), source, null)));
    }
}

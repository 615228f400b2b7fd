package dev.backroute.restore;

import dev.backroute.archive.TarExtractor;
import dev.backroute.archive.TarSummary;
import dev.backroute.catalog.BackupRecord;

/**
 * The structural check of a backup's plaintext, by the kind and format its type's config and artifact
 * name give: the same check runs in {@code validate} and before a {@code recover} writes anything. Files
 * are checked here; each database kind brings its own check ({@link DatabaseKind}).
 */
final class ContentCheck {

    private ContentCheck() {}

    static ArtifactDecoder.PlaintextReader<String> of(ArtifactForm form, BackupRecord record) {
        if ("files".equals(form.kind())) {
            return in -> describe(counted(record, TarExtractor.scan(in)));
        }
        return DatabaseKinds.find(form.kind()).map(kind -> kind.structureCheck(form, record))
                .orElseThrow(() -> new IllegalStateException("backup " + record.id() + " is of kind " + form.kind()
                        + ", which this version cannot check"));
    }

    /** An archive's counts must be the ones its manifest recorded: a swapped or shortened tree is caught. */
    static TarSummary counted(BackupRecord record, TarSummary s) throws IntegrityException {
        if (!sameCount(record, "files", s.files()) || !sameCount(record, "directories", s.directories())
                || !sameCount(record, "symlinks", s.symlinks())) {
            throw new IntegrityException("backup " + record.id() + ": the archive holds " + s.files() + " files, "
                    + s.directories() + " directories and " + s.symlinks() + " links, not what the manifest recorded");
        }
        return s;
    }

    private static String describe(TarSummary s) {
        return s.files() + " files, " + s.directories() + " directories, " + s.symlinks() + " symlinks";
    }

    private static boolean sameCount(BackupRecord record, String key, long actual) {
        Object expected = record.source().get(key);
        return expected == null || expected instanceof Number n && n.longValue() == actual;
    }
}

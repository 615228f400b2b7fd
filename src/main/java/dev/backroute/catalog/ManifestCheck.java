package dev.backroute.catalog;

import dev.backroute.Errors;
import dev.backroute.config.SourceKinds;

import java.util.regex.Pattern;

/**
 * Checks the fields of a manifest read from storage that Backroute uses as names before any of them is
 * used: the id and the manifest's file name agree and follow the type's naming scheme, the type is the
 * folder's, and the artifact is a plain file name of this backup, never a path. A manifest failing any
 * of these is not a backup, whoever wrote it.
 */
public final class ManifestCheck {
    private static final String STAMP = "_\\d{8}_\\d{6}(_\\d{1,6})?";
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9a-f]{64}");
    private static final String TAIL = "(\\.(gz|bz2|xz|zst))?(\\.enc)?";

    private ManifestCheck() {}

    /** Whether {@code id} is a backup id of {@code type}: {@code <type>_<yyyyMMdd_HHmmss>[_N]}. */
    public static boolean isIdOf(String type, String id) {
        return id != null && Pattern.matches(Pattern.quote(type) + STAMP, id);
    }

    /** Null when the manifest's names are sound, else a one-line reason naming the manifest and the field. */
    static String problem(String type, String kind, String fileName, BackupRecord r, String where) {
        if (!isIdOf(type, r.id())) {
            return bad(where, "id", r.id(), "a backup id of " + type + " (" + type + "_yyyyMMdd_HHmmss)");
        }
        if (!fileName.equals(r.manifestName())) {
            return bad(where, "id", r.id(), "the id its file name " + fileName + " carries");
        }
        if (!type.equals(r.type())) {
            return bad(where, "type", r.type(), "'" + type + "', the folder it is in");
        }
        if (r.runId() != null && !isIdOf(type, r.runId())) {
            return bad(where, "run_id", r.runId(), "a backup id of " + type);
        }
        if (r.artifact() == null) {
            return r.success() ? "manifest " + where + ": field 'artifact' is missing, but the backup claims success" : null;
        }
        String bases = String.join("|", SourceKinds.find(kind).orElseThrow().artifactBases());
        if (r.format() != null) {
            return repositoryProblem(r, where, bases);
        }
        String artifact = Pattern.quote(r.id()) + "\\.(" + bases + ")" + TAIL;
        if (!Pattern.matches(artifact, r.artifact())) {
            return bad(where, "artifact", r.artifact(), "a file name of this backup (" + r.id() + ".<" + bases
                    + ">[.gz|.bz2|.xz|.zst][.enc]), in the folder of " + type);
        }
        return null;
    }

    /** A backup in the repository: its stream named {@code <id>.<base>}, and a snapshot id for every target it names. */
    private static String repositoryProblem(BackupRecord r, String where, String bases) {
        if (!r.inRepository()) {
            return bad(where, "format", r.format(), "'" + BackupRecord.REPOSITORY + "' (archives have no format field)");
        }
        if (!Pattern.matches(Pattern.quote(r.id()) + "\\.(" + bases + ")", r.artifact())) {
            return bad(where, "artifact", r.artifact(), "the stream name of this backup (" + r.id() + ".<" + bases + ">)");
        }
        if (r.success() && (r.snapshots() == null || r.snapshots().isEmpty())) {
            return "manifest " + where + ": field 'snapshots' is missing, but the backup claims success; the manifest is not used";
        }
        if (r.snapshots() != null) {
            for (String snapshot : r.snapshots().values()) {
                if (snapshot == null || !SNAPSHOT_ID.matcher(snapshot).matches()) {
                    return bad(where, "snapshots", snapshot, "a snapshot id (64 hexadecimal digits)");
                }
            }
        }
        return null;
    }

    private static String bad(String where, String field, String value, String expected) {
        return "manifest " + where + ": field '" + field + "' is " + (value == null ? "missing" : "'" + printable(value) + "'")
                + ", not " + expected + "; the manifest is not used";
    }

    /** A value from storage is shown, not obeyed: control characters would forge log lines. */
    private static String printable(String value) {
        return Errors.inert(value.length() > 120 ? value.substring(0, 120) + "…" : value);
    }
}

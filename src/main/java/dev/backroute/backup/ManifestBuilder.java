package dev.backroute.backup;

import dev.backroute.Hosts;

import dev.backroute.catalog.BackupRecord;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the manifest of a finished run, successful or not. */
final class ManifestBuilder {

    private ManifestBuilder() {}

    static BackupRecord succeeded(BackupRun run, Instant finishedAt) {
        return new BackupRecord(BackupRecord.FORMAT_VERSION, run.id(), run.group().runId(), run.type().name(), true, null,
                run.startedAt(), finishedAt, run.artifactName(), run.rawBytes(), run.storedBytes(), run.sha256(),
                run.contentSha256(), run.compression(), run.encryption(), List.copyOf(run.storedCopies()),
                source(run), Hosts.localHost(), version(), null, format(run), run.snapshots().isEmpty() ? null : run.snapshots());
    }

    private static String format(BackupRun run) {
        return run.type().usesRepository() ? BackupRecord.REPOSITORY : null;
    }

    /** A failed run keeps no artifact, so its manifest names none and lists no stored copies. */
    static BackupRecord failed(BackupRun run, String error, Instant finishedAt) {
        return new BackupRecord(BackupRecord.FORMAT_VERSION, run.id(), run.group().runId(), run.type().name(), false, error,
                run.startedAt(), finishedAt, null, run.rawBytes(), 0, null, null, run.compression(),
                run.encryption(), List.of(), source(run), Hosts.localHost(), version(), null, format(run), null);
    }

    private static Map<String, Object> source(BackupRun run) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(run.source()));
    }

    static String version() {
        String v = ManifestBuilder.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

}

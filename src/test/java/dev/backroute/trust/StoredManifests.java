package dev.backroute.trust;

import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.Manifests;
import dev.backroute.crypto.Keyset;
import dev.backroute.crypto.ManifestMac;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** What someone with write access to a backup folder does to its manifests, for tests. */
final class StoredManifests {

    private StoredManifests() {}

    static BackupRecord read(Path folder, String id) throws IOException {
        Path manifest = folder.resolve(BackupRecord.manifestNameFor(id));
        return Manifests.fromJson(Files.newInputStream(manifest), manifest.toString());
    }

    /** Rewrites a manifest without a MAC: what anyone who can write the storage but has no keyset can do. */
    static void forge(Path folder, String id, UnaryOperator<BackupRecord> change) throws IOException {
        Files.write(folder.resolve(BackupRecord.manifestNameFor(id)), Manifests.toJson(change.apply(read(folder, id))));
    }

    /** Rewrites a manifest and seals it with the keyset: what a manifest adopted before the tampering would look like. */
    static void forgeSealed(Path folder, String id, Path keyset, UnaryOperator<BackupRecord> change) throws IOException {
        BackupRecord changed = change.apply(read(folder, id));
        Files.write(folder.resolve(BackupRecord.manifestNameFor(id)),
                Manifests.toJson(changed, new ManifestMac(Keyset.readFile(keyset))));
    }

    /** One backup of data_files with the real CLI; its id. */
    static String backup(Installation inst) throws IOException {
        Cli.Result r = Cli.withConfig(inst.config(), "backup", "--type", "data_files", "--force", "--json");
        assertThat(r.exitCode()).as(r.all()).isZero();
        return Manifests.mapper().readTree(r.out()).at("/results/0/backups/0/id").asText();
    }

    static BackupRecord with(BackupRecord r, String artifact, long storedBytes, String sha256, long rawBytes, String contentSha256,
                             BackupRecord.EncryptionInfo encryption) {
        return new BackupRecord(r.formatVersion(), r.id(), r.runId(), r.type(), r.success(), r.error(), r.startedAt(),
                r.finishedAt(), artifact, rawBytes, storedBytes, sha256, contentSha256, r.compression(), encryption, r.storage(),
                r.source(), r.host(), r.backrouteVersion(), r.validation());
    }

    static BackupRecord withArtifact(BackupRecord r, String artifact) {
        return with(r, artifact, r.storedBytes(), r.sha256(), r.rawBytes(), r.contentSha256(), r.encryption());
    }

    static BackupRecord withId(BackupRecord r, String id) {
        return new BackupRecord(r.formatVersion(), id, r.runId(), r.type(), r.success(), r.error(), r.startedAt(),
                r.finishedAt(), r.artifact(), r.rawBytes(), r.storedBytes(), r.sha256(), r.contentSha256(), r.compression(),
                r.encryption(), r.storage(), r.source(), r.host(), r.backrouteVersion(), r.validation());
    }

    static BackupRecord startedAt(BackupRecord r, java.time.Instant started) {
        return new BackupRecord(r.formatVersion(), r.id(), r.runId(), r.type(), r.success(), r.error(), started,
                started.plusSeconds(1), r.artifact(), r.rawBytes(), r.storedBytes(), r.sha256(), r.contentSha256(), r.compression(),
                r.encryption(), r.storage(), r.source(), r.host(), r.backrouteVersion(), r.validation());
    }

    static BackupRecord withSource(BackupRecord r, java.util.Map<String, Object> source) {
        return new BackupRecord(r.formatVersion(), r.id(), r.runId(), r.type(), r.success(), r.error(), r.startedAt(),
                r.finishedAt(), r.artifact(), r.rawBytes(), r.storedBytes(), r.sha256(), r.contentSha256(), r.compression(),
                r.encryption(), r.storage(), source, r.host(), r.backrouteVersion(), r.validation());
    }
}

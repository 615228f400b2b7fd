package dev.backroute.trust;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.Manifests;
import dev.backroute.crypto.Keyset;
import dev.backroute.crypto.ManifestMac;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** What someone with write access to a backup folder does to its manifests, for tests. */
final class StoredManifests {

    private StoredManifests() {}

    static BackupRecord read(Path folder, String id) throws IOException {
        Path manifest = folder.resolve(BackupRecord.manifestNameFor(id));
        return Manifests.fromJson(Files.newInputStream(manifest), manifest.toString());
    }

    /** Rewrites a manifest's JSON without a MAC: what anyone who can write the storage but has no keyset can do. */
    static void forge(Path folder, String id, Consumer<ObjectNode> change) throws IOException {
        Files.write(manifest(folder, id), Manifests.mapper().writeValueAsBytes(edited(folder, id, change)));
    }

    /** Rewrites a manifest and seals it with the keyset: what a manifest adopted before the tampering would look like. */
    static void forgeSealed(Path folder, String id, Path keyset, Consumer<ObjectNode> change) throws IOException {
        BackupRecord changed = Manifests.mapper().treeToValue(edited(folder, id, change), BackupRecord.class);
        Files.write(manifest(folder, id), Manifests.toJson(changed, new ManifestMac(Keyset.readFile(keyset))));
    }

    private static ObjectNode edited(Path folder, String id, Consumer<ObjectNode> change) throws IOException {
        ObjectNode json = (ObjectNode) Manifests.mapper().readTree(manifest(folder, id).toFile());
        json.remove("mac");
        change.accept(json);
        return json;
    }

    private static Path manifest(Path folder, String id) {
        return folder.resolve(BackupRecord.manifestNameFor(id));
    }

    /** One backup of data_files with the real CLI; its id. */
    static String backup(Installation inst) throws IOException {
        Cli.Result r = Cli.withConfig(inst.config(), "backup", "--type", "data_files", "--force", "--json");
        assertThat(r.exitCode()).as(r.all()).isZero();
        return Manifests.mapper().readTree(r.out()).at("/results/0/backups/0/id").asText();
    }

    /** The manifest's artifact digests and sizes made those of {@code other}: it now describes other's bytes. */
    static void describing(ObjectNode manifest, BackupRecord other) {
        manifest.put("stored_bytes", other.storedBytes()).put("sha256", other.sha256())
                .put("raw_bytes", other.rawBytes()).put("content_sha256", other.contentSha256());
    }

    static void startedAt(ObjectNode manifest, Instant started) {
        manifest.put("started_at", started.toString()).put("finished_at", started.plusSeconds(1).toString());
    }
}

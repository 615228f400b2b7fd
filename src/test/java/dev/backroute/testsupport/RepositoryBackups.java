package dev.backroute.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backroute.config.BackupConfig;
import dev.backroute.repository.BlobName;
import dev.backroute.repository.BlobStore;
import dev.backroute.storage.StorageTarget;
import dev.backroute.storage.StorageTargets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks on backups kept in a type's repository ({@code "format": "repository"}): what the manifest says, what
 * each storage target holds, and that an encrypted repository's key is of no use without the keyset.
 */
public final class RepositoryBackups {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A key file's magic and mode byte (docs/repository.md, "Key file"): 1 is wrapped by the keyset, 0 clear. */
    private static final byte[] MAGIC = {'B', 'R', 'K', 'E', 'Y', 0, 0, 1};
    private static final byte WRAPPED = 1;

    /**
     * The type-block keys that keep a type's backups in its repository, with chunks small enough (1/4/16 KiB) that
     * test data of a few hundred KiB is cut into many chunks over several packs.
     */
    public static final String SMALL_CHUNKS = "\"format\": \"repository\", \"repository\": { \"pack_size_mb\": 1,"
            + " \"chunk_min_kib\": 1, \"chunk_avg_kib\": 4, \"chunk_max_kib\": 16 }";

    private RepositoryBackups() {}

    /**
     * The newest manifest of {@code type} as {@code list --json} gives it, which must be a repository backup with
     * one snapshot on each of {@code targets} and on no other; each target's repository holds its snapshot.
     */
    public static JsonNode assertLatestInRepositoryOn(Path config, String type, String... targets) throws IOException {
        Cli.Result list = Cli.withConfig(config, "list", "--type", type, "--json", "--limit", "1");
        assertThat(list.exitCode()).as(list.all()).isZero();
        JsonNode manifest = JSON.readTree(list.out()).at("/backups/0");
        assertThat(manifest.get("success").asBoolean()).as(manifest.toString()).isTrue();
        assertThat(manifest.get("format").asText()).isEqualTo("repository");
        List<String> named = new ArrayList<>();
        manifest.get("snapshots").fieldNames().forEachRemaining(named::add);
        assertThat(named).containsExactlyInAnyOrder(targets);
        for (String target : targets) {
            String snapshot = BlobName.snapshot(manifest.get("snapshots").get(target).asText());
            List<String> held = repositoryOn(config, type, target).list(BlobName.SNAPSHOTS).stream().map(BlobStore.Blob::name).toList();
            assertThat(held).as("snapshots on " + target).contains(snapshot);
            // The copy's URI names the snapshot object itself: <target's type folder>/repository/snapshots/<sha256>.
            String uri = target(config, target).uri(type, "repository").replaceFirst("/$", "") + "/" + snapshot;
            assertThat(manifest.get("storage").findValuesAsText("uri")).as("copies' URIs").contains(uri);
        }
        return manifest;
    }

    /** The key file of {@code type}'s repository on every one of {@code targets} is wrapped by the keyset, not stored in clear. */
    public static void assertKeyWrapped(Path config, String type, String... targets) throws IOException {
        for (String target : targets) {
            BlobStore store = repositoryOn(config, type, target);
            List<BlobStore.Blob> keys = store.list(BlobName.KEYS);
            assertThat(keys).as("key files on " + target).hasSize(1);
            byte[] head;
            try (InputStream in = store.get(keys.get(0).name())) {
                head = in.readNBytes(MAGIC.length + 1);
            }
            assertThat(Arrays.copyOf(head, MAGIC.length)).as("key file magic on " + target).isEqualTo(MAGIC);
            assertThat(head[MAGIC.length]).as("key file mode on " + target + " (1 wrapped, 0 clear)").isEqualTo(WRAPPED);
        }
    }

    /**
     * With the keyset taken out of the config (and {@code encrypt} off, so the config itself is valid), recovering
     * {@code type}'s newest backup fails with the error that names the encrypted key file, and writes nothing.
     */
    public static void assertUnreadableWithoutKeyset(Path config, String type, Path destination) throws IOException {
        Path withoutKeyset = ConfigVariant.write(config, "without-keyset.json", json -> {
            ((ObjectNode) json.get("encryption")).put("keyset_file", "");
            ConfigVariant.type(json, type).put("encrypt", false);
        });

        Cli.Result recover = Cli.withConfig(withoutKeyset, "recover", "--backup-path", type + ":latest",
                "--destination", destination.toString());
        assertThat(recover.exitCode()).as(recover.all()).isEqualTo(1);
        assertThat(recover.err()).contains("the repository is encrypted (key file ")
                .contains("configure the keyset it was made with");
        // A dump recovered to a folder creates the folder first, as for an archive; nothing may be in it.
        assertThat(destination).satisfiesAnyOf(d -> assertThat(d).doesNotExist(), d -> assertThat(d).isEmptyDirectory());
    }

    private static BlobStore repositoryOn(Path config, String type, String target) {
        return target(config, target).repository(type);
    }

    private static StorageTarget target(Path config, String name) {
        return StorageTargets.create(BackupConfig.loadFromFile(config, System.getenv()).storage().get(name));
    }
}

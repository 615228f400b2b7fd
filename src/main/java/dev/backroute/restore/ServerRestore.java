package dev.backroute.restore;

import dev.backroute.Interruption;
import dev.backroute.catalog.LocatedBackup;
import dev.backroute.config.SourceConfig;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One restore of a database backup into a server, as recover hands it to the backup's {@link DatabaseKind}.
 *
 * @param source  the credentials and defaults of the destination server: the type's configured source, or a drill's
 *                scratch server (the kind's own {@code SourceConfig})
 * @param decoder reads the backup, verifying it and reporting progress as phase {@code restore}
 * @param staging the private folder for verified copies
 * @param say     receives what the operator must be told before it happens (dropping a database)
 */
public record ServerRestore(LocatedBackup backup, ArtifactForm form, SourceConfig source, Map<String, String> env,
                            String destination, RecoveryService.Options options, ArtifactDecoder decoder, Path staging,
                            Consumer<String> say) {

    /** Loads an export read from a verified copy of the backup. */
    @FunctionalInterface
    public interface ExportLoader {
        Map<String, Object> load(InputStream export) throws IOException;
    }

    /**
     * Database restores read a verified local copy: a damaged backup is found before the target is touched. An
     * interrupt while the server is being loaded says the destination may be partly restored.
     */
    public Map<String, Object> fromVerifiedCopy(ExportLoader loader) throws IOException {
        try (DecodedFiles.Temp verified = new DecodedFiles(decoder).decodeToTemp(backup, staging);
             InputStream in = Files.newInputStream(verified.file());
             Interruption.Pending loading = Interruption.irreversible(where(destination) + " may be partly restored: run the same"
                     + " recover command again, adding --overwrite")) {
            return loader.load(in);
        }
    }

    /** A destination URI without any user information it was given: scheme, host, port and path. */
    static String where(String destination) {
        try {
            URI u = new URI(destination);
            return u.getHost() == null ? "the destination" : u.getScheme() + "://" + u.getHost()
                    + (u.getPort() < 0 ? "" : ":" + u.getPort()) + (u.getPath() == null ? "" : u.getPath());
        } catch (URISyntaxException e) {
            return "the destination";
        }
    }
}

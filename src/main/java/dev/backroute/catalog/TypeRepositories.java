package dev.backroute.catalog;

import dev.backroute.config.BackupConfig;
import dev.backroute.config.EncryptionConfig;
import dev.backroute.config.RepositorySettings;
import dev.backroute.config.TypeConfig;
import dev.backroute.crypto.Keyset;
import dev.backroute.repository.BlobName;
import dev.backroute.repository.ChunkerParams;
import dev.backroute.repository.KeyWrap;
import dev.backroute.repository.KeysetKeyWrap;
import dev.backroute.repository.PruneOptions;
import dev.backroute.repository.PruneReport;
import dev.backroute.repository.Repository;
import dev.backroute.storage.StorageTarget;

import java.io.IOException;
import java.util.Map;

/**
 * Opens a type's repository on one of its storage targets with the key the config gives. The config decides
 * whether the repository must be encrypted ({@code encrypt: true}: a key file in clear is refused); a type
 * without {@code encrypt} still reads a repository it encrypted earlier when the keyset is configured.
 */
public final class TypeRepositories {
    private final BackupConfig config;
    private final Map<String, String> env;

    public TypeRepositories(BackupConfig config, Map<String, String> env) {
        this.config = config;
        this.env = env;
    }

    /** For a backup: the repository, created on the target at the type's first backup there. */
    public Repository forBackup(TypeConfig type, StorageTarget target) throws IOException {
        var store = target.repository(type.name());
        if (store.list(BlobName.KEYS).isEmpty()) {
            RepositorySettings s = type.repository();
            ChunkerParams params = new ChunkerParams(s.chunkMinKib() * 1024, s.chunkAvgKib() * 1024, s.chunkMaxKib() * 1024);
            return Repository.init(store, type.encrypt() ? wrap() : null, params);
        }
        return forReading(type, target);
    }

    public Repository forReading(TypeConfig type, StorageTarget target) throws IOException {
        return Repository.open(target.repository(type.name()), readingWrap(type), type.encrypt());
    }

    /** Prunes the type's repository on the target, opened as for reading (its index read once, under the prune's lock). */
    public PruneReport prune(TypeConfig type, StorageTarget target, PruneOptions options) throws IOException {
        return Repository.prune(target.repository(type.name()), readingWrap(type), type.encrypt(), options);
    }

    private KeyWrap readingWrap(TypeConfig type) {
        EncryptionConfig encryption = config.encryption();
        boolean keysetAvailable = encryption != null && encryption.available(env);
        return type.encrypt() || keysetAvailable ? wrap() : null;
    }

    /** The configured keyset, which wraps every encrypted repository's key. */
    public Keyset keyset() {
        EncryptionConfig encryption = config.encryption();
        return Keyset.load(encryption.keysetFile(), encryption.keysetEnv(), env);
    }

    private KeyWrap wrap() {
        return new KeysetKeyWrap(keyset());
    }
}

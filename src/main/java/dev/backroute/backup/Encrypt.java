package dev.backroute.backup;

import dev.backroute.catalog.BackupRecord.EncryptionInfo;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.EncryptionConfig;
import dev.backroute.crypto.AssociatedData;
import dev.backroute.crypto.Keyset;
import dev.backroute.pipeline.Content;
import org.apache.commons.io.output.CloseShieldOutputStream;

import java.io.OutputStream;
import java.util.Map;

/**
 * Encrypts with the keyset's primary key (Tink streaming AEAD) when the type has {@code encrypt: true};
 * otherwise passes the stream through untouched. The backup id is the associated data, so an artifact
 * cannot be passed off under another backup's manifest.
 */
public final class Encrypt implements RunStage {
    private final BackupConfig config;
    private final Map<String, String> env;

    public Encrypt(BackupConfig config, Map<String, String> env) {
        this.config = config;
        this.env = env;
    }

    @Override
    public void apply(BackupRun run) {
        if (!run.type().encrypt()) {
            return;
        }
        EncryptionConfig enc = config.encryption();
        Keyset keyset = Keyset.load(enc.keysetFile(), enc.keysetEnv(), env);
        byte[] associatedData = AssociatedData.of(run.id());
        Content inner = run.content();
        run.content(out -> {
            // Closing the encrypter writes the final, authenticated segment.
            try (OutputStream encrypted = keyset.encrypt(CloseShieldOutputStream.wrap(out), associatedData)) {
                inner.writeTo(encrypted);
            }
        });
        run.encryption(new EncryptionInfo(Keyset.ALGORITHM, keyset.primaryKeyId()));
        run.appendExtension(".enc");
    }
}

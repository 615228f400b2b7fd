package dev.backroute.camel;

import dev.backroute.backup.Encrypt;

/** Route step {@code encryptStep}: {@link Encrypt}. */
public final class EncryptStep extends RunStep {
    EncryptStep(Encrypt stage) {
        super(stage);
    }
}

package dev.backroute.crypto;

import java.nio.charset.StandardCharsets;

/**
 * The associated data an artifact is encrypted under: its backup id, so an artifact cannot be passed
 * off under another backup's manifest. Backup and restore must agree on it byte for byte.
 */
public final class AssociatedData {

    private AssociatedData() {}

    public static byte[] of(String backupId) {
        return ("backroute:" + backupId).getBytes(StandardCharsets.UTF_8);
    }
}

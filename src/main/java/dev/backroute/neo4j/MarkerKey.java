package dev.backroute.neo4j;

import dev.backroute.storage.OwnerOnly;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The drill host's key for the markers of a type's scratch database ({@link ScratchDatabase}), and the MAC a marker
 * carries.
 *
 * <p>Whoever can write one node into a database can write a node labelled as a marker; only the drill host can compute
 * its MAC: HMAC-SHA256, under a random 256-bit key kept in the type's drill work folder ({@value #FILE}, owner-only,
 * made by the first drill), of the marker's type, stamp and backup id and of the store id of the database it is written
 * into. The store id binds a marker to its database: a genuine marker copied into another database (by someone who can
 * read the scratch server and write elsewhere) does not verify there. The key never changes once made, so replacing a
 * marker stays one transaction with nothing to keep in step on disk.
 */
final class MarkerKey {
    static final String FILE = "neo4j-scratch-marker.key";
    private static final int BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    /** A marker node's properties; any of them null when the node lacks it or holds something other than text. */
    record Marker(String type, String stamp, String backup, String mac) {}

    private final byte[] key;

    private MarkerKey(byte[] key) {
        this.key = key;
    }

    /** The key in {@code workDir}, made (and the folder, owner-only) when there is none. */
    static MarkerKey in(Path workDir) throws IOException {
        Path dir = OwnerOnly.createDirectories(workDir);
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            byte[] fresh = new byte[BYTES];
            new SecureRandom().nextBytes(fresh);
            // Written whole under another name, then renamed: a kill leaves no key, or a whole one.
            Path partial = Files.createTempFile(dir, FILE, ".tmp", OwnerOnly.fileAttribute());
            Files.write(partial, fresh);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        }
        byte[] key = Files.readAllBytes(file);
        if (key.length != BYTES) {
            throw new IOException(file + " is not a drill marker key (" + key.length + " bytes, not " + BYTES + "): delete it, and"
                    + " empty the drill's scratch database by hand, since its marker will not verify with the new key");
        }
        return new MarkerKey(key);
    }

    /** The marker a drill writes into the database whose store id is {@code databaseId}. */
    Marker sign(String type, String stamp, String backup, String databaseId) {
        return new Marker(type, stamp, backup, mac(type, stamp, backup, databaseId));
    }

    /** Whether {@code marker} was written by a drill holding this key, into the database whose store id is {@code databaseId}. */
    boolean verifies(Marker marker, String databaseId) {
        if (marker.type() == null || marker.stamp() == null || marker.backup() == null || marker.mac() == null) {
            return false;
        }
        byte[] expected = mac(marker.type(), marker.stamp(), marker.backup(), databaseId).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, marker.mac().getBytes(StandardCharsets.UTF_8));
    }

    private String mac(String type, String stamp, String backup, String databaseId) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            String message = String.join("\0", "backroute neo4j drill scratch", type, stamp, backup, databaseId);
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }
}

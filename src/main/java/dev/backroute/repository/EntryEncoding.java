package dev.backroute.repository;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The fields every tree entry begins with, encoded one way for both the stored tree ({@link TreeWriter}) and the
 * digest that stands for it in the manifest ({@link TreeDigest}): kind (1 file, 2 directory, 3 link), path, mode,
 * modification time (seconds, nanos), uid, gid, owner, group. Strings are a length and UTF-8.
 */
final class EntryEncoding {

    private EntryEncoding() {}

    static void head(DataOutputStream out, TreeEntry entry) throws IOException {
        out.writeByte(entry.kind().ordinal() + 1);
        string(out, entry.path());
        TreeEntry.Attributes a = entry.attributes();
        out.writeInt(a.mode());
        time(out, a.modified());
        out.writeLong(a.uid());
        out.writeLong(a.gid());
        string(out, a.owner());
        string(out, a.group());
    }

    static void time(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    static void string(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }
}

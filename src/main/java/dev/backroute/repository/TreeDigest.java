package dev.backroute.repository;

import dev.backroute.pipeline.DigestingOutputStream;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The digest a files backup records as its manifest's {@code content_sha256}: SHA-256 over each entry's kind,
 * path, what a restore gives back (mode, modification time, uid, gid, owner, group), size, link target and the
 * SHA-256 of a file's content. Not its chunk ids, which differ with each target's key, nor its change time and
 * inode, which only the files cache uses. A backup computes it over the entries it adds (reading only the files
 * that changed: the others bring their digest from the last snapshot), a restore over the entries it reads, so a
 * restore proves it read the tree the backup recorded, file contents included, from whichever target.
 */
public final class TreeDigest {
    private final DigestingOutputStream sha256 = new DigestingOutputStream(OutputStream.nullOutputStream());
    private final DataOutputStream out = new DataOutputStream(sha256);
    private long contentBytes;

    public void add(TreeEntry entry) {
        try {
            EntryEncoding.head(out, entry);
            out.writeLong(entry.size());
            EntryEncoding.string(out, entry.linkTarget() == null ? "" : entry.linkTarget());
            EntryEncoding.string(out, entry.sha256() == null ? "" : entry.sha256());
        } catch (IOException e) {
            throw new UncheckedIOException("a digest does not fail to write", e);
        }
        if (entry.kind() == TreeEntry.Kind.FILE) {
            contentBytes += entry.size();
        }
    }

    /** The sum of the files' sizes: the manifest's {@code raw_bytes} of a files snapshot. */
    public long contentBytes() {
        return contentBytes;
    }

    public String hex() {
        return sha256.sha256Hex();
    }
}

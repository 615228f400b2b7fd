package dev.backroute.repository;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Run by {@link PruneTest} in a child JVM with a small heap: a repository whose index files list N chunks that no
 * snapshot uses (their packs long gone), pruned. Prune holds the index once (about 58 bytes per chunk), one bit per
 * index slot and 17 bytes per pack, and reads one index file at a time while it rewrites them; a second copy of the
 * index, or the entries of every file at once, would not fit. Arguments: the chunk count and a folder the test owns.
 */
public final class PruneMemoryProbe {
    public static void main(String[] args) throws Exception {
        int entries = Integer.parseInt(args[0]);
        Path root = Path.of(args[1]);
        LocalBlobStore store = new LocalBlobStore(root.resolve("repository"));
        TestKeyWrap wrap = new TestKeyWrap(1);
        IndexMemoryProbe.writeIndex(entries, store, wrap);
        int indexFiles = store.list(BlobName.INDEX).size();
        PruneReport report = Repository.prune(store, wrap, true,
                new PruneOptions(false, 20, 1 << 20, Files.createDirectories(root.resolve("spool")), Duration.ZERO, Set.of()));
        if (report.indexRewritten() != indexFiles || !store.list(BlobName.INDEX).isEmpty()) {
            throw new IllegalStateException("prune left index files: " + report);
        }
        System.out.printf("ok entries=%d indexFilesRewritten=%d%n", entries, report.indexRewritten());
    }
}

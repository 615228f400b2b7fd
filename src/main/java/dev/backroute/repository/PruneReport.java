package dev.backroute.repository;

/**
 * What a prune found and did (or, for a dry run, would do): the snapshots it kept the chunks of, the packs it
 * deleted outright and those it repacked, and the stored bytes before and after.
 *
 * @param snapshots      snapshots whose chunks were kept
 * @param packsBefore    packs in the repository when it started
 * @param packsDeleted   packs no snapshot used a chunk of, deleted
 * @param packsRepacked  packs more unused than the threshold, their live chunks written into {@code packsWritten} new ones
 * @param packsWritten   new packs holding the repacked chunks
 * @param indexRewritten index files replaced because they listed a removed pack
 * @param bytesBefore    stored bytes of all packs before
 * @param bytesAfter     stored bytes of all packs after (for a dry run: the estimate, repacked chunks counted at their size)
 * @param unusedKept     unused bytes left in packs below the repack threshold
 */
public record PruneReport(boolean dryRun, int snapshots, int packsBefore, int packsDeleted, int packsRepacked, int packsWritten,
        int indexRewritten, long bytesBefore, long bytesAfter, long unusedKept) {

    public long bytesFreed() {
        return bytesBefore - bytesAfter;
    }
}

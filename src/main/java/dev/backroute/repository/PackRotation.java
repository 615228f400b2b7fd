package dev.backroute.repository;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which packs a subset check reads, so that over a rotation every pack is read once. With a share, a pack's group
 * is its id (uniform: a SHA-256) modulo the number of groups, so a pack stays in its group from run to run and new
 * packs spread evenly over the groups. With a byte budget, packs are read in id order from after the last one read
 * while the budget lasts; the run that reaches the last pack ends the rotation, and the next starts again from the
 * first. A pack larger than the whole budget is read alone rather than never.
 */
final class PackRotation {
    /** The packs to read, where this run stands, the share of packs read within the current rotation, and what to keep. */
    record Selection(List<BlobStore.Blob> packs, SubsetReport.Position position, double coverage, SubsetPosition next) {}

    private PackRotation() {}

    /** {@code packs}: the packs the index uses, as the store lists them (name and size). */
    static Selection select(List<BlobStore.Blob> packs, DataSubset subset, SubsetPosition from) {
        List<BlobStore.Blob> sorted = packs.stream().sorted(Comparator.comparing(PackRotation::id)).toList();
        return subset.byShare() ? byShare(sorted, subset.groups(), from) : byBudget(sorted, subset.bytes(), from);
    }

    static int group(String packName, int groups) {
        return (int) (Long.parseLong(id(packName).substring(0, 12), 16) % groups);
    }

    private static Selection byShare(List<BlobStore.Blob> sorted, int groups, SubsetPosition from) {
        int current = (int) (from.runs() % groups);
        List<BlobStore.Blob> chosen = sorted.stream().filter(b -> group(b.name(), groups) == current).toList();
        long covered = sorted.stream().filter(b -> group(b.name(), groups) <= current).count();
        return new Selection(chosen, new SubsetReport.Position(current + 1, groups, null), share(covered, sorted.size()),
                new SubsetPosition(from.runs() + 1, null));
    }

    private static Selection byBudget(List<BlobStore.Blob> sorted, long budget, SubsetPosition from) {
        int start = 0;
        if (from.lastPack() != null) {
            while (start < sorted.size() && id(sorted.get(start)).compareTo(from.lastPack()) <= 0) {
                start++;
            }
            start = start == sorted.size() ? 0 : start;
        }
        List<BlobStore.Blob> chosen = new ArrayList<>();
        long bytes = 0;
        int last = -1;
        for (int i = start; i < sorted.size(); i++) {
            BlobStore.Blob pack = sorted.get(i);
            if (!chosen.isEmpty() && bytes + pack.size() > budget) {
                break;
            }
            chosen.add(pack);
            bytes += pack.size();
            last = i;
        }
        String lastRead = last < 0 ? from.lastPack() : id(sorted.get(last));
        return new Selection(chosen, new SubsetReport.Position(0, 0, lastRead), share(last + 1, sorted.size()),
                new SubsetPosition(from.runs() + 1, lastRead));
    }

    private static double share(long part, int whole) {
        return whole == 0 ? 1.0 : (double) part / whole;
    }

    private static String id(BlobStore.Blob blob) {
        return id(blob.name());
    }

    private static String id(String packName) {
        return BlobName.idOf(packName);
    }
}

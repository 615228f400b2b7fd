package dev.backroute.repository;

import java.util.List;

/**
 * What {@link Repository#checkSubset} found. {@code problems} are damage to the structure (a snapshot that does not
 * open, a chunk no index lists, a pack missing), one line each; {@code damaged} the packs read that failed, each with
 * the backups whose snapshots use it. {@code next} is where the following run continues; only a run that found
 * nothing wrong moves the rotation on, so damage is read and reported again until it is repaired.
 */
public record SubsetReport(int snapshots, int packsTotal, int packsRead, long bytesRead, Position position, double coverage,
                           List<DamagedPack> damaged, List<String> problems, SubsetPosition next) {
    public SubsetReport {
        damaged = List.copyOf(damaged);
        problems = List.copyOf(problems);
    }

    /**
     * This run's place in the rotation: with a share, {@code group} (from 1) of {@code groups}; with a byte budget,
     * the id of the last pack read ({@code lastPack}; null when the repository holds no pack).
     */
    public record Position(int group, int groups, String lastPack) {}

    /** A pack that failed its read: {@code error} says how, {@code backups} are the ids of the backups that need it. */
    public record DamagedPack(String pack, String error, List<String> backups) {
        public DamagedPack {
            backups = List.copyOf(backups);
        }
    }

    public boolean ok() {
        return damaged.isEmpty() && problems.isEmpty();
    }
}

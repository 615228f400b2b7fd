package dev.backroute.repository;

/**
 * Where the subset checks of one repository are in their rotation, kept between runs: {@code runs} finished (with a
 * share, the next run reads group {@code runs mod groups}) and the last pack a byte budget read ({@code lastPack},
 * its id; the next run starts after it). Losing it only restarts the rotation.
 */
public record SubsetPosition(long runs, String lastPack) {
    public static final SubsetPosition START = new SubsetPosition(0, null);

    public SubsetPosition {
        if (runs < 0) {
            throw new IllegalArgumentException("runs < 0");
        }
        if (lastPack != null) {
            BlobName.pack(lastPack); // only a pack's id
        }
    }
}

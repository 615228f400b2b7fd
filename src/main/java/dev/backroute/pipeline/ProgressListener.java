package dev.backroute.pipeline;

import java.util.function.LongSupplier;

/**
 * Where long work reports how far it has got, one phase at a time, so that a front end can draw it. The
 * work hands over a byte counter and goes on; the listener reads the counter when it likes, from its own
 * thread, so the work never waits for the display.
 */
public interface ProgressListener {
    /** The total of a phase whose size is not known in advance (a database dump). */
    long UNKNOWN = -1;

    ProgressListener NONE = new ProgressListener() {
        @Override
        public void begin(String phase, long total, LongSupplier done) {
            // nobody is watching
        }

        @Override
        public void end() {
            // nobody is watching
        }

        @Override
        public boolean watching() {
            return false;
        }
    };

    /** A phase of {@code total} bytes ({@link #UNKNOWN} when not known) begins; {@code done} counts its bytes so far. */
    void begin(String phase, long total, LongSupplier done);

    /** The phase begun last has finished with all its bytes counted; a failed phase is not ended, just followed. */
    void end();

    /** False when nobody will see the counts: work may then skip what it does only for them (a walk for a total). */
    default boolean watching() {
        return true;
    }
}

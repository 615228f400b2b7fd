package dev.backroute.cli;

/** A progress display, closed when the work ends; closing never throws. */
interface ProgressHandle extends AutoCloseable {
    @Override
    void close();
}

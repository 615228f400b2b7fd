package dev.backroute.cli;

import dev.backroute.pipeline.ProgressListener;

/** A progress display: it listens to the work's phases and is closed when the work ends; closing never throws. */
interface ProgressHandle extends ProgressListener, AutoCloseable {

    /** Prints a line for the operator on stderr without it running into the progress line. */
    void say(String message);

    @Override
    void close();
}

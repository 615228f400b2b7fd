package dev.backroute.cli;

/** The exit statuses of the command-line contract. */
final class ExitCodes {
    /** All asked work succeeded; a type skipped as "not due" counts as success. */
    static final int OK = 0;
    /** Some backup, validation or recovery failed. */
    static final int FAILED = 1;
    /** Bad usage or bad configuration. */
    static final int USAGE = 2;

    private ExitCodes() {}
}

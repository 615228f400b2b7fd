package dev.backroute.archive;

/**
 * Something that kept a source entry out of the archive, or made it differ from the source.
 *
 * @param path    the entry name (directories without their trailing '/')
 * @param problem what happened, for the backup report
 */
public record TarProblem(String path, String problem) {}

package dev.backroute.archive;

/**
 * An archive entry that passed {@link EntryGuard}.
 *
 * @param name       the name as stored, for messages
 * @param path       the normalized path relative to the restore directory, "" for the directory itself
 * @param linkTarget a symbolic link's target text, or a hard link's normalized target path; else null
 */
record AdmittedEntry(String name, String path, EntryKind kind, String linkTarget) {}

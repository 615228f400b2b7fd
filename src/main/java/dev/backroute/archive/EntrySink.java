package dev.backroute.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import java.io.IOException;
import java.io.InputStream;

/** Where admitted entries go: to disk for extract, nowhere for scan. */
@FunctionalInterface
interface EntrySink {

    EntrySink NOWHERE = (entry, header, content) -> { };

    /** @param content the entry's data; whatever is left unread is drained by the caller */
    void accept(AdmittedEntry entry, TarArchiveEntry header, InputStream content) throws IOException;
}

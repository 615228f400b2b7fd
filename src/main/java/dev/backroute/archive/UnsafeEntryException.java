package dev.backroute.archive;

import java.io.IOException;

/** An archive entry that could create or change something outside the restore directory. */
public class UnsafeEntryException extends IOException {

    private final String entryName;

    public UnsafeEntryException(String entryName, String why) {
        super("archive entry '" + oneLine(entryName) + "' " + why + "; nothing was restored");
        this.entryName = entryName;
    }

    /** The entry name exactly as stored in the archive. */
    public String entryName() {
        return entryName;
    }

    // A hostile name may carry line breaks that would forge extra lines in logs.
    private static String oneLine(String text) {
        return text.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}

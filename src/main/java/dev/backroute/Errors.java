package dev.backroute;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Turns exceptions into the one-line messages operators read in the CLI, logs, manifests and alerts. */
public final class Errors {

    private Errors() {}

    /**
     * Text read from storage (an error, a target name, a reason) as it may be printed on a terminal or in a
     * log: control characters, escape sequences among them, would redraw or forge what the operator sees.
     */
    public static String inert(String value) {
        return value == null ? null : value.replaceAll("\\p{Cntrl}", "?");
    }

    public static String describe(Throwable t) {
        Throwable e = unwrap(t);
        String what;
        if (e instanceof NoSuchFileException f) {
            what = f.getFile() + ": no such file or directory" + reason(f);
        } else if (e instanceof AccessDeniedException f) {
            what = f.getFile() + ": permission denied" + reason(f);
        } else if (e instanceof FileAlreadyExistsException f) {
            what = f.getFile() + ": already exists" + reason(f);
        } else if (e instanceof DirectoryNotEmptyException f) {
            what = f.getFile() + ": directory is not empty";
        } else if (e instanceof FileSystemException f && f.getReason() != null && f.getFile() != null) {
            what = f.getFile() + ": " + f.getReason();
        } else {
            what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return what.replace('\n', ' ').trim();
    }

    private static String reason(FileSystemException f) {
        return f.getReason() == null ? "" : " (" + f.getReason() + ")";
    }

    /** Camel and reflection wrap the exception that matters; the innermost with a message is the useful one. */
    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while (e.getCause() != null && e.getCause() != e
                && (e.getMessage() == null || isWrapper(e))) {
            e = e.getCause();
        }
        return e;
    }

    private static boolean isWrapper(Throwable e) {
        String n = e.getClass().getName();
        return n.startsWith("org.apache.camel.") && !n.startsWith("org.apache.camel.NoSuch")
                || e instanceof java.lang.reflect.InvocationTargetException
                || e instanceof java.io.UncheckedIOException
                || e instanceof java.util.concurrent.ExecutionException;
    }
}

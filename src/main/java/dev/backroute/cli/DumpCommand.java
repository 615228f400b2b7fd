package dev.backroute.cli;

import dev.backroute.Errors;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.postgres.PgSqlScript;
import dev.backroute.postgres.PostgresSource;
import dev.backroute.restore.BackupContents;
import dev.backroute.restore.BackupEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * {@code dump}: a backup's bytes, or one file's, on stdout while they are read and verified; nothing else goes there.
 * A check that fails once bytes went out ends the command with exit status 1 and says the output is incomplete.
 */
@Command(name = "dump", description = "Write a backup, or one file of it, to stdout, verified as it is read.",
        footer = {"", "Without PATH: a files backup as a tar stream, a database backup's dump (PostgreSQL custom-format",
                "dumps as the SQL script pg_restore prints for them, unless --raw).", "", "Examples:",
                "  ./backroute dump data_files:latest | tar -xf - -C /tmp/out",
                "  ./backroute dump data_files:latest data/movies/ratings.csv > ratings.csv",
                "  ./backroute dump postgresql:movies:latest | psql -d movies_copy"})
final class DumpCommand extends CommandBase {

    @Parameters(index = "0", paramLabel = "BACKUP",
            description = "a backup id, TYPE:latest, TYPE:DATABASE:latest, or an artifact or manifest path (as recover --backup-path)")
    String backup;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", description = "one file of a files backup")
    String path;

    @Option(names = "--raw", description = "PostgreSQL: the stored custom-format dump itself, for pg_restore, instead of its SQL script")
    boolean raw;

    @Override
    public Integer call() throws Exception {
        if (json()) {
            throw new ErrorReporter.UsageException("dump writes the backup's own bytes to stdout and has no --json output");
        }
        // On stderr, and only on a terminal: stdout carries the data.
        try (ProgressHandle progress = Progress.start(null, false, env(), err())) {
            return dump(new BackupContents(config(), env(), progress));
        }
    }

    private int dump(BackupContents contents) throws IOException {
        BackupContents.Found found = contents.find(backup);
        BackupRecord record = found.record();
        String file = BackupEntry.pathOf(path);
        checkOptions(found, file);
        // The process's stdout as bytes (the command's PrintWriter is for text); flushed, never closed.
        Stdout out = new Stdout(new FileOutputStream(FileDescriptor.out));
        try {
            if (file != null) {
                dumpFile(contents, found, file, out);
            } else if (sqlScript(found)) {
                PgSqlScript script = new PgSqlScript((PostgresSource) config().type(record.type()).source(), record.type(), env());
                contents.plaintext(found, in -> {
                    script.write(in, out);
                    return null;
                }, out::count);
            } else {
                contents.plaintext(found, in -> in.transferTo(out), out::count);
            }
        } catch (IOException | RuntimeException e) {
            out.flushQuietly();
            throw e;
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void checkOptions(BackupContents.Found found, String file) {
        String id = found.record().id();
        if (file != null && !found.files()) {
            throw new ErrorReporter.UsageException("backup " + id + " is a " + found.form().kind() + " dump, one stream without"
                    + " paths: run `backroute dump " + id + "` without PATH");
        }
        if (raw && !"postgresql".equals(found.form().kind())) {
            throw new ErrorReporter.UsageException("--raw applies to a PostgreSQL backup's dump only; backup " + id + " is of kind "
                    + found.form().kind());
        }
    }

    /** A custom-format PostgreSQL dump (pg_dump -Fc), unless the stored dump itself is asked for; a plain one is SQL already. */
    private boolean sqlScript(BackupContents.Found found) {
        return !raw && "postgresql".equals(found.form().kind()) && "dump".equals(found.form().base());
    }

    private static void dumpFile(BackupContents contents, BackupContents.Found found, String file, Stdout out) throws IOException {
        BackupEntry[] matched = new BackupEntry[1];
        contents.entries(found, (entry, content) -> {
            if (matched[0] == null && entry.path().equals(file)) {
                matched[0] = entry;
                if (entry.kind() == BackupEntry.Kind.FILE) {
                    try (InputStream in = content.open()) {
                        in.transferTo(out);
                    }
                }
            }
        }, out::count);
        String id = found.record().id();
        BackupEntry entry = matched[0];
        if (entry == null) {
            throw new ErrorReporter.UsageException("backup " + id + " has no entry " + Errors.inert(file)
                    + ": run `backroute ls " + id + "` to see its paths");
        }
        switch (entry.kind()) {
            case FILE -> { }
            case DIRECTORY -> throw new ErrorReporter.UsageException(Errors.inert(file) + " is a directory in backup " + id
                    + ": give the path of a file, or dump the whole backup as a tar stream without PATH");
            case SYMLINK, HARDLINK -> throw new ErrorReporter.UsageException(Errors.inert(file) + " is a link to "
                    + Errors.inert(entry.target()) + " in backup " + id + ": give the path of a file");
        }
    }

    /** Counts what was handed to stdout; read by the thread that decides whether another copy may be tried. */
    private static final class Stdout extends OutputStream {
        private final OutputStream out;
        private volatile long count;

        Stdout(OutputStream fd) {
            this.out = new BufferedOutputStream(fd, 1 << 16);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        /** What was verified so far still goes out; the error that follows says to discard it. */
        void flushQuietly() {
            try {
                out.flush();
            } catch (IOException ignored) {
                // stdout is gone (a closed pipe): the error being reported says more.
            }
        }

        long count() {
            return count;
        }
    }
}

package dev.backroute.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.backroute.Errors;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.Manifests;
import dev.backroute.pipeline.ProgressListener;
import dev.backroute.restore.BackupContents;
import dev.backroute.restore.BackupEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.time.Instant;

/**
 * {@code ls}: a files backup's entries, one line each as they are read (one entry in memory, whatever the backup's
 * size), verified as a restore verifies them; a database backup's one stream.
 */
@Command(name = "ls", description = "List what a backup holds: a files backup's entries, a database backup's dump.",
        footer = {"", "Examples:",
                "  ./backroute ls data_files:latest",
                "  ./backroute ls data_files_20261205_010000 data/movies",
                "  ./backroute ls postgresql:movies:latest"})
final class LsCommand extends CommandBase {

    @Parameters(index = "0", paramLabel = "BACKUP",
            description = "a backup id, TYPE:latest, TYPE:DATABASE:latest, or an artifact or manifest path (as recover --backup-path)")
    String backup;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", description = "only this entry and the entries below it")
    String path;

    /** An entry of {@code --json} output; docs/schemas/ls.schema.json. */
    record JsonEntry(String kind, String path, String mode, long uid, long gid, String owner, String group, long sizeBytes,
            Instant modified, String target) {
        static JsonEntry of(BackupEntry e) {
            return new JsonEntry(e.kind().name().toLowerCase(), e.path(), e.modeString(), e.uid(), e.gid(), e.owner(), e.group(),
                    e.size(), e.modified(), e.target());
        }
    }

    /** A database backup's one stream in {@code --json} output. */
    record JsonStream(String name, long rawBytes) {}

    @Override
    public Integer call() throws Exception {
        BackupContents contents = new BackupContents(config(), env(), ProgressListener.NONE);
        BackupContents.Found found = contents.find(backup);
        BackupRecord record = found.record();
        String within = BackupEntry.pathOf(path);
        if (!found.files()) {
            if (within != null) {
                throw new ErrorReporter.UsageException("backup " + record.id() + " is a " + found.form().kind()
                        + " dump, one stream without paths: run `backroute ls " + record.id() + "` without PATH");
            }
            String name = record.artifactBaseName();
            print(header(record, found.form().kind(), within).with("stream", new JsonStream(name, record.rawBytes())).with("entries", null),
                    () -> out().println(record.rawBytes() + " " + name));
            return ExitCodes.OK;
        }
        Listing listing = json() ? new JsonListing(header(record, "files", within)) : new TextListing();
        contents.entries(found, (entry, content) -> {
            if (entry.within(within)) {
                listing.add(entry);
            }
        }, listing::shown);
        if (listing.shown() == 0 && within != null) {
            throw new ErrorReporter.UsageException("backup " + record.id() + " has no entry " + Errors.inert(within)
                    + ": run `backroute ls " + record.id() + "` to see its paths");
        }
        listing.end();
        return ExitCodes.OK;
    }

    private static JsonObject header(BackupRecord record, String kind, String within) {
        return new JsonObject().with("id", record.id()).with("type", record.type()).with("kind", kind).with("path", within);
    }

    /** Where the entries go as they are read. */
    private interface Listing {
        void add(BackupEntry entry) throws IOException;

        long shown();

        void end() throws IOException;
    }

    /** Like {@code ls -l} or {@code tar -tv}: mode, owner/group, size, modification time (UTC), path. */
    private final class TextListing implements Listing {
        private long shown;

        @Override
        public void add(BackupEntry e) {
            String owner = (e.owner().isEmpty() ? Long.toString(e.uid()) : e.owner()) + "/"
                    + (e.group().isEmpty() ? Long.toString(e.gid()) : e.group());
            String name = Errors.inert(e.path()) + (e.kind() == BackupEntry.Kind.SYMLINK ? " -> " + Errors.inert(e.target())
                    : e.kind() == BackupEntry.Kind.HARDLINK ? " link to " + Errors.inert(e.target()) : "");
            out().println(String.format("%s %-17s %12d %s %s", e.modeString(), owner, e.size(), Times.human(e.modified()), name));
            shown++;
        }

        @Override
        public long shown() {
            return shown;
        }

        @Override
        public void end() {
            out().flush();
        }
    }

    /** One JSON document, written entry by entry; begun at the first entry, so a PATH that matches nothing prints only the error. */
    private final class JsonListing implements Listing {
        private final JsonObject header;
        private JsonGenerator json;
        private long shown;

        JsonListing(JsonObject header) {
            this.header = header;
        }

        @Override
        public void add(BackupEntry entry) throws IOException {
            if (json == null) {
                begin();
            }
            json.writeObject(JsonEntry.of(entry));
            shown++;
        }

        private void begin() throws IOException {
            json = Manifests.mapper().createGenerator(out());
            json.writeStartObject();
            for (var field : header.entrySet()) {
                json.writeObjectField(field.getKey(), field.getValue());
            }
            json.writeObjectField("stream", null);
            json.writeArrayFieldStart("entries");
        }

        @Override
        public long shown() {
            return shown;
        }

        @Override
        public void end() throws IOException {
            if (json == null) {
                begin();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.flush();
            out().println();
            out().flush();
        }
    }
}

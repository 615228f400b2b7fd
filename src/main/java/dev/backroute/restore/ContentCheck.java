package dev.backroute.restore;

import dev.backroute.archive.TarExtractor;
import dev.backroute.archive.TarSummary;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.milvus.MilvusExportFormat;
import dev.backroute.neo4j.Neo4jExportFormat;
import dev.backroute.postgres.PgDumpCheck;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** The structural check of a backup's plaintext, by what its source produced. */
final class ContentCheck {

    private ContentCheck() {}

    static ArtifactDecoder.PlaintextReader<String> forRecord(BackupRecord record) {
        Object kind = record.source() == null ? null : record.source().get("kind");
        if ("files".equals(kind)) {
            return in -> checkTar(record, in);
        }
        if ("neo4j".equals(kind) && "admin_dump".equals(record.source().get("mode"))) {
            // neo4j-admin's dump format is its own; the checksums are what can be checked without it.
            return in -> "neo4j-admin dump, " + in.transferTo(java.io.OutputStream.nullOutputStream()) + " bytes";
        }
        if ("neo4j".equals(kind)) {
            return Neo4jExportFormat::verify;
        }
        if ("milvus".equals(kind)) {
            return MilvusExportFormat::verify;
        }
        if ("postgresql".equals(kind)) {
            return in -> PgDumpCheck.verify(in, "custom".equals(record.source().get("format")), record.id());
        }
        throw new IllegalStateException("backup " + record.id() + " has source kind " + kind + ", which this version cannot check");
    }

    private static String checkTar(BackupRecord record, InputStream in) throws IOException {
        TarSummary s = TarExtractor.scan(in);
        if (!sameCount(record, "files", s.files()) || !sameCount(record, "directories", s.directories())
                || !sameCount(record, "symlinks", s.symlinks())) {
            throw new IntegrityException("backup " + record.id() + ": the archive holds " + s.files() + " files, "
                    + s.directories() + " directories and " + s.symlinks() + " links, not what the manifest recorded");
        }
        return s.files() + " files, " + s.directories() + " directories, " + s.symlinks() + " symlinks";
    }

    private static boolean sameCount(BackupRecord record, String key, long actual) {
        Object expected = record.source().get(key);
        return expected == null || Objects.equals(((Number) expected).longValue(), actual);
    }
}

package dev.backroute.postgres;

import dev.backroute.drill.Drill;
import dev.backroute.drill.DrillCheck;
import dev.backroute.drill.ScratchFolder;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The drill of a globals backup (roles and tablespaces, pg_dumpall --globals-only). Roles are cluster-wide: restoring
 * them would write to a server, the source's or the drill server's, so the drill restores the script into a folder
 * {@code globals_drill_<stamp>} under the drill's work folder instead (recover decodes and verifies the whole artifact
 * on the way) and checks that it is a complete pg_dumpall globals script. No server is touched.
 */
final class PgScratchGlobals extends ScratchFolder {
    private static final String BASE = "globals";
    private static final String HEADER = "-- PostgreSQL database cluster dump";
    private static final String TRAILER = "-- PostgreSQL database cluster dump complete";

    private PgScratchGlobals(Path folder) {
        super(folder);
    }

    /** Removes the folders earlier drills of the type left, then names a new one (recover creates it). */
    static PgScratchGlobals prepare(Drill drill) throws IOException {
        return new PgScratchGlobals(sweepThenName(drill, drill.workDir(), BASE));
    }

    @Override
    public List<DrillCheck> check() throws IOException {
        List<Path> files;
        try (Stream<Path> entries = Files.list(folder)) {
            files = entries.toList();
        }
        if (files.size() != 1) {
            return List.of(DrillCheck.failed("globals script", "one restored file", files.size() + " files in " + folder));
        }
        Path script = files.get(0);
        boolean header = false;
        String lastComment = null;
        long roles = 0;
        try (BufferedReader in = Files.newBufferedReader(script, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                header |= line.equals(HEADER);
                if (line.startsWith("-- ")) {
                    lastComment = line;
                }
                if (line.startsWith("CREATE ROLE ")) {
                    roles++;
                }
            }
        }
        if (!header || !TRAILER.equals(lastComment)) {
            return List.of(DrillCheck.failed("globals script", "a complete pg_dumpall globals script (its header and"
                    + " \"dump complete\" trailer)", script.getFileName() + " lacks " + (header ? "the trailer" : "the header")));
        }
        return List.of(DrillCheck.passed("globals script", "pg_dumpall globals script, " + roles + " roles, "
                + Files.size(script) + " bytes"));
    }
}

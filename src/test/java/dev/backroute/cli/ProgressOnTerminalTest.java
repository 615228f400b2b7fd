package dev.backroute.cli;

import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.SampleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * backup, validate and recover of a file type with the status line forced on (as on a terminal): every
 * phase shows, in order, and ends at 100 %; with --json, or when stderr is not a terminal, nothing does.
 */
class ProgressOnTerminalTest {
    private static final Map<String, String> FORCED = Map.of("BACKROUTE_PROGRESS", "always");
    private static final String CLEAR_LINE = "\r\033[K";

    @TempDir
    Path dir;

    @Test
    void eachPhaseIsShownAndEndsAtAHundredPercentThenTheLineIsCleared() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        SampleTree.create(inst.source());

        Cli.Result backup = Cli.withConfig(FORCED, inst.config(), "backup", "--type", "data_files");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        Map<String, String> phases = lastLineOfEachPhase(backup.err(), "data_files: ");
        assertThat(List.copyOf(phases.keySet())).containsExactly("read", "upload", "read-back");
        assertThat(phases.values()).allSatisfy(line -> assertThat(line).contains("(100%)", ", ETA 0:00"));
        assertThat(backup.err()).endsWith(CLEAR_LINE);
        assertThat(backup.out()).startsWith("data_files: backed up data_files_").doesNotContain("\r");

        Cli.Result validate = Cli.withConfig(FORCED, inst.config(), "validate", "--type", "data_files", "--latest");
        assertThat(validate.exitCode()).as(validate.all()).isZero();
        assertThat(lastLineOfEachPhase(validate.err(), "")).containsOnlyKeys("validate")
                .allSatisfy((phase, line) -> assertThat(line).contains("(100%)", ", ETA 0:00"));
        assertThat(validate.err()).endsWith(CLEAR_LINE);

        Cli.Result recover = Cli.withConfig(FORCED, inst.config(), "recover", "--backup-path", "data_files:latest",
                "--destination", dir.resolve("restored").toString());
        assertThat(recover.exitCode()).as(recover.all()).isZero();
        assertThat(lastLineOfEachPhase(recover.err(), "")).containsOnlyKeys("restore")
                .allSatisfy((phase, line) -> assertThat(line).contains("(100%)", ", ETA 0:00"));
        assertThat(recover.err()).endsWith(CLEAR_LINE);
        assertThat(recover.out()).startsWith("recovered data_files_").doesNotContain("\r");
    }

    @Test
    void jsonOutputHasNoProgressEvenWhenForced() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        SampleTree.create(inst.source());

        List<Cli.Result> results = List.of(
                Cli.withConfig(FORCED, inst.config(), "--json", "backup", "--type", "data_files"),
                Cli.withConfig(FORCED, inst.config(), "--json", "validate", "--type", "data_files", "--latest"),
                Cli.withConfig(FORCED, inst.config(), "--json", "recover", "--backup-path", "data_files:latest",
                        "--destination", dir.resolve("restored").toString()));

        assertThat(results).allSatisfy(r -> {
            assertThat(r.exitCode()).as(r.all()).isZero();
            assertThat(r.out()).startsWith("{");
            assertThat(r.all()).doesNotContain("\r", "%)");
        });
    }

    @Test
    void stderrThatIsNotATerminalGetsNoProgress() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        SampleTree.create(inst.source());

        // The test's stderr is a pipe or a file, never a terminal, so this is the automatic choice.
        Cli.Result backup = Cli.withConfig(Map.of(), inst.config(), "backup", "--type", "data_files");

        assertThat(backup.exitCode()).as(backup.all()).isZero();
        assertThat(backup.all()).doesNotContain("\r", "%)");
    }

    /** Phase name → its last painted line, in the order the phases first appeared. */
    private static Map<String, String> lastLineOfEachPhase(String err, String label) {
        Pattern progressLine = Pattern.compile(Pattern.quote(label) + "(\\S+) .* at \\S+ \\S*B/s(, ETA \\S+)?");
        Map<String, String> last = new LinkedHashMap<>();
        for (String painted : err.split("\r")) {
            String text = painted.replace("\033[K", "");
            Matcher m = progressLine.matcher(text);
            if (m.matches()) {
                last.put(m.group(1), text);
            }
        }
        return last;
    }
}

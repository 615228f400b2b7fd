package dev.backroute.drill;

import dev.backroute.catalog.ManifestAuthority;
import dev.backroute.config.BackupConfig;
import dev.backroute.crypto.Keyset;
import dev.backroute.testsupport.Installation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Drill records on storage: sealed, believed only when they check, and the oldest believed ones forgotten. */
class DrillRecordsTest {
    private static final Instant DEC_1 = Instant.parse("2026-12-01T05:30:00Z");

    @TempDir
    Path dir;

    private Installation inst;
    private DrillRecords records;

    @BeforeEach
    void setUp() throws Exception {
        inst = Installation.in(dir).write("gzip", true);
        Keyset.generate(inst.keyset());
        BackupConfig config = BackupConfig.loadFromFile(inst.config(), Map.of());
        records = new DrillRecords(config, ManifestAuthority.of(config, Map.of()));
        Files.createDirectories(inst.typeFolder());
    }

    @Test
    void theNewestBelievedRecordsAreKeptAndAPlantedOneNeitherPushesThemOutNorIsRemoved() throws Exception {
        Path planted = Files.writeString(inst.typeFolder().resolve("drill-99991231_235959-zzzzzz.json"),
                "{\"record\": \"drill\", \"type\": \"data_files\", \"success\": true}");
        for (int month = 0; month < DrillRecords.KEPT + 2; month++) {
            assertThat(records.write(record(DEC_1.minusSeconds(86_400L * 30 * (DrillRecords.KEPT + 2 - month)), month % 2 == 0))).isNull();
        }

        assertThat(names()).hasSize(DrillRecords.KEPT + 1).contains(planted.getFileName().toString());
        assertThat(records.latest("data_files")).get().extracting(DrillRecord::startedAt)
                .isEqualTo(DEC_1.minusSeconds(86_400L * 30));
        assertThat(records.latestPassed("data_files")).get().extracting(DrillRecord::startedAt)
                .isEqualTo(DEC_1.minusSeconds(86_400L * 60));
    }

    @Test
    void aRecordChangedAfterItWasWrittenIsNotBelieved() throws Exception {
        assertThat(records.write(record(DEC_1.minusSeconds(3600), true))).isNull();
        assertThat(records.write(record(DEC_1, false))).isNull();
        Path newest = inst.typeFolder().resolve(names().stream().sorted().toList().get(1));
        Files.writeString(newest, Files.readString(newest).replace("\"success\" : false", "\"success\" : true")
                .replace("\"passed\" : false", "\"passed\" : true"));

        assertThat(records.latest("data_files")).get().extracting(DrillRecord::startedAt).isEqualTo(DEC_1.minusSeconds(3600));
    }

    @Test
    void aRecordDatedBeyondTheClockSkewIsNotTheLastDrill() throws Exception {
        assertThat(records.write(record(Instant.now().plusSeconds(86_400L * 365), true))).isNull();
        assertThat(records.write(record(DEC_1, false))).isNull();

        assertThat(records.latest("data_files")).get().extracting(DrillRecord::startedAt).isEqualTo(DEC_1);
        assertThat(records.latestPassed("data_files")).isEmpty();
    }

    private static DrillRecord record(Instant at, boolean passed) {
        DrillCheck check = passed ? DrillCheck.passed("files", "3") : DrillCheck.failed("files", "3", "2");
        return new DrillRecord(DrillRecord.FORMAT_VERSION, DrillRecord.KIND, "data_files", "data_files_20261201_010000", "host-a",
                at, at.plusSeconds(5), passed, passed ? null : check.describe(), List.of(new DrillRecord.Backup("data_files_20261201_010000",
                "folder /x", false, 1.0, 0.5, List.of(check))));
    }

    private List<String> names() throws Exception {
        try (Stream<Path> files = Files.list(inst.typeFolder())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("drill-")).toList();
        }
    }
}

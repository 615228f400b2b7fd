package dev.backroute.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md documents exactly the keys the loader accepts. The accepted keys come from the
 * readers themselves (the keys they ask for, recorded by {@link Document}) while reading
 * {@link TestConfigs#FULL}, which reaches every reader; the documented ones from the key tables of the
 * reference. Only which section describes which objects is written down here.
 */
class DocumentedKeysTest {
    private static final Path REFERENCE = Path.of("docs/configuration.md");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final List<String> FILE_TYPES = List.of("data_files", "logs", "quality_reports");

    /** Section heading (without '#' and backticks) → the JSON objects its "key" table describes. */
    private static final Map<String, List<String>> SECTIONS = Map.ofEntries(
            entry("Top level", List.of("")),
            entry("Common keys", BackupConfig.SEED_TYPES.stream().map(t -> "backup_types." + t).toList()),
            entry("Repository", List.of("backup_types.data_files.repository")),
            entry("Source: files (data_files, logs, quality_reports)", FILE_TYPES.stream().map(t -> "backup_types." + t + ".source").toList()),
            entry("Source: postgresql", List.of("backup_types.postgresql.source")),
            entry("Drill: postgresql", List.of("backup_types.postgresql.drill")),
            entry("Source: neo4j", List.of("backup_types.neo4j.source")),
            entry("Drill: neo4j", List.of("backup_types.neo4j.drill")),
            entry("Source: milvus", List.of("backup_types.milvus.source")),
            entry("Drill (every type)", BackupConfig.SEED_TYPES.stream().map(t -> "backup_types." + t + ".drill").toList()),
            entry("Drill: files", FILE_TYPES.stream().map(t -> "backup_types." + t + ".drill").toList()),
            entry("Drill: milvus", List.of("backup_types.milvus.drill")),
            entry("Drill: milvus search assertions", List.of("backup_types.milvus.drill.assertions[]")),
            entry("local", List.of("storage.local")),
            entry("s3", List.of("storage.s3")),
            entry("gcs", List.of("storage.gcs")),
            entry("azure", List.of("storage.azure")),
            entry("Bandwidth limits (every type)", List.of("storage.local", "storage.s3", "storage.gcs", "storage.azure")),
            entry("Encryption", List.of("encryption")),
            entry("Alerts", List.of("alerts")),
            entry("alerts.email", List.of("alerts.email")),
            entry("alerts.slack", List.of("alerts.slack")),
            entry("Operations", List.of("operations")),
            entry("Management", List.of("management")),
            entry("Cluster", List.of("cluster")));

    @TempDir
    Path dir;

    @Test
    void theReferenceDocumentsEveryKeyTheLoaderAcceptsAndNoOther() throws IOException {
        Set<String> accepted = qualified(acceptedKeys());
        Set<String> documented = qualified(documentedKeys());

        assertThat(difference(accepted, documented)).as("accepted by the loader but not documented in " + REFERENCE).isEmpty();
        assertThat(difference(documented, accepted)).as("documented in " + REFERENCE + " but refused by the loader").isEmpty();
    }

    @Test
    void theReferenceListsEveryKnownBackupType() throws IOException {
        List<String> documented = tables().stream()
                .filter(t -> t.heading().equals("backup_types.<type>") && t.header().equals("type"))
                .flatMap(t -> t.names().stream()).toList();

        assertThat(documented).containsExactlyElementsOf(BackupConfig.SEED_TYPES);
    }

    private Map<String, Set<String>> acceptedKeys() {
        Path file = TestConfigs.write(dir, TestConfigs.FULL);
        Document document = new Document(file);
        ConfigLoader.load(file, Map.of(), document);
        // The objects of a list are documented once, as "list[].key".
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        document.acceptedKeys().forEach((object, names) -> keys.computeIfAbsent(object.replaceAll("\\[\\d+]", "[]"),
                o -> new TreeSet<>()).addAll(names));
        return keys;
    }

    /** Keys of the "key" tables; {@code a.b} in a table stands for key {@code a} and, in object {@code a}, key {@code b}. */
    private static Map<String, Set<String>> documentedKeys() throws IOException {
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        for (Table table : tables()) {
            if (!table.header().equals("key")) {
                continue;
            }
            assertThat(SECTIONS).as("section '" + table.heading() + "' has a key table: say above which objects it describes")
                    .containsKey(table.heading());
            for (String object : SECTIONS.get(table.heading())) {
                for (String name : table.names()) {
                    String path = object;
                    for (String part : name.split("\\.")) {
                        keys.computeIfAbsent(path, p -> new TreeSet<>()).add(part.replace("[]", ""));
                        path = path.isEmpty() ? part : path + "." + part;
                    }
                }
            }
        }
        return keys;
    }

    /**
     * A table of the reference under its nearest heading (without '#' and backticks).
     *
     * @param header the first cell of its header row
     * @param names  the code spans in the first column of its body rows
     */
    private record Table(String heading, String header, List<String> names) {}

    private static List<Table> tables() throws IOException {
        List<Table> tables = new ArrayList<>();
        String heading = "";
        List<String> rows = new ArrayList<>();
        boolean inCode = false;
        for (String line : Files.readAllLines(REFERENCE)) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            }
            if (inCode) {
                continue;
            }
            if (line.startsWith("|")) {
                rows.add(line.split("\\|")[1].strip());
                continue;
            }
            if (!rows.isEmpty()) {
                tables.add(table(heading, rows));
                rows.clear();
            }
            if (line.startsWith("#")) {
                heading = line.replaceFirst("^#+\\s*", "").replace("`", "").strip();
            }
        }
        if (!rows.isEmpty()) {
            tables.add(table(heading, rows));
        }
        return tables;
    }

    /** {@code firstCells}: the header, the "---" separator, then the body rows. */
    private static Table table(String heading, List<String> firstCells) {
        List<String> names = new ArrayList<>();
        for (String cell : firstCells.subList(2, firstCells.size())) {
            Matcher code = CODE.matcher(cell);
            while (code.find()) {
                names.add(code.group(1));
            }
        }
        return new Table(heading, firstCells.get(0), names);
    }

    private static Set<String> qualified(Map<String, Set<String>> keys) {
        Set<String> qualified = new TreeSet<>();
        keys.forEach((object, names) -> names.forEach(n -> qualified.add(object.isEmpty() ? n : object + "." + n)));
        return qualified;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }
}

package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.catalog.Manifests;
import dev.backroute.cluster.ClusterMembers;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.PgClusterFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.backroute.testsupport.JsonSchemas.assertMatches;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who is who: two hosts, host-a and host-b (two installations, each with its own backup_dir), share one storage
 * folder and one cluster database on a real PostgreSQL. {@code status} and {@code list} on either say which member
 * made each backup, and {@code status} lists the members with their states by the database's clock; a database that
 * cannot be reached is one line of the cluster section, and the rest of status is printed and exits 0 as ever.
 */
class ClusterStatusTest {
    private static final String PASSWORD = "cluster-pw-4d1e-93b0";

    @RegisterExtension
    static final PgClusterFixture clusterDb = new PgClusterFixture(PASSWORD);

    @TempDir
    Path dir;

    @BeforeEach
    void noMembersYet() throws Exception {
        clusterDb.server().execute("cluster", "DROP TABLE IF EXISTS backroute_cluster_members");
        Files.writeString(Files.createDirectories(dir.resolve("src")).resolve("movies.csv"), "id,title\n1,Heat\n");
    }

    @Test
    void hostBSeesTheBackupHostAMadeAndEveryMemberWithItsState() throws Exception {
        Path hostA = hostConfig("host-a", clusterDb.server().port());
        Path hostB = hostConfig("host-b", clusterDb.server().port());
        String where = "jdbc:postgresql://127.0.0.1:" + clusterDb.server().port() + "/cluster";
        String fromA = backup(hostA);

        Cli.Result before = Cli.withConfig(clusterDb.env(), hostB, "status");
        assertThat(before.exitCode()).as(before.all()).isZero();
        assertThat(clusterSection(before.out())).containsExactly(
                "cluster  database " + where + ", this member host-b",
                "  no member has started ./backroute run yet");

        try (Connection c = clusterDb.server().connect("cluster"); Statement s = c.createStatement()) {
            ClusterMembers.createTable(c);
            // A long interval: host-a stays running however slowly this machine reaches the status below.
            ClusterMembers.started(c, "host-a", 600);
            ClusterMembers.started(c, "host-b", 2);
            ClusterMembers.stopped(c, "host-b");
            ClusterMembers.started(c, "host-c", 2);
            s.execute("UPDATE backroute_cluster_members SET last_checkin = now() - interval '3 hours' WHERE instance = 'host-c'");
            // Whoever can write the database can name a member anything: shown inert, like a manifest's text.
            ClusterMembers.started(c, "zz\u001b]0;owned\u0007", 600);
        }

        Cli.Result status = Cli.withConfig(clusterDb.env(), hostB, "status");
        assertThat(status.exitCode()).as("a silent member is reported, not a failure of status: " + status.all()).isZero();
        assertThat(status.out()).containsPattern("  last success: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC  " + fromA + "  .* on host-a\n")
                .doesNotContain(PASSWORD);
        List<String> cluster = clusterSection(status.out());
        String time = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC";
        assertThat(cluster).hasSize(5);
        assertThat(cluster.get(0)).isEqualTo("cluster  database " + where + ", this member host-b");
        assertThat(cluster.get(1)).matches("  host-a {8}running since " + time + ", last check-in \\d+ s ago");
        assertThat(cluster.get(2)).matches("  host-b {8}stopped at " + time + ", last check-in \\d+ s ago  \\(this member\\)");
        assertThat(cluster.get(3)).matches("  host-c {8}SILENT since " + time + ", last check-in 3 h ago");
        assertThat(cluster.get(4)).matches("  zz\\?]0;owned\\?  running since " + time + ", last check-in \\d+ s ago");

        JsonNode json = assertMatches("status", 0, Cli.withConfig(clusterDb.env(), hostB, "status", "--json"));
        assertThat(json.at("/types/0/last_success/host").asText()).isEqualTo("host-a");
        assertThat(json.at("/cluster/database").asText()).isEqualTo(where);
        assertThat(json.at("/cluster/instance").asText()).isEqualTo("host-b");
        assertThat(json.at("/cluster/error").isNull()).isTrue();
        assertThat(json.at("/cluster/server_time").isTextual()).isTrue();
        assertThat(fields(json.at("/cluster/members"), "instance")).containsExactly("host-a", "host-b", "host-c", "zz\u001b]0;owned\u0007");
        assertThat(fields(json.at("/cluster/members"), "state")).containsExactly("running", "stopped", "silent", "running");
        assertThat(json.at("/cluster/members/1/stopped_at").isTextual()).isTrue();
        assertThat(json.at("/cluster/members/0/stopped_at").isNull()).isTrue();

        String fromB = backup(hostB);
        Cli.Result list = Cli.withConfig(clusterDb.env(), hostA, "list");
        assertThat(list.exitCode()).as(list.all()).isZero();
        assertThat(list.out().lines().findFirst().orElseThrow()).containsPattern("TARGETS +HOST +DRILL");
        assertThat(list.out()).containsPattern(fromB + " .* shared +host-b ").containsPattern(fromA + " .* shared +host-a ");
        JsonNode listed = assertMatches("list", 0, Cli.withConfig(clusterDb.env(), hostA, "list", "--json"));
        assertThat(fields(listed.get("backups"), "host")).containsExactly("host-b", "host-a");
    }

    @Test
    void aClusterDatabaseThatCannotBeReachedIsOneLineAndStatusStillPrintsEverythingElse() throws Exception {
        String fromA = backup(hostConfig("host-a", clusterDb.server().port()));
        int closed = ManagementServerTest.freePort(); // nothing listens there
        Path hostB = hostConfig("host-b", closed);
        String where = "jdbc:postgresql://127.0.0.1:" + closed + "/cluster";

        Cli.Result status = Cli.withConfig(clusterDb.env(), hostB, "status");
        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(status.out()).contains("data_files  schedule 0 0 1 * * ?").containsPattern("last success: .*" + fromA + ".* on host-a\n")
                .contains("next due:").contains("kept:         1 successful backup(s)");
        List<String> cluster = clusterSection(status.out());
        assertThat(cluster).hasSize(2);
        assertThat(cluster.get(0)).isEqualTo("cluster  database " + where + ", this member host-b");
        assertThat(cluster.get(1)).startsWith("  cluster database " + where + " cannot be used: ")
                .endsWith("; check cluster.jdbc_url, cluster.user and the password, and that the server is up");

        JsonNode json = assertMatches("status", 0, Cli.withConfig(clusterDb.env(), hostB, "status", "--json"));
        assertThat(json.at("/types/0/last_success/id").asText()).isEqualTo(fromA);
        assertThat(json.at("/cluster/error").asText()).isEqualTo(cluster.get(1).strip());
        assertThat(json.at("/cluster/members")).isEmpty();
    }

    @Test
    void aPasswordVariableThatIsNotSetIsTheOneLineNamingIt() throws Exception {
        Path hostB = hostConfig("host-b", clusterDb.server().port());
        Cli.Result status = Cli.withConfig(Map.of(), hostB, "status");
        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(clusterSection(status.out())).containsExactly(
                "cluster  database jdbc:postgresql://127.0.0.1:" + clusterDb.server().port() + "/cluster, this member host-b",
                "  cluster database jdbc:postgresql://127.0.0.1:" + clusterDb.server().port() + "/cluster cannot be used:"
                        + " cluster.password_env: environment variable CLUSTER_PW is not set; export CLUSTER_PW before running backroute");
    }

    @Test
    void withoutAClusterStatusHasNoClusterSection() throws Exception {
        Path config = Files.writeString(dir.resolve("alone.json"), """
                { "backup_dir": "alone",
                  "backup_types": { "data_files": { "schedule": "0 0 1 * * ?", "storage": ["shared"], "source": { "paths": ["src"] } } },
                  "storage": { "shared": { "type": "local", "path": "store" } } }
                """);
        Cli.Result status = Cli.withConfig(config, "status");
        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(status.out()).doesNotContain("cluster");
        assertThat(assertMatches("status", 0, Cli.withConfig(config, "status", "--json")).has("cluster")).isFalse();
    }

    /** One host of the cluster: its own backup_dir (its own local locks), the shared storage folder, the one database. */
    private Path hostConfig(String instance, int port) throws IOException {
        return Files.writeString(dir.resolve(instance + ".json"), """
                { "backup_dir": "%s",
                  "backup_types": { "data_files": { "schedule": "0 0 1 * * ?", "storage": ["shared"], "source": { "paths": ["src"] } } },
                  "storage": { "shared": { "type": "local", "path": "store" } },
                  %s }
                """.formatted(instance, PgClusterFixture.clusterBlock(port, instance)));
    }

    private static String backup(Path config) throws IOException {
        Cli.Result r = Cli.withConfig(clusterDb.env(), config, "backup", "--type", "data_files", "--force", "--json");
        assertThat(r.exitCode()).as(r.all()).isZero();
        return Manifests.mapper().readTree(r.out()).at("/results/0/backups/0/id").asText();
    }

    /** From the {@code cluster} line to the end of status's text. */
    private static List<String> clusterSection(String out) {
        List<String> lines = out.lines().toList();
        int start = lines.stream().filter(l -> l.startsWith("cluster ")).findFirst().map(lines::indexOf).orElseThrow();
        return lines.subList(start, lines.size());
    }

    private static List<String> fields(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.get(field).asText()));
        return values;
    }
}

package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;

import static dev.backroute.testsupport.JsonSchemas.assertMatches;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cluster forget} on a real PostgreSQL: host-a runs, host-b stopped cleanly, host-c went silent hours ago. A
 * member gone for good is removed from the roster and from status; one that still checks in, a name not in the
 * roster and a config without a cluster are refused with one line, and nothing is removed.
 */
class ClusterForgetTest {
    private static final String TIME = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC";

    @RegisterExtension
    static final PgClusterFixture clusterDb = new PgClusterFixture("cluster-forget-pw");

    @TempDir
    Path dir;

    private Path hostA;
    private String where;

    @BeforeEach
    void threeMembers() throws Exception {
        clusterDb.server().execute("cluster", "DROP TABLE IF EXISTS backroute_cluster_members");
        hostA = config("host-a", clusterDb.server().port());
        where = clusterDb.jdbcUrl();
        try (Connection c = clusterDb.server().connect("cluster"); Statement s = c.createStatement()) {
            ClusterMembers.createTable(c);
            // A long interval: host-a stays running however slowly this machine gets to the command.
            ClusterMembers.started(c, "host-a", 600);
            ClusterMembers.started(c, "host-b", 2);
            ClusterMembers.stopped(c, "host-b");
            ClusterMembers.started(c, "host-c", 2);
            s.execute("UPDATE backroute_cluster_members SET last_checkin = now() - interval '3 hours' WHERE instance = 'host-c'");
        }
    }

    @Test
    void aSilentMemberIsForgottenAndStatusNoLongerListsIt() throws Exception {
        Cli.Result forget = Cli.withConfig(clusterDb.env(), hostA, "cluster", "forget", "host-c");

        assertThat(forget.exitCode()).as(forget.all()).isZero();
        assertThat(forget.err()).isEmpty();
        assertThat(forget.out()).matches("forgot cluster member host-c \\(silent since " + TIME + "\\)\\R");
        assertThat(roster()).containsExactly("host-a", "host-b");
        Cli.Result status = Cli.withConfig(clusterDb.env(), hostA, "status");
        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(status.out()).contains("  host-a  running since").contains("  host-b  stopped at").doesNotContain("host-c");
    }

    @Test
    void aStoppedMemberIsForgottenAndTheJsonDocumentSaysWhatWasForgotten() throws Exception {
        Cli.Result stopped = Cli.withConfig(clusterDb.env(), hostA, "cluster", "forget", "host-b");
        assertThat(stopped.exitCode()).as(stopped.all()).isZero();
        assertThat(stopped.out()).matches("forgot cluster member host-b \\(stopped at " + TIME + "\\)\\R");
        assertThat(roster()).containsExactly("host-a", "host-c");

        JsonNode silent = assertMatches("cluster-forget", 0, Cli.withConfig(clusterDb.env(), hostA, "cluster", "forget", "host-c", "--json"));
        assertThat(silent.get("forgotten").asText()).isEqualTo("host-c");
        assertThat(silent.get("state").asText()).isEqualTo("silent");
        assertThat(silent.get("last_checkin").isTextual()).isTrue();
        assertThat(roster()).containsExactly("host-a");
    }

    @Test
    void aMemberThatStillChecksInIsRefusedAndKept() throws Exception {
        List<String> before = rows();

        Cli.Result forget = Cli.withConfig(clusterDb.env(), hostA, "cluster", "forget", "host-a");

        assertThat(forget.exitCode()).isEqualTo(1);
        assertThat(forget.out()).isEmpty();
        assertThat(forget.err()).matches("backroute: error: cluster member host-a still checks in \\(last check-in \\d+ s ago\\):"
                + " stop its \\./backroute run first, then forget it\\R");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void aNameNotInTheRosterIsRefusedListingTheMembers() throws Exception {
        try (Connection c = clusterDb.server().connect("cluster")) {
            // Whoever can write the database can name a member anything: listed inert.
            ClusterMembers.started(c, "zz\u001b]0;owned\u0007", 600);
        }
        List<String> before = rows();

        Cli.Result typo = Cli.withConfig(clusterDb.env(), hostA, "cluster", "forget", "host-cc");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).isEqualTo("backroute: error: no cluster member 'host-cc' in " + where
                + "; its members are host-a, host-b, host-c, zz?]0;owned?; did you mean 'host-c'?" + System.lineSeparator());

        JsonNode unknown = assertMatches("error", 2, Cli.withConfig(clusterDb.env(), hostA, "cluster", "forget", "db-server", "--json"));
        assertThat(unknown.get("error").asText())
                .isEqualTo("no cluster member 'db-server' in " + where + "; its members are host-a, host-b, host-c, zz?]0;owned?");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void noMemberHasStartedYet() throws Exception {
        clusterDb.server().execute("cluster", "DROP TABLE backroute_cluster_members");

        Cli.Result forget = Cli.withConfig(clusterDb.env(), hostA, "cluster", "forget", "host-c");

        assertThat(forget.exitCode()).isEqualTo(2);
        assertThat(forget.err().strip()).isEqualTo("backroute: error: no cluster member 'host-c' in " + where
                + ": no member has started ./backroute run yet");
    }

    @Test
    void withoutAClusterInTheConfigItIsAUsageError() throws Exception {
        Path alone = Files.writeString(dir.resolve("alone.json"), """
                { "backup_dir": "alone",
                  "backup_types": { "data_files": { "schedule": "0 0 1 * * ?", "storage": ["shared"], "source": { "paths": ["src"] } } },
                  "storage": { "shared": { "type": "local", "path": "store" } } }
                """);

        Cli.Result forget = Cli.withConfig(clusterDb.env(), alone, "cluster", "forget", "host-c");

        assertThat(forget.exitCode()).isEqualTo(2);
        assertThat(forget.err()).isEqualTo("backroute: error: " + alone + " has no cluster: cluster forget needs a \"cluster\" block"
                + " with \"enabled\": true (docs/configuration.md#cluster)" + System.lineSeparator());
        assertThat(roster()).containsExactly("host-a", "host-b", "host-c");
    }

    @Test
    void aDatabaseThatCannotBeReachedIsAFailedOperation() throws Exception {
        int closed = ManagementServerTest.freePort(); // nothing listens there

        Cli.Result forget = Cli.withConfig(clusterDb.env(), config("host-a", closed), "cluster", "forget", "host-c");

        assertThat(forget.exitCode()).isEqualTo(1);
        assertThat(forget.err().lines()).hasSize(1);
        assertThat(forget.err()).startsWith("backroute: error: cluster database jdbc:postgresql://127.0.0.1:" + closed + "/cluster cannot be used: ")
                .endsWith("; check cluster.jdbc_url, cluster.user and the password, and that the server is up" + System.lineSeparator());
        assertThat(roster()).containsExactly("host-a", "host-b", "host-c");
    }

    private Path config(String instance, int port) throws IOException {
        return Files.writeString(dir.resolve(instance + "-" + port + ".json"), """
                { "backup_dir": "%s",
                  "backup_types": { "data_files": { "schedule": "0 0 1 * * ?", "storage": ["shared"], "source": { "paths": ["src"] } } },
                  "storage": { "shared": { "type": "local", "path": "store" } },
                  %s }
                """.formatted(instance, PgClusterFixture.clusterBlock(port, instance)));
    }

    private static List<String> roster() throws Exception {
        try (Connection c = clusterDb.server().connect("cluster")) {
            return ClusterMembers.read(c).members().stream().map(ClusterMembers.Member::instance).toList();
        }
    }

    /** Every member's row as written, to show that a refused forget changed none. */
    private static List<String> rows() throws Exception {
        try (Connection c = clusterDb.server().connect("cluster")) {
            return ClusterMembers.read(c).members().stream().map(Object::toString).toList();
        }
    }
}

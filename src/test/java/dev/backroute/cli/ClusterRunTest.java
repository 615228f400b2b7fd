package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.catalog.Manifests;
import dev.backroute.testsupport.PgTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several {@code run} processes, each its own "host" (its own backup_dir and cluster.instance), sharing one storage
 * folder and one cluster database on a real PostgreSQL: each fire of a schedule runs on exactly one member, and a
 * member killed midway has its backup run again by another.
 */
class ClusterRunTest {
    private static final String PASSWORD = "cluster-secret-pw";
    /** A fire served, in a member's log file: when it ran, and the slot (the fire time) it served. */
    private static final Pattern FIRE = Pattern.compile("(?m)^(\\d{4}-\\d\\d-\\d\\dT\\S+) .*scheduled backup of data_files for (\\S+)");
    private static PgTestServer pg;
    private static int databases;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = PgTestServer.start(PASSWORD);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        pg.close();
    }

    @Test
    void threeMembersOnAFiveSecondScheduleRunEachFireExactlyOnceForAMinute() throws Exception {
        String database = newClusterDatabase();
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/movies.csv"), "id,title\n1,Heat\n");
        List<RunProcess> members = new ArrayList<>();
        try {
            for (String host : List.of("host-a", "host-b", "host-c")) {
                members.add(member(host, database, "0/5 * * * * ?", ""));
            }
            Thread.sleep(Duration.ofSeconds(60).toMillis());
        } finally {
            for (RunProcess m : members) {
                m.close();
            }
        }

        Map<Instant, List<String>> fires = fires(members);
        assertThat(fires).as("fires served in the minute").hasSizeGreaterThanOrEqualTo(9);
        assertThat(fires.values()).as("members that served each fire").allMatch(served -> served.size() == 1);
        List<Instant> slots = List.copyOf(fires.keySet());
        for (int i = 1; i < slots.size(); i++) {
            assertThat(Duration.between(slots.get(i - 1), slots.get(i))).as("no fire missed after " + slots.get(i - 1))
                    .isEqualTo(Duration.ofSeconds(5));
        }
        List<JsonNode> manifests = manifests();
        assertThat(manifests).as("one successful backup per fire served").hasSize(fires.size())
                .allMatch(m -> m.get("success").asBoolean());
        assertThat(manifests).extracting(m -> m.get("host").asText()).allMatch(h -> h.matches("host-[abc]"));
    }

    @Test
    void aMemberKilledInTheMiddleOfABackupHasItRunAgainByAnotherMember() throws Exception {
        String database = newClusterDatabase();
        Files.createDirectories(dir.resolve("src"));
        RepositoryDedupTest.randomFile(dir.resolve("src/embeddings.bin"), 12 * 1024 * 1024, 17);
        // One fire, about 20 s from now; the store takes 1 MiB/s, so the backup lasts about 12 s.
        String cron = inSeconds(20);
        List<RunProcess> members = new ArrayList<>();
        try {
            for (String host : List.of("host-a", "host-b", "host-c")) {
                members.add(member(host, database, cron, ", \"limit_upload_kib\": 1024"));
            }
            RunProcess runner = awaitRunner(members, Duration.ofSeconds(90));
            String runnerHost = "host-" + (char) ('a' + members.indexOf(runner));
            Thread.sleep(3_000);
            Instant killed = Instant.now();
            runner.kill();
            members.remove(runner);

            Instant deadline = killed.plus(Duration.ofSeconds(120));
            while (manifests().stream().noneMatch(m -> m.get("success").asBoolean()) && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
            }
            String takeover = String.join("", members.get(0).output(), members.get(1).output());
            assertThat(takeover).contains("taking over the run of a cluster member that stopped checking in");
            List<JsonNode> manifests = manifests();
            assertThat(manifests).as("what list reports: the killed run left no successful backup, another member made one")
                    .filteredOn(m -> m.get("success").asBoolean()).hasSize(1)
                    .allMatch(m -> !m.get("host").asText().equals(runnerHost));
            Instant finished = Instant.parse(manifests.stream().filter(m -> m.get("success").asBoolean()).findFirst().orElseThrow()
                    .get("finished_at").asText());
            // Quartz takes a member for dead after its check-in interval (2 s) plus 7.5 s; the run is then begun again
            // at once and lasts about 12 s. The bound is loose: two cores run three JVMs here.
            assertThat(Duration.between(killed, finished)).isLessThan(Duration.ofSeconds(90));
        } finally {
            for (RunProcess m : members) {
                m.close();
            }
        }
    }

    @Test
    void theOnlyMemberRestartedRunsTheFiresItMissedWhileItWasDown() throws Exception {
        String database = newClusterDatabase();
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/movies.csv"), "id,title\n1,Heat\n");
        try (RunProcess first = member("host-a", database, "0/5 * * * * ?", "")) {
            awaitRunner(List.of(first), Duration.ofSeconds(60));
        }
        Thread.sleep(12_000);
        Instant restarted = Instant.now();
        List<RunProcess> again = new ArrayList<>();
        try {
            again.add(RunProcess.start(dir.resolve("run-again"), dir.resolve("host-a.json"), Map.of("CLUSTER_PW", PASSWORD),
                    "--http-port", Integer.toString(ManagementServerTest.freePort())));
            Instant deadline = Instant.now().plusSeconds(60);
            while (fires(again).keySet().stream().noneMatch(f -> f.isBefore(restarted)) && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
            }
        } finally {
            for (RunProcess r : again) {
                r.close();
            }
        }
        assertThat(fires(again).keySet()).as("a fire due while the member was down, run late after its restart")
                .anyMatch(f -> f.isBefore(restarted));
    }

    @Test
    void aSecondMemberWithTheNameOfARunningOneIsRefusedAndTheFirstGoesOn() throws Exception {
        String database = newClusterDatabase();
        Files.createDirectories(dir.resolve("src"));
        try (RunProcess first = member("host-a", database, "0 0 1 * * ?", "")) {
            Path twin = config("twin", "host-a", database, dataFiles("0 0 1 * * ?"), "", "");
            CliProcess second = CliProcess.start(dir.resolve("twin"), Map.of("CLUSTER_PW", PASSWORD), "run", "--config", twin.toString(),
                    "--http-port", Integer.toString(ManagementServerTest.freePort()));

            assertThat(second.exitStatus()).isEqualTo(2);
            assertThat(second.stderr()).contains("cluster.instance: a running member already checks in as 'host-a';"
                    + " give each host its own cluster.instance (default: its host name)");
            assertThat(first.isAlive()).isTrue();
        }
    }

    @Test
    void aClusterDatabaseThatRefusesThePasswordStopsRunWithOneLineNamingTheDatabaseAndNotThePassword() throws Exception {
        String database = newClusterDatabase();
        Files.createDirectories(dir.resolve("src"));
        Path config = config("host-a", "host-a", database, dataFiles("0 0 1 * * ?"), "", "");
        CliProcess run = CliProcess.start(dir.resolve("run"), Map.of("CLUSTER_PW", "not-the-password"), "run", "--config", config.toString(),
                "--http-port", Integer.toString(ManagementServerTest.freePort()));

        assertThat(run.exitStatus()).isEqualTo(1);
        assertThat(run.stderr()).contains("cluster database jdbc:postgresql://127.0.0.1:" + pg.port() + "/" + database
                + " cannot be used: FATAL: password authentication failed for user \"postgres\"; check cluster.jdbc_url,"
                + " cluster.user and the password, and that the server is up").doesNotContain("not-the-password");
    }

    @Test
    void aMemberWhoseConfigLacksATypeLeavesThatTypesScheduleToTheOthers() throws Exception {
        String database = newClusterDatabase();
        Files.createDirectories(dir.resolve("src"));
        String both = dataFiles("0 0 1 * * ?") + """
                , "logs": { "schedule": "0 0 2 * * ?", "compression": "none", "storage": ["shared"], "source": { "paths": ["src"] } }""";
        try (RunProcess newer = RunProcess.start(dir.resolve("run-newer"), config("host-a", "host-a", database, both, "", ""),
                Map.of("CLUSTER_PW", PASSWORD), "--http-port", Integer.toString(ManagementServerTest.freePort()))) {
            assertThat(triggers(database)).containsExactly("data_files", "logs");
            // A member still on an older config, started or restarted meanwhile: it must not take logs' schedule away.
            try (RunProcess older = RunProcess.start(dir.resolve("run-older"),
                    config("host-b", "host-b", database, dataFiles("0 0 1 * * ?"), "", ""), Map.of("CLUSTER_PW", PASSWORD),
                    "--http-port", Integer.toString(ManagementServerTest.freePort()))) {
                assertThat(triggers(database)).containsExactly("data_files", "logs");
                assertThat(older.output()).contains("the cluster schedules backups of logs, which this member's config does not enable");
            }
        }
        assertThat(triggers(database)).as("members' clean stops leave the cluster's schedules").containsExactly("data_files", "logs");

        // Retiring logs for good, as docs/operations.md says, with every member stopped.
        pg.execute(database, """
                BEGIN;
                DELETE FROM qrtz_cron_triggers c USING qrtz_triggers t WHERE c.sched_name = t.sched_name
                   AND c.trigger_name = t.trigger_name AND c.trigger_group = t.trigger_group AND t.job_group = 'backup' AND t.job_name = 'logs';
                DELETE FROM qrtz_simple_triggers s USING qrtz_triggers t WHERE s.sched_name = t.sched_name
                   AND s.trigger_name = t.trigger_name AND s.trigger_group = t.trigger_group AND t.job_group = 'backup' AND t.job_name = 'logs';
                DELETE FROM qrtz_triggers WHERE job_group = 'backup' AND job_name = 'logs';
                DELETE FROM qrtz_job_details WHERE job_group = 'backup' AND job_name = 'logs';
                COMMIT;
                """);
        assertThat(triggers(database)).containsExactly("data_files");
        assertThat(pg.count(database, "qrtz_job_details WHERE job_name = 'logs'")).isZero();
    }

    @Test
    void aCliBackupOnAnotherHostWhileARunMemberBacksTheTypeUpIsRefusedNamingTheMemberAndNeverOverlapsIt() throws Exception {
        String database = newClusterDatabase();
        Files.createDirectories(dir.resolve("src"));
        RepositoryDedupTest.randomFile(dir.resolve("src/embeddings.bin"), 12 * 1024 * 1024, 23);
        try (RunProcess runner = member("host-a", database, inSeconds(15), ", \"limit_upload_kib\": 1024")) {
            awaitRunner(List.of(runner), Duration.ofSeconds(90));
            Path hostB = config("host-b", "host-b", database, dataFiles("0 0 1 * * ?"), "", "");
            CliProcess refused = CliProcess.start(dir.resolve("cli-refused"), Map.of("CLUSTER_PW", PASSWORD),
                    "backup", "--type", "data_files", "--config", hostB.toString());

            assertThat(refused.exitStatus()).isEqualTo(1);
            assertThat(refused.stderr()).contains("a backup of data_files is already running on cluster member host-a");
            awaitSuccesses(1, Duration.ofSeconds(120));
            CliProcess after = CliProcess.start(dir.resolve("cli-after"), Map.of("CLUSTER_PW", PASSWORD),
                    "backup", "--type", "data_files", "--force", "--config", hostB.toString());
            assertThat(after.exitStatus()).as(after.stderr()).isZero();
        }
        List<JsonNode> made = manifests();
        assertThat(made).as("the scheduled backup and the CLI's second one; the refused one wrote nothing").hasSize(2)
                .allMatch(m -> m.get("success").asBoolean());
        made.sort(java.util.Comparator.comparing(m -> Instant.parse(m.get("started_at").asText())));
        assertThat(made).extracting(m -> m.get("host").asText()).containsExactly("host-a", "host-b");
        assertThat(Instant.parse(made.get(1).get("started_at").asText())).as("host-b's backup began after host-a's ended")
                .isAfterOrEqualTo(Instant.parse(made.get(0).get("finished_at").asText()));
    }

    @Test
    void whileTheClusterDatabaseIsAwayNothingFiresAndEachMemberAlertsThenTheSchedulesResumeWithoutARestart() throws Exception {
        String database = newClusterDatabase();
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/movies.csv"), "id,title\n1,Heat\n");
        String slack = "\n  \"alerts\": { \"slack\": { \"enabled\": true, \"webhook_url_env\": \"SLACK_WEBHOOK_URL\" } },";
        List<RunProcess> members = new ArrayList<>();
        Instant down;
        Instant up;
        try (dev.backroute.alert.WebhookServer webhook = new dev.backroute.alert.WebhookServer()) {
            try {
                for (String host : List.of("host-a", "host-b")) {
                    members.add(member(host, database, "0/5 * * * * ?", "", slack, Map.of("SLACK_WEBHOOK_URL", webhook.url())));
                }
                awaitRunner(members, Duration.ofSeconds(90));
                pg.stop();
                down = Instant.now();
                Thread.sleep(20_000);
                up = Instant.now();
                pg.start();
                Instant deadline = up.plus(Duration.ofSeconds(90));
                while (fires(members).keySet().stream().noneMatch(f -> f.isAfter(up)) && Instant.now().isBefore(deadline)) {
                    Thread.sleep(500);
                }
                Thread.sleep(6_000);
            } finally {
                for (RunProcess m : members) {
                    m.close();
                }
            }
            Map<Instant, List<String>> fires = fires(members);
            assertThat(fires.keySet()).as("fires served after the database came back, without a restart").anyMatch(f -> f.isAfter(up));
            assertThat(runTimes(members)).as("no scheduled backup began while the database was away")
                    .noneMatch(t -> t.isAfter(down.plusSeconds(2)) && t.isBefore(up));
            assertThat(fires.values()).as("members that served each fire").allMatch(served -> served.size() == 1);
            List<String> posts = webhook.requests().stream().map(dev.backroute.alert.WebhookServer.Request::body).toList();
            assertThat(posts).as("Slack posts").anyMatch(b -> b.contains("scheduler UNREACHABLE on host-a"))
                    .anyMatch(b -> b.contains("scheduler UNREACHABLE on host-b"))
                    .anyMatch(b -> b.contains("scheduler RECOVERED on host-a"))
                    .noneMatch(b -> b.contains(PASSWORD));
            assertThat(posts.stream().filter(b -> b.contains("scheduler UNREACHABLE on host-a")).findFirst().orElseThrow())
                    .contains("cluster database jdbc:postgresql://127.0.0.1:" + pg.port() + "/" + database + " cannot be used");
        }
        assertThat(manifests()).as("backups made after the database came back")
                .anyMatch(m -> m.get("success").asBoolean() && Instant.parse(m.get("started_at").asText()).isAfter(up));
    }

    /** A cron that fires once, {@code seconds} from now (UTC, as Quartz reads it here). */
    private static String inSeconds(int seconds) {
        java.time.ZonedDateTime at = Instant.now().plusSeconds(seconds).atZone(java.time.ZoneOffset.UTC);
        return at.getSecond() + " " + at.getMinute() + " " + at.getHour() + " * * ?";
    }

    private void awaitSuccesses(int count, Duration wait) throws Exception {
        Instant deadline = Instant.now().plus(wait);
        while (manifests().stream().filter(m -> m.get("success").asBoolean()).count() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("fewer than " + count + " successful backups within " + wait);
            }
            Thread.sleep(500);
        }
    }

    /** Each fire the members' logs say they served, with the members that served it. */
    private static Map<Instant, List<String>> fires(List<RunProcess> members) throws IOException {
        Map<Instant, List<String>> fires = new TreeMap<>();
        for (int i = 0; i < members.size(); i++) {
            Matcher m = FIRE.matcher(members.get(i).output());
            while (m.find()) {
                fires.computeIfAbsent(Instant.parse(m.group(2)), f -> new ArrayList<>()).add("host-" + (char) ('a' + i));
            }
        }
        return fires;
    }

    /** When the members ran a scheduled backup, by their logs' clocks. */
    private static List<Instant> runTimes(List<RunProcess> members) throws IOException {
        List<Instant> times = new ArrayList<>();
        for (RunProcess member : members) {
            Matcher m = FIRE.matcher(member.output());
            while (m.find()) {
                times.add(java.time.OffsetDateTime.parse(m.group(1)).toInstant());
            }
        }
        return times;
    }

    /** The backup schedules in the cluster database, by type. */
    private static List<String> triggers(String database) throws Exception {
        List<String> names = new ArrayList<>();
        try (var c = pg.connect(database); var s = c.createStatement();
             var r = s.executeQuery("SELECT trigger_name FROM qrtz_triggers WHERE trigger_group = 'backup' ORDER BY trigger_name")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }

    private RunProcess awaitRunner(List<RunProcess> members, Duration wait) throws Exception {
        Instant deadline = Instant.now().plus(wait);
        while (Instant.now().isBefore(deadline)) {
            for (RunProcess m : members) {
                if (FIRE.matcher(m.output()).find()) {
                    return m;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no member ran the scheduled backup within " + wait);
    }

    private String newClusterDatabase() throws Exception {
        String name = "cluster" + (++databases);
        pg.execute("postgres", "CREATE DATABASE " + name);
        return name;
    }

    /** A member's config and its {@code run} process: its own backup_dir, the shared store, the cluster database. */
    private RunProcess member(String host, String database, String cron, String targetExtra) throws Exception {
        return member(host, database, cron, targetExtra, "", Map.of());
    }

    /** As above, with {@code top} added to the config's top level and {@code env} to the process's environment. */
    private RunProcess member(String host, String database, String cron, String targetExtra, String top, Map<String, String> env)
            throws Exception {
        Path config = config(host, host, database, dataFiles(cron), targetExtra, top);
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("CLUSTER_PW", PASSWORD);
        return RunProcess.start(dir.resolve("run-" + host), config, all, "--http-port", Integer.toString(ManagementServerTest.freePort()));
    }

    private static String dataFiles(String cron) {
        return """
                "data_files": { "schedule": "%s", "compression": "none", "storage": ["shared"], "source": { "paths": ["src"] } }"""
                .formatted(cron);
    }

    /** {@code <file>.json}: backup_dir {@code state-<file>}, member {@code instance}, the shared store and cluster database. */
    private Path config(String file, String instance, String database, String types, String targetExtra, String top)
            throws IOException {
        Path config = dir.resolve(file + ".json");
        Files.writeString(config, """
                { "backup_dir": "state-%s",
                  "backup_types": { %s },
                  "storage": { "shared": { "type": "local", "path": "store"%s } },
                  "operations": { "retry": { "max_redeliveries": 1, "delay_seconds": 1 } },%s
                  "cluster": { "enabled": true, "jdbc_url": "jdbc:postgresql://127.0.0.1:%d/%s", "user": "postgres",
                               "password_env": "CLUSTER_PW", "instance": "%s", "checkin_seconds": 2 } }
                """.formatted(file, types, targetExtra, top, pg.port(), database, instance));
        return config;
    }

    /** The manifests in the shared store, as any member's {@code list} reads them. */
    private List<JsonNode> manifests() throws IOException {
        Path folder = dir.resolve("store/data_files");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<JsonNode> manifests = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".manifest.json")).toList()) {
                manifests.add(Manifests.mapper().readTree(f.toFile()));
            }
        }
        return manifests;
    }
}

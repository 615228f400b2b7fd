package dev.backroute.ops;

import dev.backroute.alert.Alert;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupManager;
import dev.backroute.catalog.TypeRepositories;
import dev.backroute.config.BackupConfig;
import dev.backroute.restore.BackupValidator;
import dev.backroute.restore.SubsetValidator;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.ConfigVariant;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.SampleTree;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduled subset pass's metrics: packs read per type and target, and the share of packs read in the rotation. */
class SubsetPassMetricsTest {
    private static final Map<String, String> ENV = Map.of();

    @TempDir
    Path dir;

    @Test
    void twoRunsOfHalfCountEveryPackOnceAndReachFullCoverage() throws Exception {
        Installation inst = Installation.in(dir).write("none", false, "\"format\": \"repository\", \"repository\": { \"pack_size_mb\": 1 }");
        SampleTree.create(inst.source());
        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();
        Path config = ConfigVariant.write(inst.config(), "half.json", json -> json.putObject("operations").put("validate_subset", "50%"));
        BackupConfig loaded = BackupConfig.loadFromFile(config, ENV);
        Clock clock = Clock.systemUTC();
        TypeAlerts alerts = new TypeAlerts(loaded, new BackupManager(loaded, new BackupCatalog(loaded), clock), clock);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ValidateBackups validate = new ValidateBackups(loaded, new BackupValidator(loaded, ENV, clock),
                new SubsetValidator(loaded, new TypeRepositories(loaded, ENV)), new BackupMetrics(() -> registry), alerts);
        List<Alert> raised = new ArrayList<>();
        Tags tags = Tags.of("type", "data_files", "target", "local");

        validate.subset("data_files", raised::add);
        validate.subset("data_files", raised::add);

        assertThat(raised).isEmpty();
        assertThat(validate.repositoryTypes()).containsExactly("data_files");
        assertThat(registry.get("backroute_validation_packs_read").tags(tags).counter().count()).isEqualTo(packs(inst));
        assertThat(registry.get("backroute_validation_pack_coverage_ratio").tags(tags).gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("backroute_validations").tags("type", "data_files", "result", "success").counter().count()).isEqualTo(2);
    }

    private static long packs(Installation inst) throws Exception {
        try (Stream<Path> files = Files.walk(inst.typeFolder().resolve("repository/data"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}

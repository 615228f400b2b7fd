package dev.backroute.camel;

import dev.backroute.config.BackupConfig;
import dev.backroute.config.ConfigException;
import dev.backroute.testsupport.Installation;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The start-up check of the backup routes, on route definitions built here rather than read from YAML. */
class PipelineGuardTest {
    private static final Path ROUTES = Path.of("routes");
    private static final String FILE = "routes/backup.camel.yaml";

    @TempDir
    Path dir;

    private final PipelineGuard guard = new PipelineGuard(ROUTES);

    @Test
    void theShippedOrderPassesForAnEncryptedType() throws Exception {
        assertThatCode(() -> guard.check(routes(PipelineGuard.ORDER), config(true))).doesNotThrowAnyException();
    }

    @Test
    void noEncryptStepIsRefusedWhenATypeEncrypts() throws Exception {
        List<RouteDefinition> routes = routes(without("encryptStep"));

        assertThatThrownBy(() -> guard.check(routes, config(true))).isInstanceOf(ConfigException.class)
                .hasMessage(FILE + ": route backup-pipeline has no encryptStep, but backup_types.data_files.encrypt is true:"
                        + " restore the step (see docs/architecture.md)");
    }

    @Test
    void noEncryptStepIsAcceptedWhenNoTypeEncrypts() throws Exception {
        assertThatCode(() -> guard.check(routes(without("encryptStep")), config(false))).doesNotThrowAnyException();
    }

    @Test
    void manifestStepIsNeededEvenWithoutEncryption() throws Exception {
        List<RouteDefinition> routes = routes(without("manifestStep"));

        assertThatThrownBy(() -> guard.check(routes, config(false))).hasMessage(FILE + ": route backup-pipeline has no manifestStep,"
                + " which every backup needs: restore the step (see docs/architecture.md)");
    }

    @Test
    void storeStepIsNeededByAnArchiveType() throws Exception {
        List<RouteDefinition> routes = routes(without("storeStep"));

        assertThatThrownBy(() -> guard.check(routes, config(false))).hasMessage(FILE + ": route backup-pipeline has no storeStep,"
                + " which backup_types.data_files (format archive) needs: restore the step (see docs/architecture.md)");
    }

    @Test
    void repositoryStoreStepIsNeededByARepositoryType() throws Exception {
        List<RouteDefinition> routes = routes(without("repositoryStoreStep"));

        assertThatThrownBy(() -> guard.check(routes, repositoryConfig(true))).hasMessage(FILE + ": route backup-pipeline has no"
                + " repositoryStoreStep, which backup_types.data_files (format repository) needs: restore the step (see docs/architecture.md)");
    }

    @Test
    void anEncryptedRepositoryTypeNeedsNoEncryptStepSinceItsStoreSealsEveryChunk() throws Exception {
        assertThatCode(() -> guard.check(routes(without("encryptStep")), repositoryConfig(true))).doesNotThrowAnyException();
    }

    @Test
    void bothBranchesOfAChoiceCount() throws Exception {
        RouteDefinition pipeline = new RouteDefinition().routeId(PipelineGuard.PIPELINE);
        pipeline.from("direct:backup-pipeline").process("checksumStep")
                .choice().when().constant(true).process("repositoryStoreStep")
                .otherwise().process("compressStep").process("encryptStep").process("stageStep").process("storeStep").end()
                .process("manifestStep");

        assertThat(PipelineGuard.steps(pipeline)).containsExactlyElementsOf(PipelineGuard.ORDER);
        assertThatCode(() -> guard.check(List.of(pipeline, filesRoute()), repositoryConfig(true))).doesNotThrowAnyException();
    }

    @Test
    void aKindsSourceRouteWithoutItsSourceStepIsRefused() throws Exception {
        List<RouteDefinition> routes = new ArrayList<>(List.of(pipeline(PipelineGuard.ORDER),
                route("source-export", List.of("beginArtifactStep"))));

        assertThatThrownBy(() -> guard.check(routes, config(false))).hasMessage(FILE + ": route source-export has no"
                + " exportSourceStep, which backup_types.data_files (files) needs: restore the step (see docs/architecture.md)");
    }

    @Test
    void aMissingSourceRouteIsRefusedNamingTheTypeThatNeedsIt() throws Exception {
        assertThatThrownBy(() -> guard.check(List.of(pipeline(PipelineGuard.ORDER)), config(false))).hasMessage("routes: no route"
                + " source-export, which backup_types.data_files (files) needs: restore it (see docs/architecture.md)");
    }

    @Test
    void encryptStepBeforeCompressStepIsRefusedNamingTheOrderNeeded() throws Exception {
        List<RouteDefinition> routes = routes(List.of("checksumStep", "encryptStep", "compressStep", "stageStep", "storeStep", "manifestStep"));

        assertThatThrownBy(() -> guard.check(routes, config(true))).hasMessage(FILE + ": route backup-pipeline has encryptStep before"
                + " compressStep, which recovery cannot read: keep the steps in the order checksumStep, repositoryStoreStep, compressStep, encryptStep,"
                + " stageStep, storeStep, manifestStep (see docs/architecture.md)");
    }

    @Test
    void aStepNestedInAnotherStillCountsInItsPlace() throws Exception {
        RouteDefinition pipeline = new RouteDefinition().routeId(PipelineGuard.PIPELINE);
        pipeline.from("direct:backup-pipeline").process("checksumStep").process("compressStep")
                .filter().constant(true).process("encryptStep").end()
                .process("stageStep").process("storeStep").process("manifestStep");

        assertThat(PipelineGuard.steps(pipeline)).containsExactlyElementsOf(without("repositoryStoreStep"));
        assertThatCode(() -> guard.check(List.of(pipeline, filesRoute()), config(true))).doesNotThrowAnyException();
    }

    @Test
    void noPipelineRouteIsRefused() throws Exception {
        assertThatThrownBy(() -> guard.check(List.of(filesRoute()), config(false))).hasMessage("routes: no route backup-pipeline,"
                + " which every backup goes through: restore it (see docs/architecture.md)");
    }

    private BackupConfig config(boolean encrypt) throws Exception {
        return BackupConfig.loadFromFile(Installation.in(dir).write("gzip", encrypt).config(), Map.of());
    }

    private BackupConfig repositoryConfig(boolean encrypt) throws Exception {
        return BackupConfig.loadFromFile(Installation.in(dir).write("gzip", encrypt, "\"format\": \"repository\"").config(), Map.of());
    }

    private static List<String> without(String step) {
        return PipelineGuard.ORDER.stream().filter(s -> !s.equals(step)).toList();
    }

    private static List<RouteDefinition> routes(List<String> pipelineSteps) {
        return List.of(pipeline(pipelineSteps), filesRoute());
    }

    private static RouteDefinition pipeline(List<String> steps) {
        return route(PipelineGuard.PIPELINE, steps);
    }

    private static RouteDefinition filesRoute() {
        return route("source-export", List.of("beginArtifactStep", "exportSourceStep"));
    }

    /** A route of process steps, read from backup.camel.yaml of some other folder: the message names ROUTES instead. */
    private static RouteDefinition route(String id, List<String> steps) {
        RouteDefinition route = new RouteDefinition().routeId(id);
        route.setResource(ResourceHelper.fromString("file:/elsewhere/routes/backup.camel.yaml", ""));
        route.from("direct:" + id);
        steps.forEach(route::process);
        return route;
    }
}

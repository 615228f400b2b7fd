package dev.backroute;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the package structure of docs/architecture.md: no package cycles, Camel only in package camel, and
 * no class but the CLI entry sending to routes.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java");

    /**
     * The one package that uses Camel (issue 13): its route steps adapt the plain-Java services of every other
     * package (backup, the kinds, ops, alert), so Camel must not come back anywhere else.
     */
    private static final Set<String> CAMEL_ALLOWED = Set.of("camel");

    /** The source kinds: each offers plain services (its export, its restore) that the Camel layer adapts. */
    private static final Set<String> SOURCE_KINDS = Set.of("files", "postgres", "neo4j", "milvus");

    /** The CLI entry: it starts a backup by sending to its route, as the scheduler does from YAML. */
    private static final String CLI_ENTRY = "dev.backroute.camel.BackrouteRuntime";

    /** A producer template (made or held), or an endpoint URI of a {@code direct:} route, in code. */
    private static final Pattern SENDS_TO_ROUTES = Pattern.compile("ProducerTemplate\\b|\"direct:");

    @Test
    void noPackageCycles() {
        assertThat(PackageCycles.find(PackageReferences.ofSources(MAIN)))
                .as("package cycles under dev.backroute (break them: see docs/architecture.md, Packages)")
                .isEmpty();
    }

    @Test
    void camelIsUsedOnlyInPackageCamel() {
        assertThat(PackageReferences.referring(MAIN, "org.apache.camel"))
                .as("packages that use org.apache.camel; keep Camel in package camel, as an adapter over a plain-Java service")
                .isSubsetOf(CAMEL_ALLOWED);
    }

    @Test
    void sourceKindsKnowNeitherTheCamelLayerNorTheCli() {
        PackageReferences.ofSources(MAIN).forEach((pkg, refs) -> {
            if (SOURCE_KINDS.contains(pkg)) {
                assertThat(refs).as("packages that " + pkg + " uses").doesNotContain("camel", "cli", "ops", "alert");
            }
        });
    }

    /**
     * A storage kind is one package beside the others: it builds on config and storage alone, and storage knows no
     * kind. Each target is also a home for repositories, so it may implement the repository's BlobStore, and it paces
     * what it sends with pipeline's stream tools (the bandwidth limit), a package that depends on nothing of ours.
     */
    @Test
    void storagePackagesUseOnlyConfigStorageAndRepository() {
        PackageReferences.ofSources(MAIN).forEach((pkg, refs) -> {
            if (pkg.equals("storage") || pkg.startsWith("storage.")) {
                assertThat(refs).as("packages that " + pkg + " uses").isSubsetOf("config", "storage", "repository", "pipeline");
            }
        });
    }

    /** The repository format is plain Java over a BlobStore: the targets implement it, it never reaches for them. */
    @Test
    void theRepositoryKnowsNoStorageTarget() {
        assertThat(PackageReferences.ofSources(MAIN).get("repository"))
                .as("packages that repository uses")
                .noneMatch(pkg -> pkg.equals("storage") || pkg.startsWith("storage."));
    }

    /** Issue 13, "the YAML is the truth": what happens after a step is in the routes, so no step sends anywhere. */
    @Test
    void onlyTheCliEntrySendsToRoutes() {
        assertThat(PackageReferences.classes(MAIN, ArchitectureTest::sendsToRoutes))
                .as("classes sending to Camel endpoints themselves; record on the exchange instead and let the YAML route it,"
                        + " as steps do with alerts (BackrouteExchange.ALERTS, direct:raise-alerts)")
                .isSubsetOf(CLI_ENTRY);
    }

    @Test
    void routeSendingCheckSeesTemplatesAndDirectUrisInCodeButNotInComments() {
        String sends = """
                package dev.backroute.ops;

                final class Sends {
                    void raise(org.apache.camel.CamelContext context, Object alert) {
                        context.createProducerTemplate().sendBody("direct:alert", alert);
                    }
                }
                """;
        String namesADirectUri = """
                package dev.backroute.ops;

                final class NamesOne {
                    String uri = "direct:later";
                }
                """;
        String mentionsThemOnly = """
                package dev.backroute.ops;

                /** Hands alerts to {@code direct:alert} through the routes, never a ProducerTemplate. */
                final class Mentions {
                    String text = "routes send to alerts";   // "direct:alert", not a ProducerTemplate
                    char quote = '"';
                    /* a "direct:alert" URI */ String uri = "seda:x";
                }
                """;

        assertThat(sendsToRoutes(sends)).isTrue();
        assertThat(sendsToRoutes(namesADirectUri)).isTrue();
        assertThat(sendsToRoutes(mentionsThemOnly)).isFalse();
    }

    private static boolean sendsToRoutes(String source) {
        return SENDS_TO_ROUTES.matcher(PackageReferences.code(source)).find();
    }

    @Test
    void cycleCheckNamesEachCycleFromItsFirstPackage() {
        Map<String, Set<String>> graph = Map.of(
                "restore", Set.of("postgres", "catalog"),
                "postgres", Set.of("restore", "catalog"),
                "catalog", Set.of("config"),
                "config", Set.of(),
                "ops", Set.of("alert"),
                "alert", Set.of("storage"),
                "storage", Set.of("ops"));
        assertThat(PackageCycles.find(graph)).containsExactly("alert -> storage -> ops -> alert", "postgres -> restore -> postgres");
    }

    @Test
    void cycleCheckFindsNoneInALayeredGraph() {
        Map<String, Set<String>> graph = Map.of(
                "cli", Set.of("restore", "catalog"),
                "restore", Set.of("catalog", "crypto"),
                "postgres", Set.of("restore"),
                "catalog", Set.of("crypto"),
                "crypto", Set.of());
        assertThat(PackageCycles.find(graph)).isEmpty();
    }

    @Test
    void referencesAreImportsAndQualifiedNamesButNotStrings() {
        String source = """
                package dev.backroute.restore;

                import dev.backroute.catalog.BackupRecord;
                import static dev.backroute.config.BackupConfig.KNOWN_TYPES;
                import dev.backroute.archive.*;
                import dev.backroute.Errors;
                import java.util.Map;

                /** Uses {@link dev.backroute.pipeline.Content}. */
                final class Sample {
                    dev.backroute.neo4j.Neo4jRestorer restorer;
                    dev.backroute.restore.ArtifactDecoder sameOne;
                    String name = "dev.backroute.milvus.MilvusRestorer";
                }
                """;
        assertThat(PackageReferences.packageOf(source)).isEqualTo("restore");
        assertThat(PackageReferences.referencedPackages(source))
                .containsExactly("archive", "catalog", "config", PackageReferences.TOP, "neo4j", "pipeline", "restore");
    }
}

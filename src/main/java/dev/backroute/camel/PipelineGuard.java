package dev.backroute.camel;

import dev.backroute.config.BackupConfig;
import dev.backroute.config.ConfigException;
import dev.backroute.config.TypeConfig;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.OutputNode;
import org.apache.camel.model.ProcessDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses route files that would let backups start but not finish, or finish as something recovery cannot
 * read: an operator who deletes or reorders a step of {@code backup-pipeline} (or a kind's source step)
 * hears about it at start-up, naming the file, route and step, instead of from every backup failing late.
 */
final class PipelineGuard {
    static final String PIPELINE = "backup-pipeline";
    static final String SOURCE_ROUTE = "source-";
    /** The order recovery undoes, last to first: a pipeline may leave a step out only where no type needs it. */
    static final List<String> ORDER = List.of("checksumStep", "repositoryStoreStep", "compressStep", "encryptStep", "stageStep",
            "storeStep", "manifestStep");
    private static final List<String> ALWAYS_NEEDED = List.of("manifestStep");
    /** The steps each source route must run, by the route's name after {@code source-}. */
    private static final Map<String, List<String>> SOURCE_STEPS = Map.of(
            BackupRoutes.EXPORT, List.of("beginArtifactStep", "exportSourceStep"),
            "postgresql", List.of("beginArtifactStep", "pgDumpCommandStep", "pgDumpResultStep"));
    private static final String FIX = ": restore the step (see docs/architecture.md)";

    private final Path routesDir;

    PipelineGuard(Path routesDir) {
        this.routesDir = routesDir;
    }

    /** Throws a one-line {@link ConfigException} for the first problem the routes have for {@code config}'s enabled types. */
    void check(List<RouteDefinition> routes, BackupConfig config) {
        RouteDefinition pipeline = route(routes, PIPELINE).orElseThrow(() -> new ConfigException(routesDir.toString(),
                routesDir + ": no route " + PIPELINE + ", which every backup goes through: restore it (see docs/architecture.md)"));
        List<String> steps = steps(pipeline);
        for (String step : ALWAYS_NEEDED) {
            if (!steps.contains(step)) {
                throw problem(pipeline, "route " + PIPELINE + " has no " + step + ", which every backup needs" + FIX);
            }
        }
        for (TypeConfig type : config.enabledTypes()) {
            String store = type.usesRepository() ? "repositoryStoreStep" : "storeStep";
            if (!steps.contains(store)) {
                throw problem(pipeline, "route " + PIPELINE + " has no " + store + ", which backup_types." + type.name()
                        + " (format " + type.format().configName() + ") needs" + FIX);
            }
            if (type.encrypt() && !type.usesRepository() && !steps.contains("encryptStep")) {
                throw problem(pipeline, "route " + PIPELINE + " has no encryptStep, but backup_types." + type.name()
                        + ".encrypt is true" + FIX);
            }
            checkSource(routes, type);
        }
        checkOrder(pipeline, steps);
    }

    /** The type's source route ({@code source-export} or its kind's own), with the steps that make its artifacts. */
    private void checkSource(List<RouteDefinition> routes, TypeConfig type) {
        String via = BackupRoutes.source(type);
        String id = SOURCE_ROUTE + via;
        String needs = ", which backup_types." + type.name() + " (" + type.kind() + ") needs";
        RouteDefinition source = route(routes, id).orElseThrow(() -> new ConfigException(routesDir.toString(),
                routesDir + ": no route " + id + needs + ": restore it (see docs/architecture.md)"));
        List<String> steps = steps(source);
        for (String step : SOURCE_STEPS.getOrDefault(via, List.of())) {
            if (!steps.contains(step)) {
                throw problem(source, "route " + id + " has no " + step + needs + FIX);
            }
        }
    }

    private void checkOrder(RouteDefinition pipeline, List<String> steps) {
        List<String> present = steps.stream().filter(ORDER::contains).distinct().toList();
        for (int i = 1; i < present.size(); i++) {
            String earlier = present.get(i - 1);
            String later = present.get(i);
            if (ORDER.indexOf(earlier) > ORDER.indexOf(later)) {
                throw problem(pipeline, "route " + PIPELINE + " has " + earlier + " before " + later + ", which recovery cannot read:"
                        + " keep the steps in the order " + String.join(", ", ORDER) + " (see docs/architecture.md)");
            }
        }
    }

    private ConfigException problem(RouteDefinition route, String message) {
        String file = file(route);
        return new ConfigException(file, file + ": " + message);
    }

    /** The route's file as the operator knows it: its name under the routes folder the runtime was given. */
    private String file(RouteDefinition route) {
        if (route.getResource() == null || route.getResource().getLocation() == null) {
            return routesDir.toString();
        }
        String location = route.getResource().getLocation();
        return routesDir.resolve(location.substring(location.lastIndexOf('/') + 1)).toString();
    }

    private static Optional<RouteDefinition> route(List<RouteDefinition> routes, String id) {
        return routes.stream().filter(r -> id.equals(r.getRouteId())).findFirst();
    }

    /** The beans the route's process and bean steps call, nested ones included, in the order they run. */
    static List<String> steps(RouteDefinition route) {
        List<String> refs = new ArrayList<>();
        collect(route.getOutputs(), refs);
        return refs;
    }

    private static void collect(List<ProcessorDefinition<?>> outputs, List<String> refs) {
        for (ProcessorDefinition<?> output : outputs) {
            if (output instanceof ProcessDefinition process && process.getRef() != null) {
                refs.add(process.getRef());
            } else if (output instanceof BeanDefinition bean && bean.getRef() != null) {
                refs.add(bean.getRef());
            }
            if (output instanceof ChoiceDefinition choice) {
                // A choice keeps its branches apart from its outputs.
                choice.getWhenClauses().forEach(when -> collect(when.getOutputs(), refs));
                if (choice.getOtherwise() != null) {
                    collect(choice.getOtherwise().getOutputs(), refs);
                }
            } else if (output instanceof OutputNode) {
                collect(output.getOutputs(), refs);
            }
        }
    }
}

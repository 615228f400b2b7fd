package dev.backroute.camel;

import dev.backroute.backup.ExportingKind;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.ConfigException;
import dev.backroute.config.SourceKinds;
import dev.backroute.config.TypeConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;

import java.nio.file.Path;

/**
 * Makes each configured type's backup route from the {@code backup-type} template of routes/backup.camel.yaml:
 * route {@code backup-<type>}, consuming {@code direct:backup-<type>}, calling its source route
 * ({@code direct:source-export}, or {@code direct:source-<kind>} for a kind with a route of its own).
 * Types come from the config, so their routes are instantiated at start-up rather than listed in YAML. They
 * are in the route model like any other route; the start-up log names each ("Started backup-ml_models") and
 * its parameters (type, kind). Camel 4.17's route dump leaves out routes made from templates.
 */
final class BackupRoutes {
    static final String TEMPLATE = "backup-type";
    static final String EXPORT = "export";

    private BackupRoutes() {}

    static void add(CamelContext context, BackupConfig config, Path routesDir) throws Exception {
        if (context.getCamelContextExtension().getContextPlugin(Model.class).getRouteTemplateDefinition(TEMPLATE) == null) {
            throw new ConfigException(routesDir.toString(), routesDir + ": no routeTemplate " + TEMPLATE
                    + ", from which every backup type's route is made: restore it (see docs/architecture.md)");
        }
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        for (TypeConfig type : config.types().values()) {
            refuseClash(model, type.name(), routesDir);
            TemplatedRouteBuilder.builder(context, TEMPLATE).routeId(routeId(type.name()))
                    .parameter("type", type.name()).parameter("source", source(type)).add();
        }
    }

    /**
     * A type named like a route of the route files (pipeline: backup-pipeline; succeeded: the consumer of
     * direct:backup-succeeded) would replace that route or fail to start with Camel's words; refused by name.
     */
    private static void refuseClash(Model model, String type, Path routesDir) {
        // The template's own endpoint with this type in it: the YAML says where a type's route is reached.
        String endpoint = model.getRouteTemplateDefinition(TEMPLATE).getRoute().getInput().getEndpointUri().replace("{{type}}", type);
        for (RouteDefinition route : model.getRouteDefinitions()) {
            String input = route.getInput() == null ? null : route.getInput().getEndpointUri();
            if (routeId(type).equals(route.getRouteId()) || endpoint.equals(input)) {
                throw new ConfigException("backup_types." + type, "backup_types." + type + ": the name is taken by route "
                        + route.getRouteId() + " of " + routesDir + " (a type's route is " + routeId(type) + ", reached at "
                        + endpoint + "); give the type another name");
            }
        }
    }

    /** The type's source route: {@code export} for a kind that exports one stream per run, else its kind's own. */
    static String source(TypeConfig type) {
        return SourceKinds.find(type.kind()).filter(ExportingKind.class::isInstance).isPresent() ? EXPORT : type.kind();
    }

    static String routeId(String type) {
        return "backup-" + type;
    }
}

package dev.backroute.camel;

import dev.backroute.config.BackupConfig;
import dev.backroute.config.ConfigException;
import dev.backroute.config.TypeConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.model.Model;

import java.nio.file.Path;

/**
 * Makes each configured type's backup route from the {@code backup-type} template of routes/backup.camel.yaml:
 * route {@code backup-<type>}, consuming {@code direct:backup-<type>}, calling {@code direct:source-<kind>}.
 * Types come from the config, so their routes are instantiated at start-up rather than listed in YAML. They
 * are in the route model like any other route; the start-up log names each ("Started backup-ml_models") and
 * its parameters (type, kind). Camel 4.17's route dump leaves out routes made from templates.
 */
final class BackupRoutes {
    static final String TEMPLATE = "backup-type";

    private BackupRoutes() {}

    static void add(CamelContext context, BackupConfig config, Path routesDir) throws Exception {
        if (context.getCamelContextExtension().getContextPlugin(Model.class).getRouteTemplateDefinition(TEMPLATE) == null) {
            throw new ConfigException(routesDir.toString(), routesDir + ": no routeTemplate " + TEMPLATE
                    + ", from which every backup type's route is made: restore it (see docs/architecture.md)");
        }
        for (TypeConfig type : config.types().values()) {
            TemplatedRouteBuilder.builder(context, TEMPLATE).routeId(routeId(type.name()))
                    .parameter("type", type.name()).parameter("kind", type.kind()).add();
        }
    }

    static String routeId(String type) {
        return "backup-" + type;
    }
}

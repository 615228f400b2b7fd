package dev.backroute.camel;

import dev.backroute.backup.ExportingKind;
import dev.backroute.backup.RunStage;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.SourceKinds;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Route step {@code exportSourceStep} of route {@code source-export}: the export of the run's kind
 * ({@link ExportingKind}), so a kind that exports one stream per run needs no step or route of its own.
 */
public final class ExportSourceStep implements Processor {
    private final Map<String, RunStage> exports;

    ExportSourceStep(BackupConfig config, Map<String, String> env) {
        this.exports = SourceKinds.all().stream().filter(ExportingKind.class::isInstance).map(ExportingKind.class::cast)
                .collect(Collectors.toUnmodifiableMap(ExportingKind::name, kind -> kind.export(config, env)));
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        var run = RunStep.run(exchange);
        RunStage export = exports.get(run.type().kind());
        if (export == null) {
            // Only a route edit can send another kind here; BackupRoutes sends each type to its kind's route.
            throw new IllegalStateException("backup_types." + run.type().name() + " is of kind " + run.type().kind()
                    + ", which has its own source route, not source-export: check routes/backup.camel.yaml");
        }
        export.apply(run);
    }
}

package dev.backroute.camel;

import dev.backroute.config.BackupConfig;
import dev.backroute.config.OperationsConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/** The properties the routes and camel-main read ({@code {{backroute.*}}}, {@code camel.*}), from the config and the mode. */
final class RuntimeProperties {

    private RuntimeProperties() {}

    static Map<String, String> of(BackupConfig config, RuntimeMode mode) {
        Map<String, String> p = new LinkedHashMap<>();
        OperationsConfig ops = config.operations();
        // A one-shot CLI run reports a failure at once: the operator is watching and can run it again.
        OperationsConfig.RetryPolicy retry = mode.service() ? ops.retry() : new OperationsConfig.RetryPolicy(0, 0, 1);
        p.put("backroute.redelivery.max", Integer.toString(retry.maxRedeliveries()));
        p.put("backroute.redelivery.delay", Long.toString(retry.delaySeconds() * 1000L));
        p.put("backroute.redelivery.multiplier", Integer.toString(retry.backoffMultiplier()));
        p.put("backroute.validate-after-backup", Boolean.toString(ops.validateAfterBackup()));
        p.put("backroute.validate-all.cron", cronForUri(ops.validateAllQuartzSchedule()));
        p.put("backroute.prune.cron", cronForUri(ops.pruneQuartzSchedule()));
        p.put("backroute.drill.cron", cronForUri(ops.drillQuartzSchedule()));
        p.put("backroute.validate-subset.cron", cronForUri(ops.validateSubsetQuartzSchedule()));
        p.put("backroute.overdue.period", Long.toString(ops.overdueCheckMinutes() * 60_000L));
        // The cluster's check-ins run on a timer, not Quartz: Quartz's store is the database they watch.
        p.put("backroute.cluster.enabled", Boolean.toString(config.cluster().enabled()));
        p.put("backroute.cluster.checkin-period", Long.toString(config.cluster().checkinSeconds() * 1000L));
        if (mode.service()) {
            p.put("camel.management.enabled", "true");
            p.put("camel.management.host", mode.management().host());
            p.put("camel.management.port", Integer.toString(mode.management().port()));
            p.put("camel.management.healthCheckEnabled", "true");
            p.put("camel.management.metricsEnabled", "true");
            p.put("camel.metrics.enabled", "true");
            p.put("camel.health.enabled", "true");
        }
        return p;
    }

    /** Quartz reads '+' as a space in an endpoint URI, where a space would not survive. */
    static String cronForUri(String cron) {
        return cron.trim().replaceAll("\\s+", "+");
    }
}

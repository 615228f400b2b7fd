package dev.backroute.camel;

import dev.backroute.BackrouteExchange;
import dev.backroute.ops.Takeover;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.quartz.QuartzMessage;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * First step of scheduled-backup: says in the log which fire of the schedule this member serves (in a cluster, each
 * member's log shows its share), and for a fire Quartz runs again for a member it took for dead, whether the backup
 * still needs doing ({@link Takeover}), as {@link BackrouteExchange#TAKEOVER_NEEDED}.
 */
public final class ScheduledFireStep implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledFireStep.class);

    private final Takeover takeover;

    ScheduledFireStep(Takeover takeover) {
        this.takeover = takeover;
    }

    @Override
    public void process(Exchange exchange) {
        String type = exchange.getProperty(BackrouteExchange.TYPE, String.class);
        JobExecutionContext fire = exchange.getIn() instanceof QuartzMessage q ? q.getJobExecutionContext() : null;
        if (fire == null) {
            LOG.info("scheduled backup of {}", type);
        } else if (fire.isRecovering()) {
            LOG.info("scheduled backup of {}: taking over the run of a cluster member that stopped checking in", type);
            exchange.setProperty(BackrouteExchange.TAKEOVER_NEEDED, takeover.needed(type, originalFireTime(fire)));
        } else {
            LOG.info("scheduled backup of {} for {}", type, fire.getScheduledFireTime().toInstant().truncatedTo(ChronoUnit.SECONDS));
        }
    }

    /** When the fire the dead member began was due: Quartz records it in the job data it recovers with. */
    private static Instant originalFireTime(JobExecutionContext fire) {
        String millis = fire.getMergedJobDataMap().getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_FIRETIME_IN_MILLISECONDS);
        return millis == null || !millis.matches("\\d{1,18}") ? null : Instant.ofEpochMilli(Long.parseLong(millis));
    }
}

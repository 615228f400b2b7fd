package dev.backroute.camel;

import dev.backroute.BackrouteExchange;
import dev.backroute.ops.Takeover;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.quartz.JobDataMap;
import org.quartz.Scheduler;

import java.time.Instant;

/**
 * Route step of scheduled-backup when Quartz runs a member's unfinished fire again ({@link Takeover}): sets
 * {@link BackrouteExchange#TAKEOVER_NEEDED}. Quartz records the fire's original time in the job data it recovers with.
 */
public final class TakeoverStep implements Processor {
    private final Takeover takeover;

    TakeoverStep(Takeover takeover) {
        this.takeover = takeover;
    }

    @Override
    public void process(Exchange exchange) {
        JobDataMap data = exchange.getIn().getHeader("mergedJobDataMap", JobDataMap.class);
        String millis = data == null ? null : data.getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_FIRETIME_IN_MILLISECONDS);
        Instant fired = millis == null || !millis.matches("\\d{1,18}") ? null : Instant.ofEpochMilli(Long.parseLong(millis));
        exchange.setProperty(BackrouteExchange.TAKEOVER_NEEDED,
                takeover.needed(exchange.getProperty(BackrouteExchange.TYPE, String.class), fired));
    }
}

package dev.backroute.ops;

import dev.backroute.BackrouteExchange;
import dev.backroute.backup.BackupGroup;
import dev.backroute.catalog.BackupRecord;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.io.IOException;

/**
 * Last step of a type's backup route: releases the type's lock, so that validation and retention that
 * follow in the same exchange can take it, and when every artifact of the run succeeded records that for
 * the alert routes (which send "recovered" after an outstanding failure); after-backup raises it.
 */
public final class FinishRunStep implements Processor {
    private final AlertRecorder alerts;

    public FinishRunStep(AlertRecorder alerts) {
        this.alerts = alerts;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        BackupGroup group = exchange.getProperty(BackrouteExchange.GROUP, BackupGroup.class);
        if (group == null) {
            return;
        }
        group.releaseLock();
        if (!group.records().isEmpty() && group.records().stream().allMatch(BackupRecord::success)) {
            alerts.succeeded(exchange, group.type().name());
        }
    }
}

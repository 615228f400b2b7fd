package dev.backroute.camel;

import dev.backroute.BackrouteExchange;
import dev.backroute.backup.BackupGroup;
import dev.backroute.ops.ValidateBackups;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.util.List;

/** Bean {@code validation}: the passes of {@link ValidateBackups}, each failure's alert recorded for the calling route to raise. */
public final class Validation {
    private final ValidateBackups validate;

    Validation(ValidateBackups validate) {
        this.validate = validate;
    }

    /** Route step of after-backup: the run in the exchange's {@code backrouteGroup}. */
    public void lastRun(Exchange exchange) throws IOException {
        validate.lastRun(exchange.getProperty(BackrouteExchange.GROUP, BackupGroup.class), alert -> AlertRecorder.record(exchange, alert));
    }

    /** The split of validate-all: the types to validate, one exchange each. */
    public List<String> types() {
        return validate.types();
    }

    /** Route step of validate-all: the type in the exchange's {@code backrouteType}. */
    public void type(Exchange exchange) throws IOException {
        validate.type(exchange.getProperty(BackrouteExchange.TYPE, String.class), alert -> AlertRecorder.record(exchange, alert));
    }

    /** The split of validate-subset: the repository types, one exchange each. */
    public List<String> repositoryTypes() {
        return validate.repositoryTypes();
    }

    /** Route step of validate-subset: the type in the exchange's {@code backrouteType}. */
    public void subset(Exchange exchange) {
        validate.subset(exchange.getProperty(BackrouteExchange.TYPE, String.class), alert -> AlertRecorder.record(exchange, alert));
    }
}

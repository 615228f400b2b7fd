package dev.backroute.camel;

import dev.backroute.BackrouteExchange;
import dev.backroute.ops.DrillTypes;
import dev.backroute.pipeline.ProgressListener;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/** Bean {@code drilling}: one type's recovery drill ({@link DrillTypes}), its alert recorded for the route to raise. */
public final class Drilling {
    private static final Logger LOG = LoggerFactory.getLogger(Drilling.class);

    private final DrillTypes drills;

    Drilling(DrillTypes drills) {
        this.drills = drills;
    }

    /** The split of the scheduled drill: the types to drill, one exchange each. */
    public List<String> types() {
        return drills.types();
    }

    /** Route step of the drill route: the type in {@code backrouteType}, the outcome left in {@code backrouteDrillOutcome}. */
    @SuppressWarnings("unchecked")
    public void type(Exchange exchange) throws IOException {
        Consumer<String> say = exchange.getProperty(BackrouteExchange.SAY, Consumer.class);
        ProgressListener progress = exchange.getProperty(BackrouteExchange.PROGRESS, ProgressListener.class);
        exchange.setProperty(BackrouteExchange.DRILL_OUTCOME, drills.type(exchange.getProperty(BackrouteExchange.TYPE, String.class),
                exchange.getProperty(BackrouteExchange.DRILL_BACKUP, String.class),
                Boolean.TRUE.equals(exchange.getProperty(BackrouteExchange.DRILL_KEEP, Boolean.class)),
                progress == null ? ProgressListener.NONE : progress, say == null ? LOG::info : say,
                alert -> AlertRecorder.record(exchange, alert)));
    }
}

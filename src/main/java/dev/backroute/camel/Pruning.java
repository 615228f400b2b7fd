package dev.backroute.camel;

import dev.backroute.BackrouteExchange;
import dev.backroute.ops.PruneRepositories;
import org.apache.camel.Exchange;

import java.util.List;

/** Bean {@code pruning}: the scheduled prune of {@link PruneRepositories}, each failure's alert recorded for the route to raise. */
public final class Pruning {
    private final PruneRepositories prune;

    Pruning(PruneRepositories prune) {
        this.prune = prune;
    }

    /** The split of the prune route: the repository types, one exchange each. */
    public List<String> types() {
        return prune.types();
    }

    /** Route step of the prune route: the type in the exchange's {@code backrouteType}. */
    public void type(Exchange exchange) {
        prune.type(exchange.getProperty(BackrouteExchange.TYPE, String.class), alert -> AlertRecorder.record(exchange, alert));
    }
}

package dev.backroute.camel;

import dev.backroute.BackrouteExchange;
import dev.backroute.alert.Alert;
import org.apache.camel.Exchange;

import java.util.ArrayList;
import java.util.List;

/**
 * Records on the exchange ({@link BackrouteExchange#ALERTS}) the alerts the operations services hand back;
 * the routes raise them ({@code direct:raise-alerts}), so no step sends to an endpoint.
 */
public final class AlertRecorder {
    private AlertRecorder() {
    }

    /** A new list each time: a split's copy of the exchange shares its parent's list object, which must not grow. */
    public static void record(Exchange exchange, Alert alert) {
        List<Alert> alerts = new ArrayList<>(recorded(exchange));
        alerts.add(alert);
        exchange.setProperty(BackrouteExchange.ALERTS, List.copyOf(alerts));
    }

    /** The alerts recorded on the exchange and not yet raised, oldest first. */
    @SuppressWarnings("unchecked")
    static List<Alert> recorded(Exchange exchange) {
        List<Alert> alerts = exchange.getProperty(BackrouteExchange.ALERTS, List.class);
        return alerts == null ? List.of() : alerts;
    }
}

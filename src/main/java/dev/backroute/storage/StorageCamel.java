package dev.backroute.storage;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.function.ThrowingConsumer;

/**
 * The small private Camel context the cloud targets upload through (camel-aws2-s3, camel-google-storage,
 * camel-azure-storage-blob producers). It holds no routes and starts only at the first upload, so read-only
 * commands (list, status, validate, recover) never start Camel, and the StorageTarget API needs no CamelContext.
 * <p>
 * Each target builds its endpoint around its own SDK client and keeps its own producer. Producers are not
 * taken from a ProducerTemplate: its cache matches endpoints by URI, so two targets on the same bucket (other
 * prefix, other client) would share one producer.
 */
final class StorageCamel {
    private static CamelContext context;

    private StorageCamel() {}

    static synchronized CamelContext context() {
        if (context == null) {
            DefaultCamelContext c = new DefaultCamelContext();
            c.getCamelContextExtension().setName("backroute-storage");
            c.disableJMX();
            c.start();
            Runtime.getRuntime().addShutdownHook(new Thread(c::stop, "backroute-storage-camel-stop"));
            context = c;
        }
        return context;
    }

    /** Starts an endpoint built around an SDK client (no registry lookups) and returns a started producer for it. */
    static Producer producer(Endpoint endpoint) throws Exception {
        endpoint.setCamelContext(context());
        endpoint.start();
        Producer producer = endpoint.createProducer();
        producer.start();
        return producer;
    }

    /** Sends one exchange; the component's exception, if any, is rethrown as is for the target to translate. */
    static Exchange send(Producer producer, ThrowingConsumer<Exchange, Exception> prepare) throws Exception {
        Exchange exchange = producer.getEndpoint().createExchange();
        prepare.accept(exchange);
        producer.process(exchange);
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
        return exchange;
    }
}

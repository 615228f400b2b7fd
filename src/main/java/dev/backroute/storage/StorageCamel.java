package dev.backroute.storage;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The small private Camel context the cloud targets upload through (camel-aws2-s3, camel-google-storage,
 * camel-azure-storage-blob producers). It holds no routes and starts only at the first upload, so read-only
 * commands (list, status, validate, recover) never start Camel; the StorageTarget API needs no CamelContext.
 */
final class StorageCamel {
    private static CamelContext context;
    private static ProducerTemplate template;

    private StorageCamel() {}

    static synchronized CamelContext context() {
        if (context == null) {
            DefaultCamelContext c = new DefaultCamelContext();
            c.getCamelContextExtension().setName("backroute-storage");
            c.disableJMX();
            c.start();
            template = c.createProducerTemplate();
            Runtime.getRuntime().addShutdownHook(new Thread(c::stop, "backroute-storage-camel-stop"));
            context = c;
        }
        return context;
    }

    /**
     * Sends one exchange to a producer endpoint and returns it; the component's exception, if any, is
     * rethrown as is so each target can translate it.
     */
    static Exchange send(Endpoint endpoint, Processor prepare) throws Exception {
        context();
        Exchange exchange = template.send(endpoint, prepare);
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
        return exchange;
    }

    /** Starts an endpoint built programmatically around an SDK client, so no client goes through the registry. */
    static <E extends Endpoint> E start(E endpoint) {
        endpoint.setCamelContext(context());
        endpoint.start();
        return endpoint;
    }
}

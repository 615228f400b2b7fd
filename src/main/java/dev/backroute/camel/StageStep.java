package dev.backroute.camel;

import dev.backroute.backup.Stage;
import org.apache.camel.Exchange;

/** Route step {@code stageStep}: {@link Stage}; the message body becomes the staged file, for a step an operator adds after it. */
public final class StageStep extends RunStep {
    StageStep(Stage stage) {
        super(stage);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        super.process(exchange);
        exchange.getMessage().setBody(run(exchange).staged());
    }
}

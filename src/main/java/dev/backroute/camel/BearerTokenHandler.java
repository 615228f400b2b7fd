package dev.backroute.camel;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;

/** Lets a request to the management server through only with the bearer token; anything else gets 401. */
final class BearerTokenHandler implements AuthenticationHandler {
    private final BearerToken token;

    BearerTokenHandler(BearerToken token) {
        this.token = token;
    }

    @Override
    public void handle(RoutingContext ctx) {
        // The dashboard's static files hold no data: a browser must load them before it can send the token.
        if (DashboardHttp.isPublicPage(ctx) || token.admits(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            ctx.next();
            return;
        }
        // RFC 6750 section 3: the challenge tells a client which scheme to retry with.
        ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer realm=\"backroute\"").end();
    }
}

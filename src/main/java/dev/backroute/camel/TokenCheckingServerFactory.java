package dev.backroute.camel;

import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.web.handler.AuthenticationHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.component.platform.http.main.DefaultMainHttpServerFactory;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.main.HttpManagementServerConfigurationProperties;
import org.apache.camel.main.MainHttpServerFactory;

/**
 * camel-main's management HTTP server with the bearer-token check in front of every path. camel-main
 * uses the {@link MainHttpServerFactory} it finds in the registry; its own authentication offers Basic
 * (a properties file of users) and JWT (a keystore), not a shared token a Prometheus scraper can send.
 * The check goes into the server's authentication config, which Vert.x mounts on the router before the
 * server listens, so no request is ever served unchecked.
 */
final class TokenCheckingServerFactory extends DefaultMainHttpServerFactory {
    private final BearerToken token;

    TokenCheckingServerFactory(BearerToken token) {
        this.token = token;
    }

    @Override
    public Service newHttpManagementServer(CamelContext camelContext, HttpManagementServerConfigurationProperties properties) {
        ManagementHttpServer server = (ManagementHttpServer) super.newHttpManagementServer(camelContext, properties);
        AuthenticationConfig.AuthenticationConfigEntry everyPath = new AuthenticationConfig.AuthenticationConfigEntry();
        everyPath.setPath("/*");
        // The handler compares the header itself; Vert.x asks for a provider all the same.
        everyPath.setAuthenticationProviderFactory(vertx -> null);
        everyPath.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends AuthenticationProvider> AuthenticationHandler createAuthenticationHandler(T unused) {
                return new BearerTokenHandler(token);
            }
        });
        AuthenticationConfig authentication = server.getConfiguration().getAuthenticationConfig();
        authentication.getEntries().add(everyPath);
        authentication.setEnabled(true);
        return server;
    }
}

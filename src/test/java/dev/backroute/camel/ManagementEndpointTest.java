package dev.backroute.camel;

import dev.backroute.config.ConfigException;
import dev.backroute.config.ManagementConfig;
import dev.backroute.config.SecretRef;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How {@code run} settles the management server's address and token from the config and the command line. */
class ManagementEndpointTest {
    private static final SecretRef NO_TOKEN = new SecretRef("management.token", null, null);
    private static final SecretRef TOKEN_ENV = new SecretRef("management.token", "MGMT_TOKEN", null);

    @Test
    void theCommandLineOverridesTheConfiguredAddressAndPort() {
        ManagementConfig wildcard = new ManagementConfig("0.0.0.0", 9000, NO_TOKEN, false);

        ManagementEndpoint endpoint = ManagementEndpoint.of(wildcard, "127.0.0.1", 9100, Map.of());

        assertThat(endpoint.host()).isEqualTo("127.0.0.1");
        assertThat(endpoint.port()).isEqualTo(9100);
        assertThat(endpoint.loopback()).isTrue();
        assertThat(catchThrowableOfType(ConfigException.class, () -> ManagementEndpoint.of(wildcard, null, null, Map.of())).path())
                .isEqualTo("management.token");
    }

    @Test
    void onlyAnExplicitAllowUnauthenticatedOpensANonLoopbackAddressWithoutAToken() {
        ManagementEndpoint open = ManagementEndpoint.of(new ManagementConfig("0.0.0.0", 9000, NO_TOKEN, true), null, null, Map.of());
        ManagementEndpoint guarded = ManagementEndpoint.of(new ManagementConfig("0.0.0.0", 9000, TOKEN_ENV, false), null, null,
                Map.of("MGMT_TOKEN", "t0ken"));

        assertThat(open.open()).isTrue();
        assertThat(guarded.open()).isFalse();
        assertThat(guarded.toString()).doesNotContain("t0ken");
    }

    @Test
    void anUnsetTokenVariableIsAConfigErrorNamingTheVariable() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ManagementEndpoint.of(new ManagementConfig("127.0.0.1", 9000, TOKEN_ENV, false), null, null, Map.of()));

        assertThat(e.getMessage()).isEqualTo("management.token_env: environment variable MGMT_TOKEN is not set; export MGMT_TOKEN before running backroute");
    }
}

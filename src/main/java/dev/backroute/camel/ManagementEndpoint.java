package dev.backroute.camel;

import dev.backroute.config.ConfigException;
import dev.backroute.config.ManagementConfig;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Map;

/**
 * Where the run runtime serves health and metrics and the token it requires, settled from the config
 * and the command line before anything starts.
 *
 * @param loopback whether only this machine can connect
 * @param token    what every request must present, or null when requests need none
 */
public record ManagementEndpoint(String host, int port, boolean loopback, BearerToken token) {

    /**
     * The endpoint for {@code ./backroute run}: {@code hostOption}/{@code portOption} (null when not given)
     * override the config. Refuses to serve a non-loopback address without a token unless the config
     * says so explicitly.
     */
    public static ManagementEndpoint of(ManagementConfig config, String hostOption, Integer portOption, Map<String, String> env) {
        String host = hostOption != null ? hostOption : config.host();
        int port = portOption != null ? portOption : config.port();
        boolean loopback = isLoopback(host, hostOption != null ? "--http-host" : "management.host");
        BearerToken token = config.token().isConfigured() ? BearerToken.of(config.token().resolve(env)) : null;
        if (!loopback && token == null && !config.allowUnauthenticated()) {
            throw new ConfigException("management.token", "management.token: the management server would listen on " + host
                    + ", not a loopback address, where anyone could read it; set management.token_env or management.token_file,"
                    + " or bind 127.0.0.1");
        }
        return new ManagementEndpoint(host, port, loopback, token);
    }

    /** True when other machines can read health and metrics without a token. */
    public boolean open() {
        return !loopback && token == null;
    }

    /** Every address the name stands for must be loopback: Vert.x binds whichever the resolver gives first. */
    private static boolean isLoopback(String host, String source) {
        // The resolver reads "" as localhost, which is not what an empty setting means.
        if (host.isBlank()) {
            throw unresolvable(host, source);
        }
        try {
            return Arrays.stream(InetAddress.getAllByName(host)).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            throw unresolvable(host, source);
        }
    }

    private static ConfigException unresolvable(String host, String source) {
        return new ConfigException(source, source + ": cannot resolve '" + host + "'; give an address such as 127.0.0.1");
    }
}

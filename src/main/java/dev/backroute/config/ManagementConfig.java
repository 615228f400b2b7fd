package dev.backroute.config;

/**
 * Where {@code ./backroute run} serves {@code /observe/health} and {@code /observe/metrics}, and who may
 * read them. The command line's {@code --http-host}/{@code --http-port} override host and port.
 *
 * @param host                 the address to listen on; loopback unless the operator opens it up
 * @param port                 the TCP port
 * @param token                the bearer token every request must present, if configured
 * @param allowUnauthenticated the operator's explicit consent to serve a non-loopback address without a token
 */
public record ManagementConfig(String host, int port, SecretRef token, boolean allowUnauthenticated) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9876;
}

package dev.backroute.config;

/** Reads the optional {@code management} section. */
final class ManagementReader {

    private ManagementReader() {}

    static ManagementConfig read(Fields f) {
        String host = f.nonEmpty("host", ManagementConfig.DEFAULT_HOST);
        int port = f.integer("port", ManagementConfig.DEFAULT_PORT, 1, 65535);
        SecretRef token = f.secret("token");
        boolean allowUnauthenticated = f.bool("allow_unauthenticated", false);
        // Both at once leaves it unclear whether the operator meant the server to be open.
        f.check("allow_unauthenticated", !(allowUnauthenticated && token.isConfigured()),
                "cannot be true when token_env or token_file is set; remove one of them");
        return new ManagementConfig(host, port, token, allowUnauthenticated);
    }
}

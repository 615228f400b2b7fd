package dev.backroute.camel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The bearer token the management server requires. Only its SHA-256 is kept: comparing fixed-size
 * digests with {@link MessageDigest#isEqual} takes the same time whatever the length of the token
 * presented and however much of it is right, and printing this object cannot show the token.
 */
public final class BearerToken {
    private static final String SCHEME = "Bearer ";

    private final byte[] digest;

    private BearerToken(byte[] digest) {
        this.digest = digest;
    }

    public static BearerToken of(String secret) {
        return new BearerToken(sha256(secret));
    }

    /** True when {@code authorization}, an Authorization header or null, is {@code Bearer <this token>}. */
    boolean admits(String authorization) {
        // RFC 7235: the scheme name is case-insensitive.
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(SCHEME.length())));
    }

    @Override
    public String toString() {
        return "bearer token (not shown)";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

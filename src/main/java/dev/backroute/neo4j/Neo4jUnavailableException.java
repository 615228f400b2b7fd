package dev.backroute.neo4j;

import java.io.IOException;

/**
 * Neo4j cannot be used as configured: the server is down or unreachable, refuses the credentials, or the
 * database does not exist. The message is one line naming the server and what to check.
 */
public class Neo4jUnavailableException extends IOException {
    public Neo4jUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

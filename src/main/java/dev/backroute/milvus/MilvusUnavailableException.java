package dev.backroute.milvus;

import java.io.IOException;

/**
 * Milvus cannot be used as asked: the server is unreachable, rejects the token, or lacks a database or
 * collection. The message is one line naming the URI or collection and what to do; it never holds the token.
 */
public class MilvusUnavailableException extends IOException {

    public MilvusUnavailableException(String message) {
        super(message);
    }

    public MilvusUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.backroute.catalog;

import java.io.IOException;

/** A manifest an operator pointed at fails a field check or its MAC: it is not used, and that is a failed recovery. */
public class UntrustedManifestException extends IOException {
    public UntrustedManifestException(String message) {
        super(message);
    }
}

package dev.backroute.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;

/**
 * Logs, for every kind of target alike, what an operator should hear about: each leftover of an interrupted
 * backup that a target removed. Everything else is passed through unchanged.
 */
final class LoggingTarget extends ForwardingTarget {
    private static final Logger LOG = LoggerFactory.getLogger(LoggingTarget.class);

    LoggingTarget(StorageTarget target) {
        super(target);
    }

    @Override
    public List<String> removeLeftovers(String type) throws IOException {
        List<String> removed = target.removeLeftovers(type);
        // Not through uri(): a leftover's name need not be a plain file name (an upload may sit deeper).
        removed.forEach(n -> LOG.info("removed {}/{} from storage target '{}': left by an interrupted backup", type, n, name()));
        return removed;
    }
}

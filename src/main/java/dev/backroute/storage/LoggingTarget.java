package dev.backroute.storage;

import dev.backroute.repository.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Logs, for every kind of target alike, what an operator should hear about: each leftover of an interrupted
 * backup that a target removed. Everything else is passed through unchanged.
 */
final class LoggingTarget implements StorageTarget {
    private static final Logger LOG = LoggerFactory.getLogger(LoggingTarget.class);

    private final StorageTarget target;

    LoggingTarget(StorageTarget target) {
        this.target = target;
    }

    @Override
    public String name() { return target.name(); }

    @Override
    public String uri(String type, String fileName) { return target.uri(type, fileName); }

    @Override
    public void putArtifact(String type, String fileName, Path staged) throws IOException {
        target.putArtifact(type, fileName, staged);
    }

    @Override
    public void putManifest(String type, String fileName, byte[] json) throws IOException {
        target.putManifest(type, fileName, json);
    }

    @Override
    public InputStream open(String type, String fileName) throws IOException { return target.open(type, fileName); }

    @Override
    public List<String> list(String type) throws IOException { return target.list(type); }

    @Override
    public long size(String type, String fileName) throws IOException { return target.size(type, fileName); }

    @Override
    public void delete(String type, String fileName) throws IOException { target.delete(type, fileName); }

    @Override
    public BlobStore repository(String type) { return target.repository(type); }

    @Override
    public List<String> removeLeftovers(String type) throws IOException {
        List<String> removed = target.removeLeftovers(type);
        // Not through uri(): a leftover's name need not be a plain file name (an upload may sit deeper).
        removed.forEach(n -> LOG.info("removed {}/{} from storage target '{}': left by an interrupted backup", type, n, name()));
        return removed;
    }
}

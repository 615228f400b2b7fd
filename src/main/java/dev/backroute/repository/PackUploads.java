package dev.backroute.repository;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Uploads finished packs on {@code connections} threads while the backup goes on chunking, so a slow object
 * store does not stall the source. At most {@code connections} packs are in flight (each spooled on disk); a
 * pack beyond that waits for one to finish. Which packs are stored is known only once they are collected
 * ({@link #collect}): an index file may list only those.
 */
final class PackUploads implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** A pack handed over for upload: its object name, its id and its entries for the index. */
    record Pack(String name, String id, List<PackEntry> entries) {}

    private record Upload(Pack pack, Path file, Future<?> done) {}

    private final BlobStore store;
    private final int connections;
    private final ExecutorService workers;
    private final List<Upload> inFlight = new ArrayList<>();

    PackUploads(BlobStore store, int connections) {
        this.store = store;
        this.connections = connections;
        this.workers = Executors.newFixedThreadPool(connections, r -> {
            Thread t = new Thread(r, "backroute-pack-upload-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts uploading {@code file} as {@code pack}, after waiting for the oldest upload when all connections are
     * busy; returns the packs stored meanwhile. Throws the first upload that failed.
     */
    List<Pack> submit(Pack pack, Path file) throws IOException {
        List<Pack> stored = new ArrayList<>();
        while (inFlight.size() >= connections) {
            stored.add(await(inFlight.remove(0)));
        }
        inFlight.add(new Upload(pack, file, workers.submit(() -> {
            store.putAndDelete(pack.name(), file);
            return null;
        })));
        return stored;
    }

    /** Waits for every upload; returns the packs stored, or throws the first failure once all have ended. */
    List<Pack> collect() throws IOException {
        List<Pack> stored = new ArrayList<>();
        IOException failed = null;
        while (!inFlight.isEmpty()) {
            try {
                stored.add(await(inFlight.remove(0)));
            } catch (IOException e) {
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            throw new PartlyStored(failed, stored);
        }
        return stored;
    }

    /** An upload failed; {@link #stored} are the packs that did make it, which an index file may still list. */
    static final class PartlyStored extends IOException {
        private final transient List<Pack> stored;

        PartlyStored(IOException cause, List<Pack> stored) {
            super(cause.getMessage(), cause);
            this.stored = List.copyOf(stored);
        }

        List<Pack> stored() {
            return stored;
        }
    }

    private Pack await(Upload upload) throws IOException {
        try {
            upload.done().get();
            return upload.pack();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while uploading pack " + upload.pack().name());
        } catch (ExecutionException e) {
            Files.deleteIfExists(upload.file());
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("uploading pack " + upload.pack().name() + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** Stops the workers; an upload still running is interrupted and its spool file removed. */
    @Override
    public void close() throws IOException {
        workers.shutdownNow();
        for (Upload upload : inFlight) {
            Files.deleteIfExists(upload.file());
        }
        inFlight.clear();
    }
}

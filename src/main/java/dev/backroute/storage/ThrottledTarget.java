package dev.backroute.storage;

import dev.backroute.pipeline.Throttle;
import dev.backroute.repository.BlobStore;
import dev.backroute.repository.ForwardingBlobStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Holds a target's downloads to its {@code limit_download_kib}: every stream it opens, of an archive file or of a
 * repository object (whole or a range), is read through the target's one download {@link Throttle}, which all
 * threads reading from the target share. (Uploads are throttled by the target itself: see {@link TargetKind#open}.)
 */
final class ThrottledTarget extends ForwardingTarget {
    private final Throttle downloads;

    ThrottledTarget(StorageTarget target, Throttle downloads) {
        super(target);
        this.downloads = downloads;
    }

    @Override
    public InputStream open(String type, String fileName) throws IOException {
        return downloads.limit(target.open(type, fileName));
    }

    @Override
    public BlobStore repository(String type) {
        return new Repository(target.repository(type));
    }

    private final class Repository extends ForwardingBlobStore {
        Repository(BlobStore store) {
            super(store);
        }

        /** The delegate's own: a local store moves a spooled pack instead of copying it. */
        @Override
        public void putAndDelete(String name, Path file) throws IOException { delegate.putAndDelete(name, file); }

        @Override
        public InputStream get(String name) throws IOException {
            return downloads.limit(delegate.get(name));
        }

        @Override
        public InputStream get(String name, long offset, long length) throws IOException {
            return downloads.limit(delegate.get(name, offset, length));
        }
    }
}

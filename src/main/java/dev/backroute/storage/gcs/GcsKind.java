package dev.backroute.storage.gcs;

import dev.backroute.config.Fields;
import dev.backroute.config.StorageConfig;
import dev.backroute.pipeline.Throttle;
import dev.backroute.storage.ObjectKeys;
import dev.backroute.storage.StorageTarget;
import dev.backroute.storage.TargetKind;

/** {@code "type": "gcs"}: a Google Cloud Storage bucket. */
public final class GcsKind implements TargetKind {
    static final String NAME = "gcs";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GcsStorage read(String name, Fields f) {
        String bucket = f.required("bucket", "for a gcs storage target");
        String projectId = f.string("project_id", "");
        return new GcsStorage(name, bucket, projectId, ObjectKeys.prefix(f), f.path("credentials_file"));
    }

    @Override
    public StorageTarget open(StorageConfig config, Throttle uploads) {
        return new GcsTarget((GcsStorage) config, uploads);
    }
}

package dev.backroute.storage.azure;

import dev.backroute.config.Fields;
import dev.backroute.config.StorageConfig;
import dev.backroute.pipeline.Throttle;
import dev.backroute.storage.ObjectKeys;
import dev.backroute.storage.StorageTarget;
import dev.backroute.storage.TargetKind;

import java.util.regex.Pattern;

/** {@code "type": "azure"}: an Azure Blob Storage container. */
public final class AzureKind implements TargetKind {
    static final String NAME = "azure";
    private static final Pattern CONTAINER = Pattern.compile("[a-z0-9-]{3,63}");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AzureStorage read(String name, Fields f) {
        String container = f.required("container", "for an azure storage target");
        f.check("container", container.isEmpty() || CONTAINER.matcher(container).matches(),
                "must be 3 to 63 characters of lowercase letters, digits and '-', got '" + container + "'");
        return new AzureStorage(name, container, ObjectKeys.prefix(f), f.secret("connection_string"));
    }

    @Override
    public StorageTarget open(StorageConfig config, Throttle uploads) {
        return new AzureTarget((AzureStorage) config, uploads);
    }
}

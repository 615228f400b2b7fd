package dev.backroute.config;

/**
 * A storage target of the {@code storage} section, as its {@link StorageKind} read it. Implementations are
 * records (targets are shared per equal config).
 */
public interface StorageConfig {

    /** The target's key in the {@code storage} section. */
    String name();

    /** The {@link StorageKind#name()} of the kind that read it. */
    String kind();

    /** What its kind read, without the limits every kind shares: this config itself unless it is a {@link LimitedStorage}. */
    default StorageConfig kindConfig() {
        return this;
    }

    /** Its {@code limit_upload_kib} and {@code limit_download_kib}. */
    default Bandwidth limits() {
        return Bandwidth.UNLIMITED;
    }
}

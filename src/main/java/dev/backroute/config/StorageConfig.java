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
}

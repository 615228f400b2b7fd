package dev.backroute.config;

/**
 * A storage target with bandwidth limits: its kind's own config and the limits that apply to every kind alike. A
 * target without limits is its kind's config alone.
 */
public record LimitedStorage(StorageConfig kindConfig, Bandwidth limits) implements StorageConfig {

    @Override
    public String name() {
        return kindConfig.name();
    }

    @Override
    public String kind() {
        return kindConfig.kind();
    }
}

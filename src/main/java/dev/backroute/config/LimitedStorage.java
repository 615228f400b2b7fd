package dev.backroute.config;

/**
 * A storage target with bandwidth limits: its kind's own config and the limits that apply to every kind alike. A
 * target without limits is its kind's config alone.
 */
public record LimitedStorage(StorageConfig target, Bandwidth limits) implements StorageConfig {

    @Override
    public String name() {
        return target.name();
    }

    @Override
    public String kind() {
        return target.kind();
    }
}

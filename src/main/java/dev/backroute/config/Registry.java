package dev.backroute.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;

/** Loads the implementations registered under META-INF/services, each under a name no other may take. */
final class Registry {
    private Registry() {}

    /** In registration order; two registered under one name is a build mistake, refused at once. */
    static <K> List<K> load(Class<K> type, Function<K, String> name) {
        List<K> loaded = new ArrayList<>();
        Set<String> names = new HashSet<>();
        ServiceLoader.load(type, type.getClassLoader()).forEach(k -> {
            if (!names.add(name.apply(k))) {
                throw new IllegalStateException("two " + type.getSimpleName() + "s are registered as " + name.apply(k));
            }
            loaded.add(k);
        });
        return List.copyOf(loaded);
    }
}

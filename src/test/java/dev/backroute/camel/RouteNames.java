package dev.backroute.camel;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The names Camel YAML routes use to meet the Java side: exchange properties and headers (set, removed,
 * or read in a simple expression or a {@code exchangeProperty}/{@code header} expression), beans (a
 * {@code ref}, or a {@code #name} endpoint parameter) and the bean methods they call.
 */
record RouteNames(Set<String> properties, Set<String> headers, Set<String> beans, Set<BeanMethod> methods) {

    record BeanMethod(String bean, String method) {
    }

    private static final Pattern SIMPLE_PROPERTY = Pattern.compile("\\$\\{exchangePropert(?:y|ies)(?:\\.|\\[)(\\w+)");
    private static final Pattern SIMPLE_HEADER = Pattern.compile("\\$\\{(?:in\\.)?headers?(?:\\.|\\[)(\\w+)");
    private static final Pattern BEAN_PARAMETER = Pattern.compile("^#(?:bean:)?(\\w+)$");

    /** The names used in every {@code *.camel.yaml} of {@code dir}. */
    static RouteNames inFolder(Path dir) throws IOException {
        RouteNames names = empty();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".camel.yaml")).sorted().toList()) {
                names.collect(new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file)));
            }
        }
        return names;
    }

    static RouteNames in(String yaml) {
        RouteNames names = empty();
        names.collect(new Load(LoadSettings.builder().build()).loadFromString(yaml));
        return names;
    }

    private static RouteNames empty() {
        return new RouteNames(new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), new TreeSet<>(
                Comparator.comparing(BeanMethod::bean).thenComparing(BeanMethod::method)));
    }

    private void collect(Object node) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("ref") instanceof String bean) {
                beans.add(bean);
                if (map.get("method") instanceof String method) {
                    methods.add(new BeanMethod(bean, method));
                }
            }
            map.forEach((key, value) -> {
                switch (String.valueOf(key)) {
                    case "setProperty", "removeProperty" -> properties.add(name(value, "name"));
                    case "setHeader", "removeHeader" -> headers.add(name(value, "name"));
                    case "exchangeProperty" -> properties.add(name(value, "expression"));
                    case "header" -> headers.add(name(value, "expression"));
                    default -> { }
                }
                collect(value);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(this::collect);
        } else if (node instanceof String text) {
            all(SIMPLE_PROPERTY.matcher(text), properties);
            all(SIMPLE_HEADER.matcher(text), headers);
            all(BEAN_PARAMETER.matcher(text), beans);
        }
    }

    /** A name given inline ({@code header: X}) or as a key of its block ({@code setProperty: {name: X}}). */
    private static String name(Object value, String key) {
        return String.valueOf(value instanceof Map<?, ?> block ? block.get(key) : value);
    }

    private static void all(Matcher matcher, Set<String> into) {
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }
}

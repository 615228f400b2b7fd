package dev.backroute.camel;

import dev.backroute.BackrouteExchange;
import org.apache.camel.BindToRegistry;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The YAML routes and the Java side meet only through names: a misspelt one would fail only when a
 * backup runs the route. Every exchange property and header the routes name must be a constant of
 * {@link BackrouteExchange}, every bean they refer to must be bound, with the methods they call.
 */
class RouteNamesTest {
    private static final Map<String, Class<?>> BOUND = bound(BackrouteBeans.class, AlertBeans.class);

    @Test
    void everyNameTheRoutesUseIsAConstantOrABoundBean() throws Exception {
        RouteNames names = RouteNames.inFolder(Path.of("routes"));

        assertThat(names.properties()).contains(BackrouteExchange.TYPE, BackrouteExchange.ALERT_DUE);
        assertThat(unknown(names)).isEmpty();
    }

    @Test
    void everyBoundBeanIsUsedByARoute() throws Exception {
        assertThat(RouteNames.inFolder(Path.of("routes")).beans()).containsAll(BOUND.keySet());
    }

    @Test
    void misspeltNamesInARouteAreEachReported() {
        RouteNames names = RouteNames.in("""
                - route:
                    from:
                      uri: direct:x
                      steps:
                        - setProperty:
                            name: backrouteTyp
                            constant: logs
                        - filter:
                            simple: "${exchangeProperty.backrouteAlertDu} && ${header.CamelExecStderr}"
                            steps:
                              - process:
                                  ref: beginBackup
                        - bean:
                            ref: validation
                            method: lastRuns
                        - to:
                            uri: exec:pg_dump
                            parameters:
                              commandExecutor: "#pgExec"
                """);

        assertThat(unknown(names)).containsExactlyInAnyOrder(
                "exchange property backrouteAlertDu is not a constant of BackrouteExchange",
                "exchange property backrouteTyp is not a constant of BackrouteExchange",
                "header CamelExecStderr is not a constant of BackrouteExchange",
                "bean beginBackup is not bound",
                "bean pgExec is not bound",
                "bean validation (" + BOUND.get("validation").getName() + ") has no public method lastRuns");
    }

    @Test
    void everyBeanIsNamedForItsOwnClass() {
        BOUND.forEach((name, type) -> assertThat(name).as(type.getName())
                .isEqualTo(Character.toLowerCase(type.getSimpleName().charAt(0)) + type.getSimpleName().substring(1)));
        assertThat(Set.copyOf(BOUND.values())).hasSameSizeAs(BOUND.values());
    }

    /** One line per name the routes use that the Java side does not know. */
    private static List<String> unknown(RouteNames names) {
        Set<String> constants = constants();
        List<String> problems = new ArrayList<>();
        names.properties().stream().filter(p -> !constants.contains(p))
                .forEach(p -> problems.add("exchange property " + p + " is not a constant of BackrouteExchange"));
        names.headers().stream().filter(h -> !constants.contains(h))
                .forEach(h -> problems.add("header " + h + " is not a constant of BackrouteExchange"));
        names.beans().stream().filter(b -> !BOUND.containsKey(b)).forEach(b -> problems.add("bean " + b + " is not bound"));
        names.methods().stream().filter(m -> BOUND.containsKey(m.bean()))
                .filter(m -> Arrays.stream(BOUND.get(m.bean()).getMethods()).noneMatch(method -> method.getName().equals(m.method())))
                .forEach(m -> problems.add("bean " + m.bean() + " (" + BOUND.get(m.bean()).getName() + ") has no public method " + m.method()));
        return problems;
    }

    private static Set<String> constants() {
        return Arrays.stream(BackrouteExchange.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(RouteNamesTest::value).collect(Collectors.toSet());
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    /** Bean name to the class it is bound as, from the {@link BindToRegistry} methods of the configurations. */
    private static Map<String, Class<?>> bound(Class<?>... configurations) {
        Map<String, Class<?>> beans = new TreeMap<>();
        Stream.of(configurations).flatMap(c -> Arrays.stream(c.getMethods()))
                .filter(m -> m.isAnnotationPresent(BindToRegistry.class))
                .forEach((Method m) -> beans.put(m.getAnnotation(BindToRegistry.class).value(), m.getReturnType()));
        return beans;
    }
}

package dev.backroute.testsupport;

import dev.backroute.cli.BackrouteCli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the real command line in-process and captures what it prints. */
public final class Cli {

    public record Result(int exitCode, String out, String err) {
        public String all() { return out + err; }
    }

    private Cli() {}

    public static Result run(String... args) {
        return runWith(System.getenv(), args);
    }

    /** Runs {@code args} as if the process's environment were {@code env}. */
    public static Result runWith(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BackrouteCli.run(new PrintWriter(out, true), new PrintWriter(err, true), env, args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs {@code args} followed by {@code --config <config>}. */
    public static Result withConfig(Path config, String... args) {
        return withConfig(System.getenv(), config, args);
    }

    /** Runs {@code args} followed by {@code --config <config>}, as if the process's environment were {@code env}. */
    public static Result withConfig(Map<String, String> env, Path config, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        return runWith(env, all.toArray(String[]::new));
    }
}

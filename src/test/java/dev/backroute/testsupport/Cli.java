package dev.backroute.testsupport;

import dev.backroute.cli.BackrouteCli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

    /**
     * Runs {@code args} in a new JVM started as the launcher starts it, in {@code workDir}: what differs from
     * one process to the next (hash seeds, and so the order of Map.of) differs here too.
     */
    public static Result inChildJvm(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dbackroute.log.dir=" + workDir.resolve("logs"),
                "-Dbackroute.routes=" + Path.of("routes").toAbsolutePath(), BackrouteCli.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        Process p = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("backroute " + String.join(" ", args) + " did not end within 5 minutes: " + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
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

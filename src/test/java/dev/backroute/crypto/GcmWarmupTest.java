package dev.backroute.crypto;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GcmWarmupTest {

    @Test
    void theLaunchersJitHintMakesTheWarmUpNeedless() throws Exception {
        // Both launchers (the repository's and the release's) take the hint from the script they share.
        assertThat(Files.readString(Path.of("src/dist/lib/cds.bash"))).contains("-XX:CompileCommand=" + GcmWarmup.JIT_HINT);
        for (Path launcher : List.of(Path.of("backroute"), Path.of("src/dist/bin/backroute"))) {
            assertThat(Files.readString(launcher)).as(launcher.toString()).contains("lib/cds.bash").contains("exec java \"${jit[@]}\"");
        }
        assertThat(GcmWarmup.hinted(List.of("-Xmx1g", "-XX:CompileCommand=quiet", "-XX:CompileCommand=" + GcmWarmup.JIT_HINT)))
                .isTrue();
    }

    @Test
    void withoutTheHintTheWarmUpRuns() {
        assertThat(GcmWarmup.hinted(List.of("-Xmx1g", "-XX:CompileCommand=quiet"))).isFalse();
        assertThat(GcmWarmup.hinted(List.of("-XX:CompileCommand=CompileThresholdScaling,java.util.*::*,0.01"))).isFalse();
    }
}

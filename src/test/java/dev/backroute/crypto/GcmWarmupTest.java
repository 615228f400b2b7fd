package dev.backroute.crypto;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GcmWarmupTest {

    @Test
    void theLaunchersJitHintMakesTheWarmUpNeedless() throws Exception {
        String launcher = Files.readString(Path.of("backroute"));
        assertThat(launcher).contains("-XX:CompileCommand=" + GcmWarmup.JIT_HINT);
        assertThat(GcmWarmup.hinted(List.of("-Xmx1g", "-XX:CompileCommand=quiet", "-XX:CompileCommand=" + GcmWarmup.JIT_HINT)))
                .isTrue();
    }

    @Test
    void withoutTheHintTheWarmUpRuns() {
        assertThat(GcmWarmup.hinted(List.of("-Xmx1g", "-XX:CompileCommand=quiet"))).isFalse();
        assertThat(GcmWarmup.hinted(List.of("-XX:CompileCommand=CompileThresholdScaling,java.util.*::*,0.01"))).isFalse();
    }
}

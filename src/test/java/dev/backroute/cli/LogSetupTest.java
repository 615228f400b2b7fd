package dev.backroute.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The logging set up in code (no logback.xml): what goes where, at which level; a logback.configurationFile still wins. */
class LogSetupTest {
    private final Properties saved = (Properties) System.getProperties().clone();
    private final LoggerContext context = new LoggerContext();

    @TempDir
    Path dir;

    @BeforeEach
    void mdc() {
        context.setMDCAdapter(new LogbackMDCAdapter()); // as logback's own service provider does
    }

    @AfterEach
    void restore() {
        context.stop();
        System.setProperties(saved);
    }

    @Test
    void theFileKeepsInfoAndBackroutesDebugAndTheConsoleWritesToStderr() throws Exception {
        System.setProperty("backroute.log.dir", dir.toString());
        System.setProperty("backroute.console.level", "OFF");
        assertThat(configure()).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("dev.backroute").getLevel()).isEqualTo(Level.DEBUG);
        assertThat(context.getLogger("org.apache.camel").getLevel()).isEqualTo(Level.INFO);
        assertThat(root.getAppender("CONSOLE")).isInstanceOfSatisfying(ConsoleAppender.class,
                console -> assertThat(console.getTarget()).isEqualTo("System.err"));
        RollingFileAppender<?> file = (RollingFileAppender<?>) root.getAppender("FILE");
        assertThat(file.getFile()).isEqualTo(dir + "/backup_system.log");
        assertThat(file.getRollingPolicy()).isInstanceOfSatisfying(SizeAndTimeBasedRollingPolicy.class,
                rolling -> assertThat(rolling.getFileNamePattern()).isEqualTo(dir + "/backup_system.%d{yyyy-MM-dd}.%i.log.gz"));

        context.getLogger("dev.backroute.x").debug("a detail");
        context.getLogger("org.apache.camel.x").debug("camel chatter");
        context.getLogger("org.apache.camel.x").info("camel started");
        assertThat(Files.readString(dir.resolve("backup_system.log")))
                .containsPattern("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S+ DEBUG \\[main\\] dev.backroute.x - a detail\n")
                .contains("INFO  [main] org.apache.camel.x - camel started")
                .doesNotContain("camel chatter");
    }

    @Test
    void anExplicitLogbackConfigurationFileIsLeftToLogback() {
        System.setProperty("logback.configurationFile", dir.resolve("mine.xml").toString());
        assertThat(configure()).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders()).isExhausted();
    }

    private Configurator.ExecutionStatus configure() {
        LogSetup setup = new LogSetup();
        setup.setContext(context);
        return setup.configure(context);
    }
}

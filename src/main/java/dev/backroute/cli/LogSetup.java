package dev.backroute.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;

/**
 * Backroute's logging, set up in code when logback starts (found through META-INF/services): parsing a
 * logback.xml took ~0.1 s of every command's start. {@code -Dlogback.configurationFile} still wins.
 *
 * <p>The console, on stderr (stdout is kept for command output and JSON), shows what
 * {@code backroute.console.level} allows: BackrouteCli sets WARN for run, OFF for one-shot commands (their
 * result and one-line errors say what happened), DEBUG with --verbose. The file,
 * {@code backroute.log.dir}/backup_system.log, keeps INFO and up (DEBUG for dev.backroute) for every command,
 * Camel's startup summary included, rolled daily and at 20 MB, 30 days and 1 GB at most.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        String dir = System.getProperty("backroute.log.dir", "logs");

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setTarget("System.err");
        ThresholdFilter threshold = new ThresholdFilter();
        threshold.setLevel(System.getProperty("backroute.console.level", "WARN"));
        threshold.start();
        console.addFilter(threshold);
        console.setEncoder(encoder(context, "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n"));
        console.start();

        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(dir + "/backup_system.log");
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(dir + "/backup_system.%d{yyyy-MM-dd}.%i.log.gz");
        rolling.setMaxFileSize(FileSize.valueOf("20MB"));
        rolling.setMaxHistory(30);
        rolling.setTotalSizeCap(FileSize.valueOf("1GB"));
        rolling.start();
        file.setRollingPolicy(rolling);
        file.setEncoder(encoder(context, "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n"));
        file.start();

        context.getLogger("dev.backroute").setLevel(Level.DEBUG);
        context.getLogger("org.apache.camel").setLevel(Level.INFO);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        root.addAppender(file);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}

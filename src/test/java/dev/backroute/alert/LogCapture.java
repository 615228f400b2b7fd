package dev.backroute.alert;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Every log event of the test, with its throwable, as text. */
public final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root;

    public LogCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
    }

    List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    public List<String> lines(Level level) {
        return events().stream().filter(e -> e.getLevel().equals(level))
                .map(e -> e.getLoggerName() + " - " + e.getFormattedMessage()).toList();
    }

    /** Every message, argument and throwable (messages and frames) logged, as one text. */
    String everything() {
        StringBuilder b = new StringBuilder();
        for (ILoggingEvent e : events()) {
            b.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(" - ").append(e.getFormattedMessage()).append('\n');
            if (e.getArgumentArray() != null) {
                for (Object arg : e.getArgumentArray()) {
                    b.append("  arg: ").append(arg).append('\n');
                }
            }
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                b.append("  ").append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
                for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                    b.append("    ").append(frame.getSTEAsString()).append('\n');
                }
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}

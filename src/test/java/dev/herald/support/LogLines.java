package dev.herald.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Records what is logged (every logger) while open: for tests of what an operator reads in the log. */
public final class LogLines implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public LogLines() {
        appender.start();
        root.addAppender(appender);
    }

    /** The events so far, in order. */
    public List<ILoggingEvent> events() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    /** The events of loggers whose name ends with the given simple class name. */
    public List<ILoggingEvent> from(String simpleName) {
        return events().stream().filter(e -> e.getLoggerName().endsWith("." + simpleName)).toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
    }
}

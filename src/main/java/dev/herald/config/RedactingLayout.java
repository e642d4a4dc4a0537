package dev.herald.config;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * A logback pattern layout whose every line (message, arguments, stack trace) goes through
 * {@link LogRedaction#scrub}: libraries such as telegrambots put the token in request URLs that end up in exception
 * messages, and servers echo keys back in errors, so redaction has to happen where lines are written, not at each
 * call site. Used by {@code logback.xml}.
 */
public class RedactingLayout extends PatternLayout {

    @Override
    public String doLayout(ILoggingEvent event) {
        return LogRedaction.scrub(super.doLayout(event));
    }
}

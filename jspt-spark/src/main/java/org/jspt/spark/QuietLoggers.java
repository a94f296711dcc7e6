package org.jspt.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * Silences some of Spark's loggers for a while. The master probe expects that a refused connection is
 * logged by Spark's network threads with a whole stack trace, and says what it means in one line instead;
 * left on, that stack trace arrives on stderr while the line is printed, and in pieces, so the line can end up
 * spliced into the middle of it.
 */
final class QuietLoggers {
    /** The loggers that had a level of their own, and that level. */
    private final Map<String, Level> own = new LinkedHashMap<>();
    /** The loggers that followed their parent's level (their configuration is removed again on restore). */
    private final List<String> inherited = new ArrayList<>();

    private QuietLoggers(String... names) {
        Configuration config = context().getConfiguration();
        Map<String, Level> off = new LinkedHashMap<>();
        for (String name : names) {
            LoggerConfig current = config.getLoggerConfig(name); // the nearest configured ancestor's if it has none
            if (current.getName().equals(name)) own.put(name, current.getLevel());
            else inherited.add(name);
            off.put(name, Level.OFF);
        }
        Configurator.setLevel(off);
    }

    /** Turns off Spark's RPC and network-transport loggers (and every logger under them). */
    static QuietLoggers sparkNetwork() {
        return new QuietLoggers("org.apache.spark.rpc", "org.apache.spark.network");
    }

    /** Gives each logger its level of before: its own, or again its parent's (which a later change of the parent then moves). */
    void restore() {
        LoggerContext ctx = context();
        for (String name : inherited) ctx.getConfiguration().removeLogger(name);
        ctx.updateLoggers();
        if (!own.isEmpty()) Configurator.setLevel(own);
    }

    private static LoggerContext context() {
        return (LoggerContext) LogManager.getContext(false);
    }
}

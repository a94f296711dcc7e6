package org.jspt.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Silences some of Spark's loggers for a while. The master probe expects that a refused connection is
 * logged by Spark's network threads with a whole stack trace, and says what it means in one line instead;
 * left on, that stack trace arrives on stderr while the line is printed, and in pieces, so the line can end up
 * spliced into the middle of it.
 */
final class QuietLoggers {
    private final Map<String, Level> before = new LinkedHashMap<>();

    private QuietLoggers(String... names) {
        for (String name : names) before.put(name, LogManager.getLogger(name).getLevel());
        Map<String, Level> off = new LinkedHashMap<>();
        for (String name : names) off.put(name, Level.OFF);
        Configurator.setLevel(off);
    }

    /** Turns off Spark's RPC and network-transport loggers (and every logger under them). */
    static QuietLoggers sparkNetwork() {
        return new QuietLoggers("org.apache.spark.rpc", "org.apache.spark.network");
    }

    /** Gives each logger the level it had before. */
    void restore() {
        Configurator.setLevel(before);
    }
}

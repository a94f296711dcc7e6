package org.jspt.spark;

import static org.junit.jupiter.api.Assertions.*;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;

class QuietLoggersTest {
    private static Configuration config() { return ((LoggerContext) LogManager.getContext(false)).getConfiguration(); }

    @Test
    void sparksNetworkLoggersAreOffUntilRestoredAndThenFollowTheirParentAgain() {
        String child = "org.apache.spark.network.client.TransportClientFactory";
        assertNotEquals("org.apache.spark.rpc", config().getLoggerConfig("org.apache.spark.rpc").getName(), "set-up: no level of its own");
        Level before = LogManager.getLogger(child).getLevel();
        QuietLoggers quiet = QuietLoggers.sparkNetwork();
        assertEquals(Level.OFF, LogManager.getLogger(child).getLevel());
        assertEquals(Level.OFF, LogManager.getLogger("org.apache.spark.rpc.netty.NettyRpcEnv").getLevel());
        assertNotEquals(Level.OFF, LogManager.getLogger("org.apache.spark.SparkContext").getLevel(), "only the network's loggers");
        quiet.restore();
        assertEquals(before, LogManager.getLogger(child).getLevel());
        assertNotEquals("org.apache.spark.rpc", config().getLoggerConfig("org.apache.spark.rpc").getName(), "a level of its own was left behind");
    }

    @Test
    void aLoggerWithALevelOfItsOwnGetsItBack() {
        Configurator.setLevel("org.apache.spark.network", Level.ERROR);
        try {
            QuietLoggers quiet = QuietLoggers.sparkNetwork();
            assertEquals(Level.OFF, LogManager.getLogger("org.apache.spark.network").getLevel());
            quiet.restore();
            assertEquals(Level.ERROR, LogManager.getLogger("org.apache.spark.network.client.TransportClientFactory").getLevel());
        } finally {
            config().removeLogger("org.apache.spark.network");
            ((LoggerContext) LogManager.getContext(false)).updateLoggers();
        }
    }
}

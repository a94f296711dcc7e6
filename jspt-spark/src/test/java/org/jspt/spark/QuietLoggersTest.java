package org.jspt.spark;

import static org.junit.jupiter.api.Assertions.*;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;

class QuietLoggersTest {
    @Test
    void sparksNetworkLoggersAreOffUntilRestoredAndThenAsBefore() {
        String child = "org.apache.spark.network.client.TransportClientFactory";
        Level rpc = LogManager.getLogger("org.apache.spark.rpc").getLevel();
        Level before = LogManager.getLogger(child).getLevel();
        QuietLoggers quiet = QuietLoggers.sparkNetwork();
        assertEquals(Level.OFF, LogManager.getLogger(child).getLevel());
        assertEquals(Level.OFF, LogManager.getLogger("org.apache.spark.rpc.netty.NettyRpcEnv").getLevel());
        assertNotEquals(Level.OFF, LogManager.getLogger("org.apache.spark.SparkContext").getLevel(), "only the network's loggers");
        quiet.restore();
        assertEquals(before, LogManager.getLogger(child).getLevel());
        assertEquals(rpc, LogManager.getLogger("org.apache.spark.rpc").getLevel());
    }
}

package org.jspt.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.apache.spark.SecurityManager;
import org.apache.spark.SparkConf;
import org.apache.spark.rpc.RpcAddress;
import org.apache.spark.rpc.RpcEnv;
import org.jspt.JsptException;

/**
 * Asks a standalone master whether it accepts this job's connection before the SparkContext starts. Spark's
 * own registration retries a refused connection for a minute and then stops with "All masters are
 * unresponsive"; a master that requires authentication (or encryption) the job does not offer, or one that is
 * not there, is better one clear line at once. The probe connects the way the SparkContext will: same
 * settings, same secret.
 */
final class MasterProbe {
    private MasterProbe() {}

    /**
     * @param master {@code spark://HOST:PORT} (a list of standby masters is not probed)
     * @param authenticated whether the job offers a secret
     * @throws JsptException if the master cannot be reached or refuses the connection
     */
    static void check(SparkConf conf, String master, boolean authenticated) {
        if (!master.startsWith("spark://") || master.contains(",")) return;
        URI u = URI.create(master);
        if (u.getHost() == null || u.getPort() < 0) return;
        SparkConf probeConf = conf.clone().set("spark.rpc.askTimeout", conf.get("spark.jspt.probeSeconds", "20") + "s");
        SecurityManager security = new SecurityManager(probeConf, scala.Option.empty(),
                org.apache.spark.internal.config.package$.MODULE$.AUTH_SECRET_FILE_DRIVER());
        // A refusal is logged by the RPC environment's own threads, stack trace and all, and may still be printing
        // when the refusal's one line is: quiet while probing, given back unless the master refused.
        QuietLoggers quiet = QuietLoggers.sparkNetwork();
        RpcEnv env;
        try {
            env = RpcEnv.create("jsptMasterProbe", conf.get("spark.driver.host", "127.0.0.1"), 0, probeConf, security, true);
        } catch (Exception e) { // NB: Scala methods throw checked exceptions undeclared
            quiet.restore();
            throw e;
        }
        try {
            env.setupEndpointRef(new RpcAddress(u.getHost(), u.getPort()), "Master");
        } catch (Exception e) {
            env.shutdown();
            throw refused(master, u, authenticated, e);
        }
        env.shutdown();
        env.awaitTermination();
        quiet.restore();
    }

    private static JsptException refused(String master, URI u, boolean authenticated, Exception e) {
        String why = rootMessage(e);
        boolean auth = why.contains("SASL") || why.contains("Sasl") || why.contains("auth") || why.contains("Auth");
        // The master's answer does not always say authentication: a wrong secret under spark.network.crypto.enabled
        // is a dropped connection ("Message is dropped because Outbox is stopped"), no secret at a master with
        // spark.network.crypto.saslFallback=false is "Unknown challenge message". A master that accepts TCP
        // connections but drops the job's RPC connection is refusing its authentication, not unreachable.
        if (!auth && !listening(u)) return new JsptException("cannot reach the Spark master " + master + ": " + why, e);
        if (!authenticated) {
            return new JsptException(master + " refused the job: the cluster requires Spark authentication (spark.authenticate); set "
                    + SparkSecret.FILE_VARIABLE + " to a file holding the cluster's secret (or " + SparkSecret.VARIABLE + ")", e);
        }
        return new JsptException(master + " refused the job's authentication: is the secret in " + SparkSecret.FILE_VARIABLE + " (or "
                + SparkSecret.VARIABLE + ") the cluster's, and spark.authenticate and spark.network.crypto.enabled the same on both sides?", e);
    }

    /** Whether something accepts TCP connections at the master's address. */
    private static boolean listening(URI u) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(u.getHost(), u.getPort()), 5000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String rootMessage(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && b.indexOf(t.getMessage()) < 0) b.append(b.length() == 0 ? "" : "; ").append(t.getMessage());
        }
        return b.length() == 0 ? e.toString() : b.toString().lines().findFirst().orElse("");
    }
}

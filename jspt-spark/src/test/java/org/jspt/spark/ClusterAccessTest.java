package org.jspt.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standalone cluster whose master and workers require Spark's shared secret and encrypted RPC refuses a
 * jspt job that does not know the secret, knows a wrong one, or does not encrypt, each with one clear line
 * and a non-zero exit, and runs one that reads the right secret from {@code JSPT_SPARK_SECRET_FILE}; no
 * secret appears in any output. One cluster serves the four tests (the refused jobs leave it untouched).
 */
class ClusterAccessTest {
    @TempDir static Path tmp;
    static String secret;
    static TinyRun data;
    static StandaloneCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        secret = newSecret();
        Path conf = tmp.resolve("spark-defaults.conf");
        Files.writeString(conf, "spark.authenticate true\nspark.authenticate.secret " + secret
                + "\nspark.network.crypto.enabled true\nspark.network.crypto.saslFallback false\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-------"));
        data = new TinyRun(Files.createDirectories(tmp.resolve("data")));
        cluster = new StandaloneCluster(Files.createDirectories(tmp.resolve("cluster")), 1, 2, "1g", conf);
    }

    @AfterAll
    static void stop() {
        if (cluster == null) return;
        cluster.close();
        assertEquals(List.of(), cluster.alive(), "cluster processes still running");
    }

    @Test
    void aJobWithoutTheSecretIsRefusedWithOneLine() throws Exception {
        JsptChild.Result refused = JsptChild.refine(data, "nosecret", "spark:" + cluster.masterUrl(), Map.of(), 1);
        List<String> errors = refused.errorLines();
        assertNotEquals(0, refused.code(), refused.log());
        assertEquals(1, errors.size(), refused.log());
        assertNoStackTrace(refused);
        assertTrue(errors.get(0).contains("requires Spark authentication") && errors.get(0).contains(SparkSecret.FILE_VARIABLE), refused.log());
        assertFalse(refused.log().contains(secret), "the cluster's secret was printed");
        assertFalse(Files.exists(data.dir.resolve("nosecret_01").resolve("particle_parms_01.json")), "a refused job wrote results");
    }

    @Test
    void aJobWithAWrongSecretIsRefusedWithOneLineThatPrintsNoSecret() throws Exception {
        String wrong = newSecret();
        Path wrongFile = secretFile("wrong", wrong);
        JsptChild.Result refused = JsptChild.refine(data, "wrongsecret", "spark:" + cluster.masterUrl(), Map.of(SparkSecret.FILE_VARIABLE, wrongFile.toString()), 1);
        List<String> errors = refused.errorLines();
        assertNotEquals(0, refused.code(), refused.log());
        assertEquals(1, errors.size(), refused.log());
        assertNoStackTrace(refused);
        assertTrue(errors.get(0).contains("refused the job's authentication") && errors.get(0).contains(SparkSecret.FILE_VARIABLE), refused.log());
        assertFalse(refused.log().contains(secret) || refused.log().contains(wrong), "a secret was printed: " + refused.log());
        assertFalse(Files.exists(data.dir.resolve("wrongsecret_01").resolve("particle_parms_01.json")), "a refused job wrote results");
    }

    @Test
    void aJobWithTheSecretButNoEncryptionIsRefusedWithOneLine() throws Exception {
        // Without spark.network.crypto.saslFallback=false the master would accept it over SASL, unencrypted.
        Process p = JsptChild.start(data, "plain", "spark:" + cluster.masterUrl(), Map.of(SparkSecret.FILE_VARIABLE, secretFile("plain", secret).toString()), 1,
                "-Dspark.network.crypto.enabled=false");
        JsptChild.Result refused = JsptChild.finish(p, data.dir.resolve("plain.log"));
        List<String> errors = refused.errorLines();
        assertNotEquals(0, refused.code(), refused.log());
        assertEquals(1, errors.size(), refused.log());
        assertNoStackTrace(refused);
        assertTrue(errors.get(0).contains("refused the job's authentication") && errors.get(0).contains("spark.network.crypto.enabled"), refused.log());
        assertFalse(refused.log().contains(secret), "the secret was printed: " + refused.log());
    }

    @Test
    void aJobWithTheSecretFromAFileRuns() throws Exception {
        JsptChild.Result ok = JsptChild.refine(data, "ok", "spark:" + cluster.masterUrl(), Map.of(SparkSecret.FILE_VARIABLE, secretFile("right", secret).toString()), 1);
        assertEquals(0, ok.code(), ok.log() + cluster.logs());
        assertTrue(ok.log().contains("done: "), ok.log());
        assertFalse(ok.log().contains(secret), "the secret was printed");
    }

    /** Spark's network threads log a refusal with a stack trace, which the one line replaces (and could be spliced into). */
    private static void assertNoStackTrace(JsptChild.Result refused) {
        assertTrue(refused.log().lines().noneMatch(l -> l.startsWith("\tat ")), "a stack trace was printed: " + refused.log());
    }

    private static String newSecret() {
        return "s3cret-" + Long.toHexString(new SecureRandom().nextLong());
    }

    private static Path secretFile(String name, String s) throws Exception {
        Path f = tmp.resolve(name + ".secret");
        Files.writeString(f, s + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }
}

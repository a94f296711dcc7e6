package org.jspt.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standalone cluster whose master and workers require Spark's shared secret (and encrypt their RPC)
 * refuses a jspt job that does not know the secret, with one clear line and a non-zero exit, and runs one
 * that reads it from {@code JSPT_SPARK_SECRET_FILE}; the secret appears in no output.
 */
class ClusterAccessTest {
    @Test
    void anAuthenticatedClusterRefusesAJobWithoutTheSecretAndRunsOneWithIt(@TempDir Path tmp) throws Exception {
        String secret = "s3cret-" + Long.toHexString(new java.security.SecureRandom().nextLong());
        Path conf = tmp.resolve("spark-defaults.conf");
        Files.writeString(conf, "spark.authenticate true\nspark.authenticate.secret " + secret + "\nspark.network.crypto.enabled true\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-------"));
        Path secretFile = tmp.resolve("secret");
        Files.writeString(secretFile, secret + "\n");
        Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-------"));
        TinyRun data = new TinyRun(Files.createDirectories(tmp.resolve("data")));
        try (StandaloneCluster cluster = new StandaloneCluster(Files.createDirectories(tmp.resolve("cluster")), 1, 2, "1g", conf)) {
            JsptChild.Result refused = JsptChild.refine(data, "refused", "spark:" + cluster.masterUrl(), Map.of(), 1);
            List<String> errors = refused.errorLines();
            assertNotEquals(0, refused.code(), refused.log());
            assertEquals(1, errors.size(), refused.log());
            assertTrue(errors.get(0).contains("requires Spark authentication") && errors.get(0).contains(SparkSecret.FILE_VARIABLE), refused.log());

            JsptChild.Result ok = JsptChild.refine(data, "ok", "spark:" + cluster.masterUrl(), Map.of(SparkSecret.FILE_VARIABLE, secretFile.toString()), 1);
            assertEquals(0, ok.code(), ok.log() + cluster.logs());
            assertTrue(ok.log().contains("done: "), ok.log());
            assertFalse(ok.log().contains(secret) || refused.log().contains(secret), "the secret was printed");
        }
    }
}

package org.jspt.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.jspt.JsptException;

/**
 * Spark's shared-secret authentication for {@code --parallel spark:…}: the secret comes from the file named
 * by {@code JSPT_SPARK_SECRET_FILE} or from {@code JSPT_SPARK_SECRET}, never from the command line (which
 * every user of the machine can read in the process list), and is never printed. With a secret, RPC
 * encryption ({@code spark.network.crypto.enabled}, AES over the authenticated channel) is switched on
 * unless the settings say otherwise; the cluster's master and workers must use the same secret and the same
 * encryption setting (docs/user-guide.md, "Spark").
 */
final class SparkSecret {
    static final String FILE_VARIABLE = "JSPT_SPARK_SECRET_FILE", VARIABLE = "JSPT_SPARK_SECRET";

    private SparkSecret() {}

    /**
     * Sets up authentication in {@code conf} when {@code env} names a secret.
     * @return true if a secret was configured
     * @throws JsptException if the secret file cannot be read or is empty
     */
    static boolean configure(SparkConf conf, Map<String, String> env) {
        String secret = read(env);
        if (secret == null) return false;
        conf.set("spark.authenticate", "true");
        conf.set("spark.authenticate.secret", secret);
        conf.setIfMissing("spark.network.crypto.enabled", "true");
        return true;
    }

    /** The secret from the environment, or null if it names none. */
    static String read(Map<String, String> env) {
        String file = env.get(FILE_VARIABLE);
        if (file != null && !file.isEmpty()) {
            String s;
            try {
                s = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new JsptException(FILE_VARIABLE + "=" + file + ": cannot read the Spark secret (" + e.getClass().getSimpleName() + ")");
            }
            if (s.isEmpty()) throw new JsptException(FILE_VARIABLE + "=" + file + ": the file is empty");
            return s;
        }
        String s = env.get(VARIABLE);
        return s == null || s.isEmpty() ? null : s;
    }
}

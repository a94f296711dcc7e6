package org.jspt.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code jspt refinemulti} in a child JVM with the test class path, as {@code bin/jspt} runs it: its own
 * environment (for the secret variables) and a process a test can kill.
 */
final class JsptChild {
    record Result(int code, String log) {
        /** The lines jspt itself printed as errors. */
        List<String> errorLines() { return log.lines().filter(l -> l.startsWith("jspt:")).toList(); }
    }

    private JsptChild() {}

    /** Starts refinemulti of {@code data} with {@code --parallel=parallel} into {@code data.dir/name_01}. */
    static Process start(TinyRun data, String name, String parallel, Map<String, String> env, int iterations, String... jvmOptions) throws Exception {
        return start(data.dir, name + ".log", env, jvmOptions, "refinemulti", "--input=" + data.particles, "--ref", data.ref0 + "," + data.ref1,
                "--nref=2", "--iter=" + iterations, "--path=" + data.dir.resolve(name), "--parallel=" + parallel);
    }

    static Process start(Path dir, String logName, Map<String, String> env, String[] jvmOptions, String... jsptArgs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        cmd.addAll(Arrays.asList(System.getProperty("jspt.spark.moduleOptions").trim().split("\\s+")));
        cmd.addAll(List.of("-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1", "-Dspark.ui.enabled=false",
                "-Dspark.executor.memory=512m", "-Dspark.jspt.executorWaitSeconds=60"));
        cmd.addAll(Arrays.asList(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.jspt.cli.Main"));
        cmd.addAll(Arrays.asList(jsptArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve(logName).toFile());
        pb.environment().remove(SparkSecret.FILE_VARIABLE);
        pb.environment().remove(SparkSecret.VARIABLE);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Runs it to the end (at most 3 minutes). */
    static Result refine(TinyRun data, String name, String parallel, Map<String, String> env, int iterations) throws Exception {
        Process p = start(data, name, parallel, env, iterations);
        return finish(p, data.dir.resolve(name + ".log"));
    }

    static Result finish(Process p, Path log) throws Exception {
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("jspt did not finish in 180 s: " + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log));
    }
}

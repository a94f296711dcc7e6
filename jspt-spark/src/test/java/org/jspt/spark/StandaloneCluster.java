package org.jspt.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A real Spark standalone cluster on 127.0.0.1 for tests: a Master and one or more Workers as child JVMs,
 * started from the module's runtime jars ({@code target/spark-home/jars}, linked to {@code target/lib}).
 * {@link #close()} stops them and every process they started (executors); {@link #alive()} lists any left.
 */
final class StandaloneCluster implements AutoCloseable {
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final List<ProcessHandle> started = new ArrayList<>();
    final int masterPort, masterUiPort;
    final Path workDir;

    private final List<String> workerNames = new ArrayList<>();

    /**
     * Starts the master and {@code workers} workers of {@code cores} cores and {@code memory} each, all reading
     * {@code properties} (a spark-defaults.conf style file, e.g. with {@code spark.authenticate}; null: none),
     * and waits until every worker has registered.
     */
    StandaloneCluster(Path dir, int workers, int cores, String memory, Path properties) throws Exception {
        this.dir = dir;
        this.workDir = Files.createDirectories(dir.resolve("work"));
        this.masterPort = freePort();
        this.masterUiPort = freePort();
        List<String> props = properties == null ? List.of() : List.of("--properties-file", properties.toString());
        try {
            List<String> master = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "" + masterPort, "--webui-port", "" + masterUiPort));
            master.addAll(props);
            start("master", "org.apache.spark.deploy.master.Master", master.toArray(new String[0]));
            for (int w = 0; w < workers; w++) {
                List<String> worker = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "" + freePort(), "--webui-port", "" + freePort(),
                        "--cores", "" + cores, "--memory", memory, "--work-dir", workDir.resolve("w" + w).toString()));
                worker.addAll(props);
                worker.add(masterUrl());
                String name = workers == 1 ? "worker" : "worker" + w;
                workerNames.add(name);
                start(name, "org.apache.spark.deploy.worker.Worker", worker.toArray(new String[0]));
            }
            awaitWorkers(workers, Duration.ofSeconds(90));
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /**
     * Kills worker {@code w} and the executor JVMs it started with SIGKILL, as a node that disappears.
     * @return the number of processes killed
     */
    int killWorker(int w) {
        ProcessHandle worker = started.get(1 + w);
        List<ProcessHandle> victims = new ArrayList<>(worker.descendants().toList());
        victims.add(worker);
        for (ProcessHandle h : victims) h.destroyForcibly(); // SIGKILL on Linux
        for (ProcessHandle h : victims) h.onExit().join();
        return victims.size();
    }

    /** Executor JVMs now running under worker {@code w}. */
    List<ProcessHandle> executorsOf(int w) {
        return started.get(1 + w).descendants().filter(ProcessHandle::isAlive).toList();
    }

    String masterUrl() { return "spark://127.0.0.1:" + masterPort; }

    /** The last lines of every log, for failure messages. */
    String logs() {
        StringBuilder b = new StringBuilder();
        List<String> names = new ArrayList<>(List.of("master"));
        names.addAll(workerNames);
        for (String name : names) {
            try {
                List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
                b.append("--- ").append(name).append(".log (tail)\n");
                for (String l : lines.subList(Math.max(0, lines.size() - 30), lines.size())) b.append(l).append('\n');
            } catch (IOException e) {
                b.append("--- ").append(name).append(".log: ").append(e.getMessage()).append('\n');
            }
        }
        return b.toString();
    }

    private void start(String name, String mainClass, String... args) throws IOException {
        String sparkHome = System.getProperty("jspt.spark.home");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        cmd.addAll(Arrays.asList(System.getProperty("jspt.spark.moduleOptions").trim().split("\\s+")));
        cmd.addAll(List.of("-Dspark.master.rest.enabled=false", "-Dspark.worker.cleanup.enabled=false",
                "-cp", Path.of(sparkHome, "jars").toString() + "/*", mainClass));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", sparkHome);
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        processes.add(p);
        started.add(p.toHandle());
    }

    private void awaitWorkers(int n, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) throw new IllegalStateException("a cluster process exited with " + p.exitValue() + "\n" + logs());
            }
            try {
                JsonNode state = new ObjectMapper().readTree(http.send(req, HttpResponse.BodyHandlers.ofString()).body());
                if (state.path("aliveworkers").asInt(0) >= n) return;
            } catch (IOException notYet) {
                // the master's UI is not up yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("no worker registered within " + timeout.toSeconds() + " s\n" + logs());
    }

    /** Every process the cluster started that is still alive (master, worker, executors). */
    List<ProcessHandle> alive() {
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle h : started) {
            if (h.isAlive()) all.add(h);
            h.descendants().filter(ProcessHandle::isAlive).forEach(all::add);
        }
        return all;
    }

    /** Stops the worker (which stops its executors), then the master; forcibly if they linger. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>();
        for (int i = started.size() - 1; i >= 0; i--) {
            ProcessHandle h = started.get(i);
            all.addAll(h.descendants().toList());
            all.add(h);
        }
        for (ProcessHandle h : all) h.destroy();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(Math.max(1, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
        for (ProcessHandle h : all) h.onExit().join();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}

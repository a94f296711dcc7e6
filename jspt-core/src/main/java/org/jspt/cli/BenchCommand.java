package org.jspt.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspt.bench.FftBenchmark;
import org.jspt.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jspt bench ...}: end-to-end timings. Figures are printed, never asserted by tests. */
@Command(name = "bench", description = "Measure performance (prints a table; --json writes the figures).",
        subcommands = {BenchCommand.Fft.class})
public final class BenchCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    @Command(name = "fft", description = "Median r2c and c2r times for cubic boxes on 1 and all threads.")
    static final class Fft implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--boxes", split = ",", defaultValue = "32,48,64,96,128", description = "Box sizes (default: ${DEFAULT-VALUE}).")
        List<Integer> boxes;

        @Option(names = "--threads", description = "Threads for the parallel figure (default: all cores).")
        Integer threads;

        @Option(names = "--repeats", defaultValue = "9", description = "Timed batches per figure; the median is reported (default: ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
        Path json;

        @Override
        public Integer call() throws Exception {
            int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            if (n < 1) throw new IllegalArgumentException("--threads must be >= 1");
            for (int b : boxes) if (b < 2) throw new IllegalArgumentException("box sizes must be >= 2, got " + b);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("FFT (FFTW float, plans cached per thread), %d cores, median of %d batches; 'all' = wall time / transforms done by %d threads%n",
                    Runtime.getRuntime().availableProcessors(), repeats, n);
            out.printf("%6s %12s %12s %12s %12s%n", "box", "r2c 1 thr", "c2r 1 thr", "r2c all", "c2r all");
            FftBenchmark bench = new FftBenchmark(repeats);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int b : boxes) {
                FftBenchmark.Result r = bench.run(b, n);
                out.printf("%6d %12s %12s %12s %12s%n", b, ms(r.r2cSeconds1()), ms(r.c2rSeconds1()), ms(r.r2cSecondsAll()), ms(r.c2rSecondsAll()));
                out.flush();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("box", b);
                row.put("threads", n);
                row.put("r2c_seconds_1thread", r.r2cSeconds1());
                row.put("c2r_seconds_1thread", r.c2rSeconds1());
                row.put("r2c_seconds_per_transform_all_threads", r.r2cSecondsAll());
                row.put("c2r_seconds_per_transform_all_threads", r.c2rSecondsAll());
                rows.add(row);
            }
            if (json != null) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("benchmark", "fft");
                doc.put("cores", Runtime.getRuntime().availableProcessors());
                doc.put("repeats", repeats);
                doc.put("results", rows);
                String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
                AtomicFiles.writeString(json, text);
                out.println("wrote " + json);
            }
            return 0;
        }

        private static String ms(double seconds) { return String.format(java.util.Locale.ROOT, "%.3f ms", seconds * 1e3); }
    }
}

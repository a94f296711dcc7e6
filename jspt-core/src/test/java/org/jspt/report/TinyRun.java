package org.jspt.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspt.average.Averagers;
import org.jspt.exec.ThreadExecutor;
import org.jspt.geom.Symmetry;
import org.jspt.io.AtomicFiles;
import org.jspt.io.eman2.Eman2Log;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.proc.ProcessorSpec;
import org.jspt.refine.AlignmentConfig;
import org.jspt.refine.AveragingConfig;
import org.jspt.refine.OutputConfig;
import org.jspt.run.ParametersFile;
import org.jspt.refine.PreprocessChain;
import org.jspt.refine.ReferenceSource;
import org.jspt.refine.RefineConfig;
import org.jspt.refine.RefineMulti;
import org.jspt.sim.TinyDataset;

/**
 * A real refinemulti run folder for the report tests, made once per test JVM in
 * {@code target/report-test/}: 2 classes × 6 simulated particles of 32³, the true maps as references,
 * --iter 3 with --plots. It converges at iteration 02 (so it makes averages once, and records iteration 02 as the
 * converged one in iterations.json and particle_parms_02.json); charts over several iterations are tested on hand-written files. The engine writes its files (and the
 * report, as in a real run); the parameters file and the EMAN2 log line, which the command writes, are
 * added here with the same classes.
 */
final class TinyRun {
    private static Path run;
    private static RuntimeException failed;
    static String engineLog;
    /** The folder's files right after the run, before any test rewrote the report. */
    static java.util.Set<String> filesAfterRun;

    private TinyRun() {}

    /** The run folder (made on first use). */
    static synchronized Path folder() {
        if (failed != null) throw failed; // made once: a failure is not retried by every test
        if (run == null) {
            try {
                run = make(Path.of("target", "report-test").toAbsolutePath());
            } catch (IOException | RuntimeException e) {
                failed = e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
                throw failed;
            }
        }
        return run;
    }

    /** A copy of the run folder in {@code dest} (which must not exist), without the report. */
    static Path copy(Path dest) throws IOException {
        Path src = folder();
        Files.createDirectories(dest);
        try (Stream<Path> s = Files.list(src)) {
            for (Path p : s.toList()) if (Files.isRegularFile(p) && !p.getFileName().toString().equals(RunReport.INDEX)) Files.copy(p, dest.resolve(p.getFileName()));
        }
        return dest;
    }

    private static Path make(Path base) throws IOException {
        if (Files.exists(base)) {
            try (Stream<Path> s = Files.walk(base)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        Files.createDirectories(base);
        Path ptcl = TinyDataset.write(base).particles;
        Path dir = Files.createDirectory(base.resolve("tiny_01"));
        String cmd = "jspt refinemulti --input=" + ptcl + " --ref=" + base.resolve("true0.hdf") + "," + base.resolve("true1.hdf")
                + " --nref=2 --iter=3 --plots --path=" + base.resolve("tiny");
        LocalDateTime now = LocalDateTime.now();
        Eman2Log.start(base.resolve(Eman2Log.FILE_NAME), now, ProcessHandle.current().pid(), 1, "testhost", cmd);
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("input", ptcl.toString());
        opts.put("nref", 2);
        opts.put("iter", 3);
        opts.put("plots", true);
        opts.put("ref", base.resolve("true0.hdf") + "," + base.resolve("true1.hdf"));
        AtomicFiles.writeString(dir.resolve(ParametersFile.FILE_NAME), ParametersFile.text(opts, now));
        ProcessorSpec align = spec("rotate_translate_3d_tree"), cmp = spec("ccc.tomo.thresh");
        RefineConfig cfg = new RefineConfig(ptcl.toString(), 0, 0, 3, new ReferenceSource.Files(List.of(base.resolve("true0.hdf").toString(), base.resolve("true1.hdf").toString()), 2, 0), Map.of(), false,
                new AlignmentConfig(PreprocessChain.Settings.none(), null, false, List.of(align, align), cmp, null, cmp, 1, false, 1),
                new AveragingConfig(Averagers.parse("mean.tomo"), 1, false, null, null, -1, 0, false,
                        List.of(Symmetry.parse("c1"), Symmetry.parse("c1")), false, null, null, false),
                new OutputConfig(null, null, false, false, false, true));
        StringWriter log = new StringWriter();
        try (ThreadExecutor ex = new ThreadExecutor(2)) {
            new RefineMulti(cfg, ex, new PrintWriter(log), null).run(dir);
        }
        engineLog = log.toString();
        try (Stream<Path> s = Files.list(dir)) {
            filesAfterRun = s.map(x -> x.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
        return dir;
    }

    private static ProcessorSpec spec(String s) { return ProcessorSpec.parse(s).orElseThrow(); }
}

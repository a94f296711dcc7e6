package org.jspt.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.io.EmanHdf;
import org.jspt.io.ImageStack;
import org.jspt.io.ParticleParms;
import org.jspt.sim.ParticleTruth;
import org.jspt.sim.TruthFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jspt demo}: runs what exists so far on built-in data. Until {@code refinemulti} lands it simulates a
 * three-class dataset, builds the oracle run (every particle aligned with its true pose, averaged per class:
 * the best any refinement could do on these particles) and scores it with {@code evaluate}.
 */
@Command(name = "demo", description = "Simulate a small 3-class dataset and run what exists so far on it (see the printed status).")
public final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "jspt_demo", description = "Folder for the demo's files (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--per-class", paramLabel = "N", defaultValue = "20", description = "Particles per class (default: ${DEFAULT-VALUE}).")
    int perClass;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        CommandLine root = spec.root().commandLine();
        Path sim = out.resolve("simulation"), run = out.resolve("oracle_run");
        o.println("== 1. jspt simulate: 3 built-in phantoms, box 32, 4 Å/px, SNR 0.1, ±60° missing wedge");
        o.flush();
        int rc = root.execute("simulate", "--phantom", "tripod", "--phantom", "ring", "--phantom", "snowman", "--box", "32",
                "--per-class", String.valueOf(perClass), "--snr", "0.1", "--tilt", "60", "--seed", "1", "--out", sim.toString());
        if (rc != 0) return rc;
        o.println();
        o.println("== 2. jspt info");
        o.flush();
        rc = root.execute("info", sim.resolve("particles.hdf").toString(), sim.resolve("truth_maps.hdf").toString());
        if (rc != 0) return rc;
        o.println();
        o.println("== 3. oracle run: each particle aligned with its TRUE pose and averaged per class (an upper bound for refinemulti)");
        o.flush();
        writeOracleRun(sim, run);
        o.println();
        o.println("== 4. jspt evaluate of the oracle run against the truth");
        o.flush();
        rc = root.execute("evaluate", "--truth", sim.resolve("truth.json").toString(), "--run", run.toString());
        if (rc != 0) return rc;
        o.println();
        o.println("Status: simulation, evaluation, EMAN2 HDF/MRC files, FFT and geometry are in place.");
        o.println("Coming next: EMAN2 processors and symmetry, the aligners, and 'jspt refinemulti' itself;");
        o.println("the demo will then refine the same data from references built from the particles.");
        o.println("Demo files: " + out.toAbsolutePath());
        o.flush();
        return 0;
    }

    /** particle_parms_01.json with xform = pose⁻¹ and class_avgs_01.hdf with the real-space mean per true class. */
    private static void writeOracleRun(Path sim, Path run) throws Exception {
        Files.createDirectories(run);
        TruthFile truth = TruthFile.read(sim.resolve("truth.json"));
        int k = truth.labels().size();
        List<ParticleParms.Entry> entries = new ArrayList<>();
        Volume[] sums = new Volume[k];
        int[] counts = new int[k];
        try (ImageStack particles = EmanHdf.open(sim.resolve("particles.hdf"))) {
            for (ParticleTruth t : truth.particles()) {
                Volume p = particles.read(t.index());
                Volume aligned = VolumeTransforms.apply(p, t.pose().inverse());
                int c = t.classIndex();
                if (sums[c] == null) sums[c] = aligned.blankLike();
                for (int i = 0; i < aligned.data.length; i++) sums[c].data[i] += aligned.data[i];
                counts[c]++;
                entries.add(new ParticleParms.Entry("particles.hdf", t.index(), c, -1.0, t.pose().inverse()));
            }
        }
        List<Volume> avgs = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < sums[c].data.length; i++) sums[c].data[i] /= counts[c];
            sums[c].header().put("ptcl_repr", counts[c]);
            avgs.add(sums[c]);
        }
        ParticleParms.write(run.resolve("particle_parms_01.json"), entries);
        EmanHdf.write(run.resolve("class_avgs_01.hdf"), avgs);
    }
}

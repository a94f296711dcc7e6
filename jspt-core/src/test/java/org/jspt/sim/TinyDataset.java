package org.jspt.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspt.image.Volume;
import org.jspt.io.hdf.EmanHdf;

/**
 * The tiny two-class dataset the run tests share (also from jspt-spark, through the core's test-jar): the tripod
 * and lshape phantoms simulated into a folder as {@code particles.hdf}, the true maps as references
 * {@code true0.hdf} and {@code true1.hdf}, and {@code truth.json} / {@code truth_maps.hdf} for {@code jspt evaluate}.
 */
public final class TinyDataset {
    /** 32³, 5 Å, 12 Å resolution, SNR 0.5, ±60° wedge, shifts ≤ 2, seed 11, 6 particles per class. */
    public static final SimulationParams STANDARD = new SimulationParams(32, 5, 12, 0.5, 60, 2, 11, 6);

    public final Simulator sim;
    /** Absolute paths of the files written. */
    public final Path particles, ref0, ref1;

    private TinyDataset(Simulator sim, Path particles, Path ref0, Path ref1) {
        this.sim = sim;
        this.particles = particles;
        this.ref0 = ref0;
        this.ref1 = ref1;
    }

    /** {@link #STANDARD} written into {@code dir}. */
    public static TinyDataset write(Path dir) throws IOException { return write(dir, STANDARD); }

    /** The two phantoms simulated with {@code p} (box and pixel size of the phantoms from {@code p}) into {@code dir}. */
    public static TinyDataset write(Path dir, SimulationParams p) throws IOException {
        Simulator sim = new Simulator(List.of(ClassSource.phantom("tripod", p.box(), p.apix()), ClassSource.phantom("lshape", p.box(), p.apix())), p);
        List<Volume> vs = new ArrayList<>();
        for (int i = 0; i < sim.count(); i++) vs.add(sim.particle(i));
        Path particles = dir.resolve("particles.hdf").toAbsolutePath();
        EmanHdf.write(particles, vs);
        Path ref0 = dir.resolve("true0.hdf").toAbsolutePath(), ref1 = dir.resolve("true1.hdf").toAbsolutePath();
        EmanHdf.write(ref0, List.of(sim.truthMap(0)));
        EmanHdf.write(ref1, List.of(sim.truthMap(1)));
        new TruthFile(sim.params(), sim.labels(), sim.truth()).write(dir.resolve("truth.json"));
        EmanHdf.write(dir.resolve("truth_maps.hdf"), List.of(sim.truthMap(0), sim.truthMap(1)));
        return new TinyDataset(sim, particles, ref0, ref1);
    }
}

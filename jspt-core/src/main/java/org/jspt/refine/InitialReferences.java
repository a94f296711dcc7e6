package org.jspt.refine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.jspt.JsptException;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.io.ImageStack;
import org.jspt.io.ImageStacks;
import org.jspt.proc.Processors;
import org.jspt.run.Classmx;
import org.jspt.run.RunFileNames;

/**
 * Makes the K initial references of a run and writes them as {@code ref<i>.hdf} ({@code docs/reference/refinemulti.md} §5):
 * from --ref files (with per-copy random phases) or built from groups of particles with bt, hac or ssa.
 */
public final class InitialReferences {
    private InitialReferences() {}

    /** The references (raw particle box) in class order. */
    public static List<Volume> make(RefineConfig cfg, ParticleSource particles, ReferenceBuilder builder,
                                    PreprocessChain coarse, Path dir, java.io.PrintWriter log) throws IOException {
        List<Volume> refs = cfg.references() instanceof ReferenceSource.Files f ? fromFiles(f, cfg, dir, log)
                : fromData((ReferenceSource.FromData) cfg.references(), cfg, particles, builder, coarse, log);
        for (int i = 0; i < refs.size(); i++) EmanHdf.write(dir.resolve(RunFileNames.referenceStem(RunFileNames.refTag(i, refs.size()), null) + ".hdf"), List.of(refs.get(i)));
        return refs;
    }

    private static List<Volume> fromFiles(ReferenceSource.Files f, RefineConfig cfg, Path dir, java.io.PrintWriter log) throws IOException {
        List<String> files = new ArrayList<>();
        int k = f.nref() >= 2 ? f.nref() : f.files().size();
        for (int i = 0; i < k; i++) files.add(f.files().get(i % f.files().size())); // Spec §5.1: cycle or cut
        if (k < 2) throw new JsptException("--ref: at least 2 references are needed (give --nref > 1 or several files)");
        boolean identicalCopies = f.randPhase() <= 0 && files.stream().distinct().count() < files.size();
        if (identicalCopies) {
            log.println("WARNING: some references are identical copies of one file and --refrandphase is off: "
                    + "every particle will score the same against them and all go to the first (see --refrandphase)");
        }
        List<Volume> out = new ArrayList<>();
        for (int rr = 0; rr < files.size(); rr++) {
            Volume v;
            try (ImageStack s = ImageStacks.open(files.get(rr))) {
                v = s.read(0);
            }
            double max = Double.NEGATIVE_INFINITY, min = Double.POSITIVE_INFINITY;
            for (float x : v.data) { max = Math.max(max, x); min = Math.min(min, x); }
            if (max == 0 && min == 0) throw new JsptException("--ref " + files.get(rr) + ": Empty/blank reference file");
            if (cfg.apix() > 0) v.setApix(cfg.apix());
            if ((int) f.randPhase() > 0) {
                // Each copy gets its own phases: that is what makes identical copies different.
                v = Processors.parse("filter.lowpass.randomphase:cutoff_freq=" + (1.0 / f.randPhase()) + ":seed=" + (cfg.seed() * 1000 + rr))
                        .orElseThrow().apply(v);
                v.header().put("origin_x", 0).put("origin_y", 0).put("origin_z", 0);
                String base = Path.of(files.get(rr)).getFileName().toString().replace("final_avg", "ref");
                base = base.endsWith(".hdf") ? base.substring(0, base.length() - 4) : base.replaceFirst("\\.[^.]*$", "");
                EmanHdf.write(dir.resolve(base + "_randPH_" + (rr + 1) + ".hdf"), List.of(v));
            }
            if (v.apix() <= 1.0) log.println("WARNING: reference " + files.get(rr) + " has apix " + v.apix() + " Å, most likely wrong");
            out.add(v);
        }
        return out;
    }

    private static List<Volume> fromData(ReferenceSource.FromData d, RefineConfig cfg, ParticleSource particles,
                                         ReferenceBuilder builder, PreprocessChain coarse, java.io.PrintWriter log) throws IOException {
        List<List<Integer>> groups = d.classmx() != null ? Classmx.groups(d.classmx(), particles.size()) : contiguousGroups(particles.size(), d.nref());
        String method = d.method();
        List<Volume> refs = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            List<Integer> group = groups.get(g);
            if (group.isEmpty()) throw new JsptException("reference " + g + ": its group of particles is empty");
            int m = d.subsetSize(group.size());
            // bt and ssa read their particles when they need them (m can be most of the stack); hac aligns
            // all against all, so it holds its m particles (m = --hacref or 10 by default).
            IntFunction<Volume> raw = i -> initial(particles, group.get(i), cfg.inixforms());
            log.printf("reference %d: %s from %d particles (%d–%d)%n", g, method, m, group.get(0), group.get(m - 1));
            log.flush();
            Volume ref = switch (method) {
                case "bt" -> builder.binaryTree(m, raw);
                case "hac" -> builder.hierarchical(IntStream.range(0, m).mapToObj(raw).toList());
                case "ssa" -> builder.selfSymmetry(m, raw, cfg.averaging().symmetry().get(g), coarse, cfg.seed() + g);
                default -> throw new JsptException("--refgenmethod " + method + ": unknown; use bt, hac or ssa");
            };
            refs.add(ref);
        }
        return refs;
    }

    /**
     * A particle that carries a Fourier weight M, corrected on its own: the one-particle CTF-weighted average
     * (M·D / (M² + ε) for CTF weights, D / (M + ε) for premultiplied ones; docs/weights.md). bt, hac and ssa
     * align and average volumes without their weights; raw tilt-series particles each carry their own CTF
     * (sign flips at defocus-dependent frequencies), so averaging them raw cancels everything beyond the
     * first CTF zero and leaves a garbled reference (docs/tilt-series.md §7). Corrected, every particle's
     * transfer is M²/(M² + ε) ≥ 0 and they add coherently. Without a weight the particle is returned as is.
     */
    static Volume ctfCorrected(Volume v, org.jspt.ctf.FourierWeight m) {
        if (m == null) return v;
        org.jspt.average.CtfWeightedAverager a = new org.jspt.average.CtfWeightedAverager();
        a.add(v, m, 1);
        Volume c = a.finish();
        c.header().put("ptcl_repr", null);
        return c;
    }

    /** §5.2.1: K contiguous groups of n // K particles, the last running to the end. */
    static List<List<Integer>> contiguousGroups(int n, int k) {
        if (k < 2) throw new JsptException("--nref must be > 1");
        if (k > n) throw new JsptException("--nref " + k + " is more than the " + n + " particles: a group would be empty");
        int size = n / k;
        List<List<Integer>> g = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            List<Integer> l = new ArrayList<>();
            for (int p = i * size; p < (i == k - 1 ? n : (i + 1) * size); p++) l.add(p);
            g.add(l);
        }
        return g;
    }

    private static Volume initial(ParticleSource particles, int p, Map<Integer, Transform> inixforms) {
        Volume v = ctfCorrected(particles.read(p), particles.weight(p));
        Transform t = inixforms.get(p);
        return t == null ? v : VolumeTransforms.apply(v, t);
    }

}

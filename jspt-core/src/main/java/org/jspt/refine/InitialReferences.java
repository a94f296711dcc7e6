package org.jspt.refine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.jspt.JsptException;
import org.jspt.align.AlignResult;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.io.ImageStack;
import org.jspt.io.ImageStacks;
import org.jspt.proc.Processors;
import org.jspt.refine.options.ReferenceParams;
import org.jspt.run.Classmx;
import org.jspt.run.RunFileNames;

/**
 * Makes the K initial references of a run and writes them as {@code ref<i>.hdf} ({@code docs/reference/refinemulti.md} §5):
 * from --ref files (with per-copy random phases) or built from groups of particles with bt, hac or ssa.
 */
public final class InitialReferences {
    private InitialReferences() {}

    /** The passes over the whole stack that --grouping farthest and split need, done by the run's executor. */
    public interface StackWork {
        /** Every particle aligned to every reference (as in iteration 0): rows[p][r]. */
        AlignResult[][] align(List<Volume> references) throws IOException;

        /**
         * Plain averages (no --keep, symmetry or centring) of the particles with classOf[p] ≥ 0, each moved by
         * xforms[p], per class 0 … k−1; null for a class without members.
         */
        List<Volume> averages(int[] classOf, Transform[] xforms, int k) throws IOException;

        /** {@link SplitFeatures} of the given particles (rows in that order). */
        float[][] features(int[] particles, Transform[] xforms, int[] average, List<Volume> averages, int radius) throws IOException;

        /** Each particle's best alignment score (lower is better) against one reference. */
        default double[] scores(Volume reference) throws IOException {
            AlignResult[][] rows = align(List.of(reference));
            double[] s = new double[rows.length];
            for (int i = 0; i < s.length; i++) s[i] = rows[i][0].score();
            return s;
        }
    }

    /** The references (raw particle box) in class order, without {@code --grouping farthest}. */
    public static List<Volume> make(RefineConfig cfg, ParticleSource particles, ReferenceBuilder builder,
                                    PreprocessChain coarse, Path dir, java.io.PrintWriter log) throws IOException {
        return make(cfg, particles, builder, coarse, dir, log, null);
    }

    /**
     * The references (raw particle box) in class order.
     * @param work passes over the stack; used by {@code --grouping farthest} and {@code split} only (may be null otherwise)
     */
    public static List<Volume> make(RefineConfig cfg, ParticleSource particles, ReferenceBuilder builder,
                                    PreprocessChain coarse, Path dir, java.io.PrintWriter log, StackWork work) throws IOException {
        List<Volume> refs;
        if (cfg.references() instanceof ReferenceSource.Files f) {
            refs = fromFiles(f, cfg, dir, log);
        } else {
            ReferenceSource.FromData d = (ReferenceSource.FromData) cfg.references();
            if (d.grouping() != ReferenceParams.Grouping.CONTIGUOUS && work == null) {
                throw new JsptException("--grouping " + d.grouping().word() + " needs passes over the stack: none given");
            }
            refs = switch (d.grouping()) {
                case CONTIGUOUS -> fromData(d, cfg, particles, builder, coarse, log);
                case FARTHEST -> farthest(d, cfg, particles, builder, coarse, log, work);
                case SPLIT -> ClassSplitting.references(d, particles, log, work,
                        firstGroup -> build(d.method(), firstGroup, 0, cfg, particles, builder, coarse), dir);
            };
        }
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
            log.printf("reference %d: %s from %d particles (%d–%d)%n", g, method, m, group.get(0), group.get(m - 1));
            log.flush();
            refs.add(build(method, group.subList(0, m), g, cfg, particles, builder, coarse));
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

    /** One reference from the particles {@code members} (all of them) by bt, hac or ssa (§5.2.4). */
    private static Volume build(String method, List<Integer> members, int g, RefineConfig cfg, ParticleSource particles,
                                ReferenceBuilder builder, PreprocessChain coarse) {
        int m = members.size();
        // bt and ssa read their particles when they need them (m can be most of the stack); hac aligns
        // all against all, so it holds its m particles (m = --hacref or 10 by default).
        IntFunction<Volume> raw = i -> initial(particles, members.get(i), cfg.inixforms());
        return switch (method) {
            case "bt" -> builder.binaryTree(m, raw);
            case "hac" -> builder.hierarchical(IntStream.range(0, m).mapToObj(raw).toList());
            case "ssa" -> builder.selfSymmetry(m, raw, cfg.averaging().symmetry().get(g), coarse, cfg.seed() + g);
            default -> throw new JsptException("--refgenmethod " + method + ": unknown; use bt, hac or ssa");
        };
    }

    /**
     * jspt {@code --grouping farthest} (§16), a farthest-point seeding: reference 0 is built as EMAN2 builds
     * it, from the first contiguous group; then, for j = 1 … K−1, the whole stack is aligned to reference j−1
     * and reference j is built from the m particles whose best score against references 0 … j−1 is worst.
     * Equal groups give a class of 10 % of the stack about a tenth of one group's particles, so its reference
     * is mostly the big classes'; the particles that fit none of the references so far are where a rare class
     * is. m is §5.2.4's subset size for a group of n / (4K) particles (a quarter of an equal share, so the
     * group fits inside a class of 5–10 %), and the cost is K − 1 alignment passes against one reference.
     */
    static List<Volume> farthest(ReferenceSource.FromData d, RefineConfig cfg, ParticleSource particles, ReferenceBuilder builder,
                                 PreprocessChain coarse, java.io.PrintWriter log, StackWork scorer) throws IOException {
        int n = particles.size(), k = d.nref();
        List<Integer> first = contiguousGroups(n, k).get(0);
        int m0 = d.subsetSize(first.size());
        log.printf("reference 0: %s from %d particles (%d–%d)%n", d.method(), m0, first.get(0), first.get(m0 - 1));
        log.flush();
        List<Volume> refs = new ArrayList<>();
        refs.add(build(d.method(), first.subList(0, m0), 0, cfg, particles, builder, coarse));
        double[] best = new double[n];
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        int m = d.subsetSize(Math.max(1, n / (4 * k)));
        for (int j = 1; j < k; j++) {
            double[] s = scorer.scores(refs.get(j - 1));
            for (int i = 0; i < n; i++) best[i] = Math.min(best[i], s[i]);
            List<Integer> worst = worstFitting(best, m);
            log.printf("reference %d: %s from the %d particles that fit references 0–%d worst%n", j, d.method(), m, j - 1);
            log.flush();
            refs.add(build(d.method(), worst, j, cfg, particles, builder, coarse));
        }
        return refs;
    }

    /** The m particles with the highest (worst) scores, in ascending index order; ties go to the lower index. */
    static List<Integer> worstFitting(double[] best, int m) {
        Integer[] idx = new Integer[best.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (a, b) -> best[a] != best[b] ? Double.compare(best[b], best[a]) : Integer.compare(a, b));
        List<Integer> out = new ArrayList<>(List.of(idx).subList(0, Math.min(m, idx.length)));
        java.util.Collections.sort(out);
        return out;
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

package org.jspt.refine;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.nio.file.Path;
import org.jspt.io.AtomicFiles;
import org.jspt.run.RunFileNames;
import java.util.function.Function;
import org.jspt.JsptException;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.run.Assignment;

/**
 * jspt {@code --grouping split} ({@code docs/reference/refinemulti.md} §16.4): references from the data by
 * divisive splitting. Reference 0 is built as EMAN2 builds it (from the first contiguous group); then, until
 * there are K: the stack is aligned to the references and each class averaged, {@link #SETTLE_ITERATIONS}
 * times, and the class whose members' residuals split best ({@link ClassSplitter} on {@link SplitFeatures})
 * is replaced by the averages of its two halves.
 *
 * <p>Why: equal contiguous groups of a shuffled stack all average to the same mixture, and the refinement has to
 * break that symmetry from noise; references that differ by a small subunit then lose members to each other
 * until one starves. A split puts the two halves of a class on either side of the difference its members
 * actually show, and a rare state is a small side of a split, not a tenth of a group.
 */
final class ClassSplitting {
    private ClassSplitting() {}

    /** Align-and-average rounds before each split, so that the classes and their poses have settled. */
    static final int SETTLE_ITERATIONS = 2;
    /** At most this many members of a class enter a split (every ⌈m/this⌉-th): the Gram matrix is m². */
    static final int MAX_SPLIT_MEMBERS = 1500;
    /** The features' resolution limit in Å (see {@link #radius}). */
    static final double FEATURE_RESOLUTION = 20;

    /**
     * A split is supported when its {@link ClassSplitter#support} is at least this. Set from the first runs:
     * true splits 0.45–0.9, splits of a single class 0.0–0.15; on later sets of 10–16 particles per class
     * true third splits gave 0.25–0.36 and a split inside one class 0.32 (docs/heterogeneity.md).
     */
    static final double SUPPORTED_AGREEMENT = 0.3;

    /**
     * The K references, after writing {@link RunFileNames#SPLITS} into {@code dir}.
     * @param buildFirst builds reference 0 from the given particles (--refgenmethod)
     */
    static List<Volume> references(ReferenceSource.FromData d, ParticleSource particles, PrintWriter log,
                                   InitialReferences.StackWork work, Function<List<Integer>, Volume> buildFirst, Path dir) throws IOException {
        int n = particles.size(), k = d.nref();
        List<Integer> first = InitialReferences.contiguousGroups(n, k).get(0);
        int m0 = d.subsetSize(first.size());
        log.printf("reference 0: %s from %d particles (%d–%d); then the classes are split in two until there are %d (--grouping split)%n",
                d.method(), m0, first.get(0), first.get(m0 - 1), k);
        log.flush();
        List<Volume> refs = new ArrayList<>(List.of(buildFirst.apply(first.subList(0, m0))));
        int radius = radius(particles.box(), particles.apix());
        long t0 = System.nanoTime();
        List<String> lines = new ArrayList<>();
        while (refs.size() < k) {
            Assignment asg = null;
            for (int it = 0; it < SETTLE_ITERATIONS; it++) {
                boolean[] all = new boolean[refs.size()];
                Arrays.fill(all, true);
                asg = Assignment.classify(work.align(refs), all);
                List<Volume> avgs = work.averages(asg.classOf(), xforms(asg), refs.size());
                refs = keepFilled(refs, avgs, asg, log);
            }
            // keepFilled may have dropped a class; realign the classes to the kept ones before splitting
            if (asg.results()[0].length != refs.size()) continue;
            Choice best = null;
            for (int c = 0; c < refs.size(); c++) {
                Choice ch = trySplit(c, asg, refs, radius, work);
                if (ch != null && (best == null || ch.split.gain() > best.split.gain())) best = ch;
            }
            if (best == null) {
                writeSplits(dir, lines, k, log);
                throw new JsptException("--grouping split: no class can be split further at " + refs.size()
                        + " references (too few particles for --nref " + k + ")");
            }
            int c = best.c, small = best.split.count(1), big = best.split.count(0);
            double support = ClassSplitter.support(best.features);
            int[] classOf = new int[n];
            Arrays.fill(classOf, -1);
            Transform[] xf = new Transform[n];
            for (int i = 0; i < best.members.length; i++) {
                int p = best.members[i];
                classOf[p] = best.split.side()[i] == 0 ? 0 : 1;
                xf[p] = asg.results()[p][c].xform();
            }
            List<Volume> halves = work.averages(classOf, xf, 2);
            log.printf("split: class %d of %d (%d members, %d used): %d + %d, gain %.4g (%.1f %% of its variance along the split), bimodality %.2f, halves agree %.2f, %.0f s%n",
                    c, refs.size(), asg.members(c).size(), best.members.length, big, small, best.split.gain(), 100 * best.split.explained(),
                    best.split.bimodality(), support,
                    (System.nanoTime() - t0) / 1e9);
            log.flush();
            lines.add(String.format(Locale.ROOT, "%d %d %d %d %d %d %.6g %.4f %.3f %.3f %s", refs.size(), c, asg.members(c).size(),
                    best.members.length, big, small, best.split.gain(), best.split.explained(), best.split.bimodality(), support,
                    support >= SUPPORTED_AGREEMENT ? "yes" : "no"));
            refs.set(c, halves.get(0));
            refs.add(halves.get(1));
        }
        writeSplits(dir, lines, k, log);
        return refs;
    }

    private static void writeSplits(Path dir, List<String> lines, int k, PrintWriter log) throws IOException {
        String verdict = verdict(lines, k);
        log.println("split: " + verdict);
        log.flush();
        AtomicFiles.writeString(dir.resolve(RunFileNames.SPLITS), "# jspt --grouping split (refinemulti.md §16.4): one line per split, in order; before = classes before it\n"
                + "# before class members used big small gain explained bimodality agreement supported\n"
                + String.join("\n", lines) + "\n# " + verdict + "\n");
    }

    /**
     * The number of classes the splits support: 1 + the supported splits before the first unsupported one. It
     * recommends; the run keeps --nref.
     */
    static String verdict(List<String> lines, int k) {
        int supported = 0;
        while (supported < lines.size() && lines.get(supported).endsWith(" yes")) supported++;
        int rec = supported + 1;
        if (supported == lines.size() && lines.size() < k - 1) {
            return String.format(Locale.ROOT, "K diagnostic: the %d splits made are supported; no class could be split further", supported);
        }
        if (rec >= k) {
            return String.format(Locale.ROOT, "K diagnostic: all %d splits are supported (halves agree ≥ %.2f); the data may hold %d or more classes: "
                    + "try a larger --nref to see where the support ends", k - 1, SUPPORTED_AGREEMENT, k);
        }
        return String.format(Locale.ROOT, "K diagnostic: the data support K = %d (split %d is the first whose halves agree < %.2f); "
                + "--nref %d is kept", rec, supported + 1, SUPPORTED_AGREEMENT, k);
    }

    /** A candidate split of class c, with the members' features (their support is computed for the chosen split only). */
    private record Choice(int c, int[] members, float[][] features, ClassSplitter.Split split) {}

    /** The split of class c's members (every ⌈m / MAX_SPLIT_MEMBERS⌉-th), or null if it is too small. */
    private static Choice trySplit(int c, Assignment asg, List<Volume> refs, int radius, InitialReferences.StackWork work) throws IOException {
        List<Integer> all = asg.members(c);
        if (all.isEmpty()) return null;
        int stride = (all.size() + MAX_SPLIT_MEMBERS - 1) / MAX_SPLIT_MEMBERS;
        int[] members = new int[(all.size() + stride - 1) / Math.max(1, stride)];
        for (int i = 0; i < members.length; i++) members[i] = all.get(i * stride);
        int minSize = minSize(members.length);
        if (members.length < 2 * minSize) return null;
        Transform[] xf = new Transform[members.length];
        int[] which = new int[members.length];
        for (int i = 0; i < members.length; i++) {
            xf[i] = asg.results()[members[i]][c].xform();
            which[i] = c;
        }
        float[][] f = work.features(members, xf, which, refs, radius);
        ClassSplitter.Split s = ClassSplitter.split(f, minSize);
        return s == null ? null : new Choice(c, members, f, s);
    }

    /** The smallest side of a split: 3 members or 2 % of the class, so that a rare state can split off but a few outliers cannot. */
    static int minSize(int members) {
        return Math.max(3, (int) Math.ceil(0.02 * members));
    }

    /** Feature radius in Fourier pixels: FEATURE_RESOLUTION Å, at least 3 and at most a quarter of the box. */
    static int radius(int box, double apix) {
        int r = (int) Math.round(box * apix / FEATURE_RESOLUTION);
        return Math.max(3, Math.min(box / 4, r));
    }

    private static Transform[] xforms(Assignment asg) {
        Transform[] xf = new Transform[asg.particles()];
        for (int p = 0; p < xf.length; p++) xf[p] = asg.best(p).xform();
        return xf;
    }

    /** The new averages, without the classes that lost every member (said in the log). */
    private static List<Volume> keepFilled(List<Volume> refs, List<Volume> avgs, Assignment asg, PrintWriter log) {
        List<Volume> out = new ArrayList<>();
        for (int c = 0; c < avgs.size(); c++) {
            if (avgs.get(c) != null) out.add(avgs.get(c));
            else log.printf("split: class %d of %d lost all its members; it is dropped%n", c, refs.size());
        }
        return out;
    }
}

package org.jspt.refine;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.TreeSet;
import org.jspt.align.tree.Level;
import org.jspt.image.FftPlans;
import org.jspt.refine.options.PreprocessParams;
import org.jspt.run.RunCheckpoint;

/**
 * The FFT plans a refinemulti run computes with ({@code --fftplan}, docs/performance.md), chosen once when the run
 * starts and kept in its checkpoint, so that every thread, Spark executor and resume uses the same ones.
 */
final class RunFftPlans {
    private RunFftPlans() {}

    /**
     * A resumed run's own plans (estimated throughout if it kept none); else the given plans file's; else with
     * {@code measure} the measured plans for the particles' box, the alignment boxes after --shrink/--shrinkfine and the
     * tree aligner's coarse grid (its cross-correlations); else estimated plans. New plans are written to the checkpoint
     * before any of them is used.
     */
    static FftPlans.Wisdom choose(RefineConfig cfg, RunCheckpoint checkpoint, int box, boolean resume, boolean measure,
                                  FftPlans.Wisdom given, PrintWriter log) throws IOException {
        if (resume) {
            FftPlans.Wisdom kept = checkpoint.readFftPlans();
            if (kept == null) return FftPlans.Wisdom.NONE;
            log.println("FFT plans: " + kept.describe() + " (the run's own, from its checkpoint)");
            return kept;
        }
        if (given != null) {
            checkpoint.writeFftPlans(given);
            log.println("FFT plans: " + given.describe() + " (--fftplan file)");
            return given;
        }
        if (!measure) return FftPlans.Wisdom.NONE;
        TreeSet<Integer> sizes = hotSizes(cfg, box);
        long t0 = System.nanoTime();
        FftPlans.Wisdom plans = FftPlans.measure(sizes.stream().mapToInt(Integer::intValue).toArray());
        checkpoint.writeFftPlans(plans);
        log.printf("FFT plans for %s: %s (%.1f s; --fftplan, docs/performance.md)%n", sizes.stream().map(n -> n + "³").toList(),
                plans.describe(), (System.nanoTime() - t0) * 1e-9);
        return plans;
    }

    /** The sizes most of a run's transforms have: the box, the alignment boxes and the tree aligner's coarse grid. */
    private static TreeSet<Integer> hotSizes(RefineConfig cfg, int box) {
        TreeSet<Integer> sizes = new TreeSet<>();
        sizes.add(box);
        for (PreprocessChain.Settings s : new PreprocessChain.Settings[] {cfg.alignment().coarse(), cfg.alignment().fine()}) {
            if (s == null) continue;
            int aligned = PreprocessParams.shrunkBox(box, s.shrink());
            sizes.add(aligned);
            if (aligned >= 16 && aligned % 2 == 0) sizes.add(Level.schedule(aligned).get(0).ss());
        }
        return sizes;
    }
}

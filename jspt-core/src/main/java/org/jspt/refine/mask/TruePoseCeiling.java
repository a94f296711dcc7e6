package org.jspt.refine.mask;

import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;
import org.jspt.image.Volume;
import org.jspt.refine.ParticleSource;
import org.jspt.refine.options.mask.FocusMask;
import org.jspt.sim.ParticleTruth;
import org.jspt.sim.TruthFile;

/**
 * {@code jspt evaluate --ceiling}: how a simulation's particles classify with perfect references at perfect poses, the
 * yardstick for a run's accuracy. Every particle is scored against every true map at its simulated pose by the
 * whole-particle least-squares score of {@code --focusmask whole} ({@link FocusedScorer}, refinemulti.md §16.2; with
 * the particle's weight when it has one), and goes to the best. What the run loses beyond this is the poses' and the
 * references' doing; what this loses, the data do not hold at this noise (docs/heterogeneity.md, "What is left at
 * SNR 0.03").
 */
public final class TruePoseCeiling {
    /** The outcome: particles classified right, of how many, and confusion[true][assigned]. */
    public record Result(int right, int particles, int[][] confusion) {
        public double accuracy() { return particles == 0 ? 0 : (double) right / particles; }
    }

    private TruePoseCeiling() {}

    /**
     * @param particles the simulation's particles (index = the truth's particle index)
     * @param maps the true maps, index = the truth's class index
     */
    public static Result classify(TruthFile truth, ParticleSource particles, List<Volume> maps) throws IOException {
        int k = maps.size(), n = truth.particles().size();
        if (particles.size() != n) {
            throw new IllegalArgumentException("the truth has " + n + " particles, the particle file " + particles.size());
        }
        int box = maps.get(0).nx;
        if (particles.box() != box) throw new IllegalArgumentException("particles are " + particles.box() + "³, the true maps " + box + "³");
        FocusedScorer scorer = new FocusedScorer(FocusMask.whole().volume(box));
        int[] assigned = IntStream.range(0, n).parallel().map(i -> {
            ParticleTruth pt = truth.particles().get(i);
            // The simulated particle is the map moved by the pose; its xform.align3d is the inverse.
            double[] scored = scorer.scoresAt(particles.read(pt.index()), particles.weight(pt.index()), maps, pt.pose().inverse());
            int best = 0;
            for (int c = 1; c < k; c++) if (scored[c] < scored[best]) best = c;
            return best;
        }).toArray();
        int[][] confusion = new int[k][k];
        int right = 0;
        for (int i = 0; i < n; i++) {
            int c = truth.particles().get(i).classIndex();
            confusion[c][assigned[i]]++;
            if (c == assigned[i]) right++;
        }
        return new Result(right, n, confusion);
    }
}

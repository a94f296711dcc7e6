package org.jspt.refine.options;

import java.util.List;
import java.util.Optional;
import org.jspt.average.AveragerFactory;
import org.jspt.geom.Symmetry;
import org.jspt.proc.Processor;

/**
 * How each class is averaged and finished ({@code docs/reference/refinemulti.md} §7.6, §8). Immutable.
 *
 * @param keep {@code --keep}: fraction kept, or a σ multiplier with keepsig
 * @param tiltAxis {@code --weighbytiltaxis=A,B}, if given
 * @param syms the effective symmetry of each class k (§7.6.4): {@code --syms} padded with c1 or cut to K,
 *             else {@code --sym}, else c1
 * @param symNames the same as written by the user ("c1" for padding / no symmetry), for aligner strings
 * @param breaksym {@code --breaksym}: never symmetrise the averages
 * @param anneal jspt {@code --anneal}: starting temperature of annealed membership (0: hard classes)
 */
public record AverageParams(Modifier<AveragerFactory> averager, double keep, boolean keepsig, boolean weighbyscore,
                            Optional<TiltAxisWeight> tiltAxis, Optional<Modifier<Processor>> preavgproc1,
                            Optional<Modifier<Processor>> preavgproc2, List<Symmetry> syms, List<String> symNames,
                            boolean breaksym, Optional<Modifier<Processor>> autocenter,
                            Optional<Modifier<Processor>> autocentermask, boolean autocenterpreprocess,
                            Optional<Modifier<Processor>> postprocess, double anneal) {
    public AverageParams {
        syms = List.copyOf(syms);
        symNames = List.copyOf(symNames);
    }

    /**
     * {@code --weighbytiltaxis=A,B} (§7.6.3): tilt-axis x position A (px in the tomogram, > 0) and edge
     * weight B; w = B + x·(1 − B)/A after mirroring x > A to 2A − x.
     */
    public record TiltAxisWeight(int axis, double edgeWeight) {
        /** The weight of a particle at tomogram x. */
        public double weight(int x) {
            int m = x > axis ? 2 * axis - x : x;
            return edgeWeight + m * (1 - edgeWeight) / axis;
        }
    }

    /** True if class k's average is symmetrised (a non-c1 symmetry and no {@code --breaksym}). */
    public boolean symmetrise(int k) {
        Symmetry s = syms.get(k);
        return !breaksym && !(s.kind() == Symmetry.Kind.C && s.fold() == 1);
    }
}

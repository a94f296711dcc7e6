package org.jspt.refine;

import java.util.ArrayList;
import java.util.List;
import org.jspt.align.AlignResult;
import org.jspt.align.FourierComparator;
import org.jspt.geom.Transform;
import org.jspt.image.Fft;
import org.jspt.image.FourierVolume;
import org.jspt.image.Volume;

/**
 * {@code --align None} against all K references of an iteration with a Fourier comparator (§6.1): the identity,
 * scored on the untransformed pair, as {@link IdentityAligner} does, but each reference is transformed (and
 * its comparator statistic measured) once per iteration and each particle once, instead of both for every
 * particle–reference pair: 1 FFT per particle instead of 2K. The scores are those of {@link IdentityAligner}
 * bit for bit (the same transforms, {@link FourierComparator#compare(FourierComparator.Prepared,
 * FourierComparator.Prepared, double)}). Thread-safe: each thread transforms into its own buffer.
 */
final class IdentitySearch implements ReferenceAligner {
    private final FourierComparator cmp;
    private final List<FourierComparator.Prepared> refs = new ArrayList<>();
    private final ThreadLocal<FourierVolume> scratch;

    /** @param references the (preprocessed) references, all of one shape */
    IdentitySearch(List<Volume> references, FourierComparator cmp) {
        this.cmp = cmp;
        for (Volume r : references) refs.add(cmp.prepare(Fft.forward(r)));
        Volume first = references.get(0);
        this.scratch = ThreadLocal.withInitial(() -> FourierVolume.forShapeOf(first));
    }

    @Override
    public int size() { return refs.size(); }

    @Override
    public List<List<AlignResult>> align(Volume particle, int nsoln) {
        FourierVolume buf = scratch.get();
        if (!buf.matches(particle)) throw new IllegalArgumentException(cmp.name() + ": shapes differ, " + particle.shape() + " vs the references' "
                + buf.nx + "x" + buf.ny + "x" + buf.nz);
        FourierComparator.Prepared p = cmp.prepare(Fft.forward(particle, buf));
        List<List<AlignResult>> out = new ArrayList<>(refs.size());
        for (FourierComparator.Prepared r : refs) out.add(List.of(new AlignResult(Transform.identity(), cmp.compare(p, r, particle.apix()))));
        return out;
    }
}

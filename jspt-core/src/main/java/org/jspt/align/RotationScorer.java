package org.jspt.align;

import org.jspt.geom.Transform;
import org.jspt.image.Fft;
import org.jspt.image.FourierVolume;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;

/**
 * The candidate step shared by the exhaustive aligners (docs/reference/alignment.md §7.2, §7.3, §7.5): transform the
 * moving volume by T (real space, §2.6), find the translation at the CCF peak against the fixed volume, move
 * T by it, and score. The moving volume is the reference for {@code rotate_translate_3d} and the particle for
 * the grid and refine aligners; the comparator is always called as cmp(fixed, moved).
 *
 * <p>NB: only the exact comparator name {@code ccc.tomo} switches to EMAN2's internal score −(normalised
 * CCF at the peak) (§8.7); it also forces the translation search even with {@code dotrans=0}.
 *
 * <p>Immutable and thread-safe; each thread passes its own {@link Workspace}. Allocation per candidate: only
 * what {@link VolumeTransforms#apply} and the comparator's real-space form allocate.
 */
final class RotationScorer {
    /** Buffers of one thread. Not thread-safe. */
    static final class Workspace {
        final Volume moved, ccf;
        final FourierVolume fmoved, product;
        final int[] peak = new int[3];

        Workspace(int nx, int ny, int nz) {
            moved = new Volume(nx, ny, nz);
            ccf = new Volume(nx, ny, nz);
            fmoved = new FourierVolume(nx, ny, nz);
            product = new FourierVolume(nx, ny, nz);
        }
    }

    private final Volume moving, fixed;
    private final FourierVolume fixedFourier;
    private final Comparator cmp;
    private final boolean cccTomo, dotrans;
    private final SearchWindow window;

    /** Computes FFT(fixed) once. Neither volume is modified or copied: do not change them while in use. */
    RotationScorer(Volume moving, Volume fixed, Comparator cmp, boolean dotrans, SearchWindow window) {
        if (!moving.sameShape(fixed)) throw new IllegalArgumentException("particle is " + moving.shape() + ", reference " + fixed.shape());
        this.moving = moving;
        this.fixed = fixed;
        this.fixedFourier = Fft.forward(fixed);
        this.cmp = cmp;
        this.cccTomo = CccTomo.NAME.equals(cmp.name());
        this.dotrans = dotrans;
        this.window = window;
    }

    Workspace newWorkspace() { return new Workspace(fixed.nx, fixed.ny, fixed.nz); }

    /**
     * Scores T (the moving volume's transform before translation search).
     * @return the candidate with T after the translation search (not inverted)
     */
    Candidate score(int index, Transform t, Workspace w) {
        VolumeTransforms.apply(moving, t, w.moved);
        double provisional = Double.NaN;
        if (dotrans || cccTomo) {
            Fft.forward(w.moved, w.fmoved);
            Ccf.compute(w.fmoved, fixedFourier, w.product, w.ccf);
            if (cccTomo) Ccf.normalize(w.ccf);
            provisional = -Ccf.maxLocationWrap(w.ccf, window.x(), window.y(), window.z(), w.peak);
            int[] p = w.peak;
            if (p[0] != 0 || p[1] != 0 || p[2] != 0) t = Transform.translation(-p[0], -p[1], -p[2]).compose(t);
        }
        if (cccTomo) return new Candidate(index, t, provisional, Double.NaN);
        if (dotrans) VolumeTransforms.apply(moving, t, w.moved);
        if (cmp instanceof CccTomoThresh ctt) {
            Fft.forward(w.moved, w.fmoved);
            CccTomoThresh.Result r = ctt.evaluate(fixedFourier, w.fmoved);
            return new Candidate(index, t, r.score(), r.overlap());
        }
        if (cmp instanceof FourierComparator fc) {
            Fft.forward(w.moved, w.fmoved);
            return new Candidate(index, t, fc.compare(fixedFourier, w.fmoved, fixed.apix()), Double.NaN);
        }
        return new Candidate(index, t, cmp.compare(fixed, w.moved), Double.NaN);
    }
}

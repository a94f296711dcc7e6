package org.jspt.align;

import static org.junit.jupiter.api.Assertions.*;

import org.jspt.geom.Transform;
import org.jspt.image.Fft;
import org.jspt.image.FourierVolume;
import org.jspt.image.MissingWedge;
import org.jspt.image.Volume;
import org.junit.jupiter.api.Test;

/**
 * The missing wedge fools plain {@code ccc}, not the wedge-aware comparators.
 *
 * <p>The reference is a bright disc in the x-y plane (its Fourier power lies along kz, i.e. in the missing
 * wedge of a tilt series about y) plus a fainter, differently shaped square plate in the y-z plane (power along
 * kx, always measured). The particle is the reference in the true pose (identity) with a ±40° wedge: the disc
 * is almost gone. A wrong pose, 90° about y, turns the bright disc into a y-z plate that lies where the particle's
 * surviving plate is. ccc divides by the full power of the rotated reference, so it prefers the pose that puts
 * that power where the particle was measured; the wedge-aware comparators correlate only over the measured
 * coefficients and rank the true pose first.
 */
class WedgeComparatorTest {
    static final int N = 32;

    static Volume reference() {
        Volume v = Volume.cube(N);
        int c = N / 2;
        for (int z = 0; z < N; z++)
            for (int y = 0; y < N; y++)
                for (int x = 0; x < N; x++) {
                    double dx = x - c, dy = y - c, dz = z - c;
                    double disc = 3 * soft(Math.hypot(dx, dy), 8) * Math.exp(-dz * dz / 2);
                    double plate = soft(Math.abs(dy), 5) * soft(Math.abs(dz - 1), 4) * Math.exp(-dx * dx / 2);
                    v.set(x, y, z, (float) (disc + plate));
                }
        AlignTestData.addBlob(v, c + 4, c - 3, c + 2, 1.5, 1.0); // break the remaining symmetry
        return v;
    }

    /** 1 inside radius r, falling off over ~1 px. */
    static double soft(double d, double r) { return 1 / (1 + Math.exp((d - r) / 0.7)); }

    static Volume wedged(Volume v, double tilt) {
        FourierVolume f = Fft.forward(v);
        MissingWedge.apply(f, tilt);
        return Fft.inverse(f);
    }

    @Test
    void plainCccPrefersTheWrongPoseTheWedgeAwareComparatorsTheTrueOne() {
        Volume ref = reference();
        Volume particle = wedged(ref, 40);
        Transform truth = Transform.identity();
        Transform wrong = Transform.ofMatrix(0, 0, -1, 0, 0, 1, 0, 0, 1, 0, 0, 0); // 90° about y: x → z, z → −x
        Volume atTruth = AlignTestData.moved(ref, truth), atWrong = AlignTestData.moved(ref, wrong);

        // measured: ccc −0.367 (true) vs −0.558 (wrong); thresh −1.000 vs −0.678; fsc −1.000 vs −0.293
        Comparator ccc = new Ccc(null, true), thresh = new CccTomoThresh(), fsc = new FscTomoAuto();
        double cccTrue = ccc.compare(particle, atTruth), cccWrong = ccc.compare(particle, atWrong);
        double thTrue = thresh.compare(particle, atTruth), thWrong = thresh.compare(particle, atWrong);
        double fsTrue = fsc.compare(particle, atTruth), fsWrong = fsc.compare(particle, atWrong);
        String msg = String.format("ccc %.3f/%.3f thresh %.3f/%.3f fsc %.3f/%.3f (true/wrong)", cccTrue, cccWrong, thTrue, thWrong, fsTrue, fsWrong);
        assertTrue(cccWrong < cccTrue, "ccc should be fooled: " + msg);
        assertTrue(thTrue < thWrong, "ccc.tomo.thresh should rank the true pose first: " + msg);
        assertTrue(fsTrue < fsWrong, "fsc.tomo.auto should rank the true pose first: " + msg);
    }

    @Test
    void theExhaustiveAlignerFollowsItsComparator() {
        Volume ref = reference();
        Volume particle = wedged(ref, 40);
        Aligner a = AlignTestSupport.build("rotate_translate_3d:delta=30:dphi=30:search=2");
        AlignResult byCcc = a.alignBest(particle, ref, new Ccc(null, true));
        AlignResult byThresh = a.alignBest(particle, ref, new CccTomoThresh());
        assertTrue(Transform.angleBetween(byCcc.xform(), Transform.identity()) > 30, "ccc is fooled: " + byCcc);
        assertTrue(Transform.angleBetween(byThresh.xform(), Transform.identity()) < 0.01, "ccc.tomo.thresh: " + byThresh);
        assertTrue(AlignerContractTest.shiftError(byThresh.xform(), Transform.identity()) < 0.01, byThresh.toString());
    }
}

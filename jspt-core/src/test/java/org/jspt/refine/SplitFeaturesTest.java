package org.jspt.refine;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.jspt.ctf.FourierWeight;
import org.jspt.ctf.WeightConvention;
import org.jspt.image.Fft;
import org.jspt.image.FourierVolume;
import org.jspt.image.Volume;
import org.junit.jupiter.api.Test;

class SplitFeaturesTest {
    private static final int N = 16, RADIUS = 5;

    private static Volume random(long seed) {
        Random r = new Random(seed);
        float[] v = new float[N * N * N];
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
        return new Volume(N, N, N, v, null);
    }

    /** A signed, CTF-like weight: sign flips with frequency, as a particle's 3-D CTF. */
    private static FourierWeight ctfLike() {
        FourierWeight m = new FourierWeight(N, WeightConvention.CTF);
        for (int z = 0; z < N; z++)
            for (int y = 0; y < N; y++)
                for (int x = 0; x < m.nkx; x++) {
                    int ky = FourierVolume.signedIndex(y, N), kz = FourierVolume.signedIndex(z, N);
                    m.values[x + m.nkx * (y + N * z)] = (float) Math.sin(0.9 * Math.sqrt(x * x + ky * ky + kz * kz) + 0.3);
                }
        return m;
    }

    private static FourierVolume times(FourierVolume f, FourierWeight m) {
        FourierVolume g = f.copy();
        m.applyTo(g);
        return g;
    }

    @Test
    void theFeatureIsTheWeightSquaredTimesTheContentDifferenceWhateverTheCtfSign() {
        int[] idx = SplitFeatures.coefficientIndices(N, RADIUS);
        FourierVolume s = Fft.forward(random(1)), delta = Fft.forward(random(2));
        FourierWeight m = ctfLike();
        float[] avg = SplitFeatures.gather(s, idx);
        // d = M·s: nothing differs
        float[] same = SplitFeatures.residual(times(s, m), m, false, avg, idx);
        for (float x : same) assertEquals(0, x, 1e-3);
        // d = M·(s + δ): the feature is M²·δ, never −M²·δ where the CTF is negative
        FourierVolume sd = s.copy();
        for (int i = 0; i < sd.data.length; i++) sd.data[i] += delta.data[i];
        float[] f = SplitFeatures.residual(times(sd, m), m, false, avg, idx);
        float[] d = SplitFeatures.gather(delta, idx);
        for (int i = 0; i < idx.length; i++) {
            float mk = m.values[idx[i] / 2];
            assertEquals(mk * mk * d[i], f[i], 1e-3 * (1 + Math.abs(d[i])), "coefficient " + i);
        }
    }

    @Test
    void premultipliedDataCarryTheirWeightAlready() {
        int[] idx = SplitFeatures.coefficientIndices(N, RADIUS);
        FourierVolume s = Fft.forward(random(3));
        FourierWeight ctf = ctfLike(), m = new FourierWeight(N, WeightConvention.PREMULTIPLIED);
        for (int i = 0; i < m.values.length; i++) m.values[i] = ctf.values[i] * ctf.values[i];
        float[] f = SplitFeatures.residual(times(s, m), m, true, SplitFeatures.gather(s, idx), idx);
        for (float x : f) assertEquals(0, x, 1e-3);
    }

    @Test
    void halfOfTheHermitianPairsInsideTheRadius() {
        int[] idx = SplitFeatures.coefficientIndices(N, RADIUS);
        int count = 0;
        for (int x = -RADIUS; x <= RADIUS; x++)
            for (int y = -RADIUS; y <= RADIUS; y++)
                for (int z = -RADIUS; z <= RADIUS; z++) {
                    double r = Math.sqrt(x * x + y * y + z * z);
                    if (r >= 1 && r <= RADIUS) count++;
                }
        assertEquals(count, idx.length, "re and im of one of each ±k pair");
    }

    @Test
    void withoutWeightsTheMissingWedgeIsNotMeasured() {
        Volume v = random(4);
        FourierVolume f = Fft.forward(v);
        org.jspt.image.MissingWedge.apply(f, 45);
        FourierWeight m = SplitFeatures.measuredRegion(Fft.inverse(f));
        assertEquals(0, m.at(0, 0, 5), 0, "kz axis: in the wedge");
        assertEquals(1, m.at(5, 0, 0), 0, "kx axis: measured");
    }
}

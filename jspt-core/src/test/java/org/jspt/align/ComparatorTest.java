package org.jspt.align;

import org.jspt.image.RadialProfile;
import static org.junit.jupiter.api.Assertions.*;

import org.jspt.image.Volume;
import org.jspt.proc.ProcessorSpec;
import org.junit.jupiter.api.Test;

/**
 * The comparators against naive implementations of docs/reference/alignment.md §5 on tiny volumes (a direct DFT, explicit sums),
 * and their parameter validation.
 */
class ComparatorTest {
    static Comparator make(String spec) {
        return AlignRegistry.comparators().create(ProcessorSpec.parse(spec).orElseThrow(), null);
    }

    /** Naive half-complex DFT: re/im of (kx, ky, kz) at [2kx + (n+2)(y + n z)], y = ky mod n. */
    static double[] dft(Volume v) {
        int n = v.nx, row = n + 2;
        double[] f = new double[row * n * n];
        for (int z = 0; z < n; z++)
            for (int y = 0; y < n; y++)
                for (int kx = 0; kx <= n / 2; kx++) {
                    double re = 0, im = 0;
                    for (int c = 0; c < n; c++)
                        for (int b = 0; b < n; b++)
                            for (int a = 0; a < n; a++) {
                                double ph = -2 * Math.PI * ((double) kx * a + (double) y * b + (double) z * c) / n;
                                re += v.get(a, b, c) * Math.cos(ph);
                                im += v.get(a, b, c) * Math.sin(ph);
                            }
                    f[2 * kx + row * (y + n * z)] = re;
                    f[2 * kx + 1 + row * (y + n * z)] = im;
                }
        return f;
    }

    static double sampleSigma(double[] d) {
        double m = 0, q = 0;
        for (double x : d) m += x;
        m /= d.length;
        for (double x : d) q += (x - m) * (x - m);
        return Math.sqrt(q / (d.length - 1));
    }

    @Test
    void cccMatchesPearsonWithMaskSignAndConstantImage() {
        Volume a = AlignTestData.random(6, 1), b = AlignTestData.random(6, 2), mask = AlignTestData.random(6, 3);
        for (int i = 0; i < b.data.length; i++) b.data[i] = 0.7f * a.data[i] + 0.3f * b.data[i] + 2;
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        int n = 0;
        for (int i = 0; i < a.data.length; i++) {
            if (mask.data[i] <= 0.5f) continue;
            double x = a.data[i], y = b.data[i];
            sa += x; sb += y; saa += x * x; sbb += y * y; sab += x * y; n++;
        }
        double expect = (sab / n - sa / n * sb / n) / Math.sqrt((saa / n - sa * sa / n / n) * (sbb / n - sb * sb / n / n));
        assertEquals(-expect, new Ccc(mask, true).compare(a, b), 1e-9);
        assertEquals(expect, new Ccc(mask, false).compare(a, b), 1e-9);
        assertEquals(-TestCorrelation.pearson(a, b), make("ccc").compare(a, b), 1e-9);
        Volume flat = new Volume(6, 6, 6);
        flat.fill(3f);
        assertEquals(2.0, make("ccc").compare(flat, b));
        assertEquals(-2.0, make("ccc:negative=0").compare(flat, b));
    }

    @Test
    void cccTomoIsMinusTheNormalisedCcfAtZeroShift() {
        int n = 6;
        Volume a = AlignTestData.random(n, 4), b = AlignTestData.random(n, 5);
        double[] c = new double[n * n * n];
        for (int s = 0; s < c.length; s++) {
            int sx = s % n, sy = (s / n) % n, sz = s / (n * n);
            for (int z = 0; z < n; z++)
                for (int y = 0; y < n; y++)
                    for (int x = 0; x < n; x++) c[s] += a.get((x + sx) % n, (y + sy) % n, (z + sz) % n) * b.get(x, y, z);
        }
        double m = 0;
        for (double v : c) m += v;
        m /= c.length;
        double sig = sampleSigma(c);
        assertEquals(-(c[0] - m) / sig, make("ccc.tomo").compare(a, b), 1e-4);
        assertEquals(-c[0], make("ccc.tomo:norm=0").compare(a, b), 1e-3);
    }

    static double naiveThresh(Volume a, Volume b, double fi, double fw, double[] overlap) {
        double[] f1 = dft(a), f2 = dft(b);
        double t1 = Math.pow(sampleSigma(f1) * fi, 2), t2 = Math.pow(sampleSigma(f2) * fw, 2);
        double s = 0, aa = 0, bb = 0;
        int c = 0;
        for (int i = 0; i < f1.length; i += 2) {
            double p1 = f1[i] * f1[i] + f1[i + 1] * f1[i + 1], p2 = f2[i] * f2[i] + f2[i + 1] * f2[i + 1];
            if (p1 < t1 || p2 < t2) continue;
            s += f1[i] * f2[i] + f1[i + 1] * f2[i + 1];
            aa += p1;
            bb += p2;
            c++;
        }
        overlap[0] = 2.0 * c / f1.length;
        return -s / (Math.sqrt(aa) * Math.sqrt(bb));
    }

    @Test
    void cccTomoThreshMatchesTheSpecFormulaAndReportsOverlap() {
        Volume a = AlignTestData.phantom(6, 6), b = AlignTestData.random(6, 7);
        for (int i = 0; i < b.data.length; i++) b.data[i] = a.data[i] + 0.3f * b.data[i] + 0.1f;
        double[] ov = new double[1];
        double expect = naiveThresh(a, b, 0.5, 0.5, ov);
        CccTomoThresh.Result r = new CccTomoThresh().evaluate(a, b);
        assertEquals(expect, r.score(), 1e-5);
        assertEquals(ov[0], r.overlap(), 1e-12);
        assertTrue(ov[0] > 0 && ov[0] < 1, "some coefficients are thresholded away: " + ov[0]);
        assertEquals(expect, make("ccc.tomo.thresh").compare(a, b), 1e-5);
        double e2 = naiveThresh(a, b, 1.5, 0.2, ov);
        assertEquals(e2, make("ccc.tomo.thresh:sigmaimg=1.5:sigmawith=0.2").compare(a, b), 1e-5);
        assertEquals(-e2, make("ccc.tomo.thresh:sigmaimg=1.5:sigmawith=0.2:negative=0").compare(a, b), 1e-5);
    }

    /** Naive σ-profile over the DFT (docs/reference/alignment.md §5.5). */
    static double[] naiveProfile(double[] f, int n, int shells) {
        double[] s1 = new double[shells], s2 = new double[shells];
        int[] cnt = new int[shells];
        for (int z = 0; z < n; z++)
            for (int y = 0; y < n; y++)
                for (int kx = 0; kx <= n / 2; kx++) {
                    if (kx == 0 && (z > n / 2 || (z == n / 2 && y > n / 2))) continue;
                    int ay = Math.min(y, n - y), az = Math.min(z, n - z);
                    int r = (int) Math.sqrt(kx * kx + ay * ay + az * az);
                    if (r >= shells) continue;
                    int i = 2 * kx + (n + 2) * (y + n * z);
                    double amp = Math.hypot(f[i], f[i + 1]);
                    s1[r] += amp;
                    s2[r] += amp * amp;
                    cnt[r]++;
                }
        double[] p = new double[shells];
        for (int r = 0; r < shells; r++) {
            if (cnt[r] == 0) continue;
            double m = s1[r] / cnt[r], v = s2[r] / cnt[r] - m * m;
            p[r] = v > 0 ? Math.sqrt(v) : 0;
        }
        return p;
    }

    @Test
    void radialProfileMatchesNaive() {
        Volume a = AlignTestData.phantom(8, 8);
        double[] expect = naiveProfile(dft(a), 8, 5);
        double[] got = RadialProfile.amplitudeSigma(org.jspt.image.Fft.forward(a), 5);
        for (int r = 1; r < 5; r++) assertEquals(expect[r], got[r], 1e-4 * (1 + expect[r]), "shell " + r);
    }

    static double naiveFsc(Volume a, Volume b, double[] t1, double[] t2, int pmin, int pmax) {
        int n = a.nx;
        double[] f1 = dft(a), f2 = dft(b);
        if (t1 == null) { t1 = naiveProfile(f1, n, n / 2 + 1); for (int i = 0; i < t1.length; i++) t1[i] = t1[i] * t1[i] * 0.5; }
        if (t2 == null) { t2 = naiveProfile(f2, n, n / 2 + 1); for (int i = 0; i < t2.length; i++) t2[i] = t2[i] * t2[i] * 0.5; }
        double s = 0, aa = 0, bb = 0;
        for (int z = 0; z < n; z++)
            for (int y = 0; y < n; y++)
                for (int kx = 0; kx <= n / 2; kx++) {
                    int ay = Math.min(y, n - y), az = Math.min(z, n - z);
                    if (ay > pmax || az > pmax) continue;
                    int r2 = kx * kx + ay * ay + az * az;
                    int r = (int) Math.sqrt(r2);
                    if (r < pmin || r > pmax) continue;
                    int i = 2 * kx + (n + 2) * (y + n * z);
                    double p1 = f1[i] * f1[i] + f1[i + 1] * f1[i + 1], p2 = f2[i] * f2[i] + f2[i + 1] * f2[i + 1];
                    if (p1 < t1[r] || p2 < t2[r]) continue;
                    s += (f1[i] * f2[i] + f1[i + 1] * f2[i + 1]) / r2;
                    aa += p1 / r2;
                    bb += p2 / r2;
                }
        return -s / (Math.sqrt(aa) * Math.sqrt(bb));
    }

    @Test
    void fscTomoAutoMatchesTheSpecFormula() {
        Volume a = AlignTestData.phantom(8, 9), b = AlignTestData.random(8, 10);
        for (int i = 0; i < b.data.length; i++) b.data[i] = a.data[i] + 0.5f * b.data[i];
        assertEquals(naiveFsc(a, b, null, null, 3, 4), make("fsc.tomo.auto").compare(a, b), 1e-5);
        assertEquals(naiveFsc(a, b, null, null, 1, 2), make("fsc.tomo.auto:pmin=1:pmax=2").compare(a, b), 1e-5);
        double[] t = {0, 0.5, 1, 2, 4};
        assertEquals(naiveFsc(a, b, t, t, 1, 4), make("fsc.tomo.auto:pmin=1:sigmaimg=0,0.5,1,2,4:sigmawith=0,0.5,1,2,4").compare(a, b), 1e-5);
        // minres/maxres in Å with apix from image 1: pmin = floor(2·8/8) = 2, pmax = ceil(2·8/5) = 4
        a.setApix(2.0);
        assertEquals(naiveFsc(a, b, null, null, 2, 4), make("fsc.tomo.auto:minres=8:maxres=5").compare(a, b), 1e-5);
        FscTomoAuto.Result r = new FscTomoAuto(null, null, 0.5, 0.5, 0, 0, 3, 0, true)
                .evaluate(org.jspt.image.Fft.forward(a), org.jspt.image.Fft.forward(b), 2.0);
        assertEquals(5, r.curve().length);
        assertTrue(r.overlap() > 0 && r.overlap() < 1);
    }

    @Test
    void undeclaredParametersAreRejectedListingTheValidKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> make("ccc.tomo:negative=1"));
        assertTrue(e.getMessage().contains("negative") && e.getMessage().contains("norm"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> make("fsc.tomo.auto:apix=2"));
        assertTrue(e.getMessage().contains("apix") && e.getMessage().contains("pmin") && e.getMessage().contains("sigmaimg"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> make("fsc.tomo.auto:negative=0"));
        assertThrows(IllegalArgumentException.class, () -> make("ccc.tomo.thresh:sigma=1"));
        assertThrows(IllegalArgumentException.class, () -> make("nosuchcmp"));
    }

    @Test
    void helpListsComparatorsAndAligners() {
        String cmps = HelpTopics.describe("cmps", 0);
        for (String name : new String[] {"ccc", "ccc.tomo", "ccc.tomo.thresh", "fsc.tomo.auto"}) assertTrue(cmps.contains(name + "\n"), cmps);
        String al = HelpTopics.describe("aligners", 1);
        assertTrue(al.contains("rotate_translate_3d ") && al.contains("refine_3d_grid") && al.contains("symalignquat"), al);
        assertTrue(HelpTopics.describe("processors", 0).contains("xform.applysym"));
        assertThrows(IllegalArgumentException.class, () -> HelpTopics.describe("nope", 0));
    }

    /** Pearson correlation, for the default ccc. */
    static final class TestCorrelation {
        static double pearson(Volume a, Volume b) { return org.jspt.proc.TestVolumes.correlation(a.data, b.data); }
    }
}

package org.jspt.proc;

import java.util.Random;
import org.jspt.image.Volume;

/** Small seeded test volumes. */
public final class TestVolumes {
    private TestVolumes() {}

    public static Volume random(int n, long seed) {
        Random r = new Random(seed);
        Volume v = Volume.cube(n);
        for (int i = 0; i < v.data.length; i++) v.data[i] = (float) r.nextGaussian();
        return v;
    }

    /** cos(2π (kx·x + ky·y + kz·z)/n). */
    public static Volume cosine(int n, int kx, int ky, int kz) {
        Volume v = Volume.cube(n);
        for (int z = 0; z < n; z++)
            for (int y = 0; y < n; y++)
                for (int x = 0; x < n; x++) v.set(x, y, z, (float) Math.cos(2 * Math.PI * (kx * x + ky * y + kz * z) / n));
        return v;
    }

    /** A Gaussian blob of width sigma (px) centred at (cx, cy, cz). */
    public static Volume blob(int n, double cx, double cy, double cz, double sigma) {
        Volume v = Volume.cube(n);
        for (int z = 0; z < n; z++)
            for (int y = 0; y < n; y++)
                for (int x = 0; x < n; x++) {
                    double r2 = (x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz);
                    v.set(x, y, z, (float) Math.exp(-r2 / (2 * sigma * sigma)));
                }
        return v;
    }

    public static double dot(Volume a, Volume b) {
        double s = 0;
        for (int i = 0; i < a.data.length; i++) s += (double) a.data[i] * b.data[i];
        return s;
    }

    public static double correlation(float[] a, float[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}

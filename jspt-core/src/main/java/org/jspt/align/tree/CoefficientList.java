package org.jspt.align.tree;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The stored half-complex coefficients (kx ≥ 0, every ky, kz; the kx = 0 plane keeps both halves, as EMAN2's
 * Fourier comparators sum them) whose shell int(|k|) lies in [rmin, rmax], with fsc.tomo.auto's weight
 * 1/|k|². Immutable, shared and cached per (rmin, rmax): a list does not depend on the box size as long as
 * rmax &lt; N/2. k is in Fourier pixels of the N-box.
 */
public final class CoefficientList {
    private static final ConcurrentHashMap<Long, CoefficientList> CACHE = new ConcurrentHashMap<>();

    public final int rmin, rmax, size;
    /** Integer frequencies. */
    public final int[] kx, ky, kz;
    /** Shell int(sqrt(k²)). */
    public final int[] shell;
    /** Weight 1/k² (exact squared radius). */
    public final float[] weight;

    private CoefficientList(int rmin, int rmax) {
        this.rmin = rmin;
        this.rmax = rmax;
        this.size = walk(rmin, rmax, null);
        kx = new int[size];
        ky = new int[size];
        kz = new int[size];
        shell = new int[size];
        weight = new float[size];
        walk(rmin, rmax, this);
    }

    /** Counts the coefficients, filling {@code into}'s arrays if not null. */
    private static int walk(int rmin, int rmax, CoefficientList into) {
        int i = 0;
        for (int z = -rmax; z <= rmax; z++) {
            for (int y = -rmax; y <= rmax; y++) {
                for (int x = 0; x <= rmax; x++) {
                    int r2 = x * x + y * y + z * z;
                    int r = (int) Math.sqrt(r2);
                    if (r2 == 0 || r < rmin || r > rmax) continue;
                    if (into != null) {
                        into.kx[i] = x;
                        into.ky[i] = y;
                        into.kz[i] = z;
                        into.shell[i] = r;
                        into.weight[i] = (float) (1.0 / r2);
                    }
                    i++;
                }
            }
        }
        return i;
    }

    public static CoefficientList of(int rmin, int rmax) {
        return CACHE.computeIfAbsent(((long) rmin << 32) | rmax, k -> new CoefficientList(rmin, rmax));
    }
}

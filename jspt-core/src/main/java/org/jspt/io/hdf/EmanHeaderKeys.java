package org.jspt.io.hdf;

import org.jspt.image.Header;
import org.jspt.image.Volume;

/**
 * The header EMAN2 writes with every image ({@code docs/reference/formats.md} §2.4): size, statistics
 * computed at write time, type flags and default pixel size. Pure; allocates one Header.
 */
final class EmanHeaderKeys {
    private EmanHeaderKeys() {}

    /** EMAN2's type code for float data ({@code EMUtil::EM_FLOAT}); we always store float32. */
    static final int DATATYPE_FLOAT = 7;

    /**
     * Keys never written back: the endianness notes EMAN2 adds when reading (meaningless), and the
     * compressed-mode keys, which describe integer storage we do not use.
     */
    static boolean isDropped(String key) {
        return key.equals("HostEndian") || key.equals("ImageEndian")
                || key.startsWith("stored_") || key.startsWith("render_");
    }

    /**
     * A copy of {@code v}'s header, minus dropped keys, with nx/ny/nz, the statistics (float32), the type
     * flags (int32) and apix_x/y/z (1.0 if absent) set as EMAN2 writes them.
     */
    static Header forWriting(Volume v) {
        Header h = new Header();
        v.header().asMap().forEach((k, val) -> {
            if (!isDropped(k)) h.put(k, val);
        });
        h.put("nx", v.nx).put("ny", v.ny).put("nz", v.nz);
        for (String k : new String[] {"apix_x", "apix_y", "apix_z"}) if (!h.has(k)) h.put(k, 1.0f);

        float[] d = v.data;
        double sum = 0, sumSq = 0, sumNz = 0;
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        long nonzero = 0;
        boolean allInt = true;
        for (float x : d) {
            sum += x;
            sumSq += (double) x * x;
            if (x < min) min = x;
            if (x > max) max = x;
            if (x != 0) {
                nonzero++;
                sumNz += x;
            }
            if (allInt && x != Math.rint(x)) allInt = false;
        }
        int n = d.length;
        double mean = sum / n, meanNz = nonzero > 0 ? sumNz / nonzero : 0;
        // Second pass for the spreads: a one-pass formula loses digits when |mean| >> sigma.
        double ss = 0, ssNz = 0;
        for (float x : d) {
            ss += (x - mean) * (x - mean);
            if (x != 0) ssNz += (x - meanNz) * (x - meanNz);
        }
        // NB: EMAN2's sigma and sigma_nonzero divide by n − 1.
        double sigma = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        double sigmaNz = nonzero > 1 ? Math.sqrt(ssNz / (nonzero - 1)) : 0;

        h.put("minimum", min).put("maximum", max).put("mean", (float) mean).put("sigma", (float) sigma)
                .put("square_sum", (float) sumSq).put("mean_nonzero", (float) meanNz)
                .put("sigma_nonzero", (float) sigmaNz).put("all_int", allInt ? 1 : 0)
                .put("datatype", DATATYPE_FLOAT).put("is_complex", 0).put("is_complex_x", 0)
                .put("is_complex_ri", 0);
        return h;
    }
}

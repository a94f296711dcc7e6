package org.jspt.io.mrc;

import org.jspt.image.Header;

/** Maps an {@link MrcHeader} to jspt/EMAN2 header keys (docs/reference/formats.md §3.3). */
final class MrcHeaderKeys {
    private MrcHeaderKeys() {}

    /** Pixel size accepted from a file, Å/px; outside this range EMAN2 uses 1.0. */
    static final double APIX_MIN = 0.01, APIX_MAX = 1000;

    /** The keys shared by every image of the file; (vx, vy, vz) is one returned volume's shape. */
    static Header toHeader(MrcHeader h, MrcMode mode, int vx, int vy, int vz) {
        Header out = new Header();
        out.put("nx", vx).put("ny", vy).put("nz", vz);
        // NB: EMAN2 replaces xlen = 0 by 1 (so apix_x = 1/mx) but not ylen/zlen; we reproduce it.
        float xlen = h.getFloat("xlen") == 0 ? 1f : h.getFloat("xlen");
        out.put("apix_x", apix(xlen, h.getInt("mx")));
        out.put("apix_y", apix(h.getFloat("ylen"), h.getInt("my")));
        out.put("apix_z", apix(h.getFloat("zlen"), h.getInt("mz")));
        out.put("origin_x", h.getFloat("xorigin"));
        out.put("origin_y", h.getFloat("yorigin"));
        out.put("origin_z", h.getFloat("zorigin"));
        out.put("datatype", mode.emanDatatype);
        for (MrcHeader.Field f : MrcHeader.FIELDS) {
            Object v = h.get(f.name());
            out.put("MRC." + f.name(), v instanceof String s ? s.replace("\0", "") : v);
        }
        int nlabl = Math.max(0, Math.min(MrcHeader.LABELS, h.getInt("nlabl")));
        for (int i = 0; i < nlabl; i++) out.put("MRC.label" + i, h.label(i));
        return out;
    }

    /**
     * len / m in float32, as EMAN2 computes it; 1.0 when outside [0.01, 1000] Å (or m ≤ 0).
     * NB: the range test is in double, as in EMAN2: float32 0.08/8 equals 0.01f but is below 0.01.
     */
    static float apix(float len, int m) {
        float a = len / m;
        return a >= APIX_MIN && a <= APIX_MAX ? a : 1f;
    }
}

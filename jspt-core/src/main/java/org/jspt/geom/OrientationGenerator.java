package org.jspt.geom;

import java.util.ArrayList;
import java.util.List;

/**
 * EMAN2's {@code eman} orientation generator ({@code docs/reference/alignment.md} §3.2): directions (az, alt) covering a
 * symmetry's asymmetric unit with an arc step of about {@code delta} degrees. Every variable is float32 and
 * every operation is rounded to float32, which EMAN2's counts depend on (e.g. oct δ = 7.5 gives 35
 * directions, 34 in double precision). Immutable and thread-safe.
 *
 * @param delta angular step in degrees (&gt; 0)
 * @param phitoo if &gt; 0, each direction is emitted with phi = 0, p, 2p, … ≤ 360 − p; else phi = 0 only
 * @param incMirror include the mirror half of the asymmetric unit (the aligners use true; EMAN2's default false)
 */
public record OrientationGenerator(double delta, double phitoo, boolean incMirror) {
    /** A direction in degrees; for platonic groups az is before {@link Symmetry#azAlignmentOffset()}. */
    public record Direction(float az, float alt) {}

    public OrientationGenerator {
        if (!(delta > 0)) throw new IllegalArgumentException("delta must be > 0, got " + delta);
    }

    /** The directions in EMAN2's order (before the platonic az offset; no mirror copies for h). */
    public List<Direction> directions(Symmetry sym) {
        List<Direction> out = new ArrayList<>();
        generate(sym, out, null);
        return out;
    }

    /** The orientations as Transforms eman(az + offset, alt, phi), in EMAN2's order. */
    public List<Transform> orientations(Symmetry sym) {
        List<Transform> out = new ArrayList<>();
        generate(sym, null, out);
        return out;
    }

    private void emit(float az, float alt, List<Transform> ts) {
        if (ts == null) return;
        float p = (float) phitoo;
        if (p <= 0) {
            ts.add(Transform.eman(az, alt, 0));
            return;
        }
        for (float phi = 0; phi <= 360f - p; phi += p) ts.add(Transform.eman(az, alt, phi));
    }

    private void generate(Symmetry sym, List<Direction> dirs, List<Transform> ts) {
        float d = (float) delta;
        float altMax = sym.altMax(incMirror), azMax = sym.azMax(incMirror), altMin = sym.altMin();
        boolean platonic = sym.isPlatonic();
        float offset = (float) sym.azAlignmentOffset();
        for (float alt = altMin; alt <= altMax; alt += d) {
            float h = alt == 0f ? 360f : d / (float) Math.sin(Symmetry.F32.deg2rad(alt));
            if (alt > 0f && azMax / h < 2.8f) h = azMax / 2.1f;
            else if (alt == 0f) h = azMax;
            float azLim;
            boolean oddflag = false;
            Symmetry.Kind k = sym.kind();
            int n = sym.fold();
            if (k == Symmetry.Kind.D && alt == altMax && n % 2 == 1) {
                if (incMirror) {
                    azLim = azMax / 4f;
                    oddflag = true;
                } else {
                    azLim = azMax / 2f;
                }
            } else if (k == Symmetry.Kind.D && alt == altMax && incMirror) {
                azLim = azMax / 2f;
            } else if (k == Symmetry.Kind.C && !incMirror && alt == altMax && n % 2 == 1) {
                azLim = azMax / 2f;
            } else if (k == Symmetry.Kind.C || k == Symmetry.Kind.TET) {
                azLim = azMax - h / 4f;
            } else if (incMirror && (k == Symmetry.Kind.D || k == Symmetry.Kind.OCT || k == Symmetry.Kind.ICOS)) {
                azLim = azMax - h / 4f;
            } else {
                azLim = azMax;
            }
            float az = 0;
            while (az <= azLim) {
                if (alt == 0f && az > 0f) {
                    az += h;
                    continue;
                }
                if (platonic && !sym.isInAsymUnit(alt, az, incMirror)) {
                    az += h;
                    continue;
                }
                float azOut = platonic ? az + offset : az;
                if (dirs != null) dirs.add(new Direction(az, alt));
                emit(azOut, alt, ts);
                if (k == Symmetry.Kind.H && incMirror && alt != altMin) {
                    // NB: the reference's mirror copy for helical symmetry, as written (docs/reference/alignment.md §3.2); not verified.
                    emit(azOut, 2 * altMin - alt, ts);
                }
                az += h;
                if (az > azLim && oddflag) {
                    azLim = azMax;
                    az += azMax / 2f;
                }
            }
        }
    }
}

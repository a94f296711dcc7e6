package org.jspt.align.tree;

/**
 * The wedge-aware Fourier score of a rotated, shifted reference against a particle over one {@link Band},
 * with fsc.tomo.auto's weights and thresholds ({@code docs/reference/alignment.md} §5.4): over the particle's measured
 * coefficients k whose rotated-reference power reaches the reference threshold,
 * S(t) = Σ w·Re(F_p(k)·conj(F_r(Rᵀk)·e^{−2πi k·t/N})), score = −S/sqrt(Σ w|F_r|²·Σ w|F_p|²) ∈ [−1, 1].
 * With the particle's weight M (a {@link Band#m}), F_r(Rᵀk) is replaced by M(k)·F_r(Rᵀk) throughout.
 *
 * <p>Usage: {@link #correlate} once per rotation (the expensive trilinear sampling), then any number of
 * cheap {@link #shift}/{@link #refineShift} calls for translations. The translation optimum is found
 * by Newton steps on S(t) with analytic gradient and Hessian, which gives sub-voxel shifts without an
 * inverse FFT. One instance per thread: it is the workspace, and allocates nothing after construction.
 */
final class Scorer {
    private float[] cr = new float[0], ci = new float[0];
    private Band band;
    private int n;
    private double refPower, partPower;
    /** Separable phase tables e^{2πi k·t_a/N} for k ∈ [−h, h], per axis. */
    private double[] ex = new double[0], ey = new double[0], ez = new double[0];
    private int h;
    /** The gradient and Hessian (xx, xy, xz, yy, yz, zz) of S in t from the last {@link #derivatives}. */
    final double[] grad = new double[3], hess = new double[6];
    /** The y–z part of the phase factor per (ky, kz) column of a band ({@link Band#columnStart}), from {@link #tables(Band, double[])}. */
    private double[] yzr = new double[0], yzi = new double[0];
    /** e^{−2πi k·t/N} (re, im) per coefficient of {@link #phaseBand}, from {@link #phasesAt}. */
    private double[] pe = new double[0];
    private Band phaseBand;

    /** Products for rotation {@code rot} (row-major 3×3; the reference is rotated by it). */
    void correlate(PreparedReference ref, Band b, double[] rot, int ro) { correlate(ref, b, rot, ro, false); }

    /**
     * Score −S(t)/norm of rotation {@code rot} at the shift of the last {@link #phasesAt} on band {@code b}, in
     * one pass over the coefficients (the products are kept, so {@link #refineShift} may follow). The value
     * equals {@code correlate} then {@code refineShift(t, …, 0)} to rounding (the same products and phases; {@link #shift}
     * sums them column by column).
     */
    double scoreAt(PreparedReference ref, Band b, double[] rot, int ro) {
        if (phaseBand != b) throw new IllegalStateException("phasesAt was not called for this band");
        double s = correlate(ref, b, rot, ro, true);
        double nrm = norm();
        return nrm > 0 ? -s / nrm : 0;
    }

    /** Precomputes e^{−2πi k·t/N} at every coefficient of {@code b} for {@link #scoreAt}. */
    void phasesAt(Band b, int n, double[] t) {
        if (pe.length < 2 * b.n) pe = new double[2 * b.n];
        this.n = n;
        ensureTables(b);
        tables(b, t);
        float[] kx = b.kx;
        int[] start = b.columnStart;
        for (int c = 0; c < start.length - 1; c++) {
            double yr = yzr[c], yi = yzi[c];
            for (int j = start[c]; j < start[c + 1]; j++) {
                int ix = 2 * ((int) kx[j] + h);
                pe[2 * j] = ex[ix] * yr - ex[ix + 1] * yi;
                pe[2 * j + 1] = ex[ix] * yi + ex[ix + 1] * yr;
            }
        }
        phaseBand = b;
    }

    private void ensureTables(Band b) {
        if (b.list.rmax + 1 > h || ex.length == 0) {
            h = b.list.rmax + 1;
            ex = new double[2 * (2 * h + 1)];
            ey = new double[2 * (2 * h + 1)];
            ez = new double[2 * (2 * h + 1)];
        }
    }

    /** The products of {@code rot}; with {@code shifted}, also S at the phases of {@link #phasesAt}. */
    private double correlate(PreparedReference ref, Band b, double[] rot, int ro, boolean shifted) {
        if (cr.length < b.n) {
            cr = new float[b.n];
            ci = new float[b.n];
        }
        band = b;
        n = ref.spec.n;
        ensureTables(b);
        double[] ph = pe;
        double st = 0;
        CentredSpectrum s = ref.spectrum;
        float[] d = s.c, thr = ref.threshold;
        int sy = 2 * s.side, sz = 2 * s.side * s.side;
        // Single precision for the sampling (the spectrum is float): about 30 % faster than double here, and
        // the sums below stay double (docs/performance.md, "Single-precision sampling").
        float off = (float) s.offset;
        float r00 = (float) rot[ro], r01 = (float) rot[ro + 1], r02 = (float) rot[ro + 2];
        float r10 = (float) rot[ro + 3], r11 = (float) rot[ro + 4], r12 = (float) rot[ro + 5];
        float r20 = (float) rot[ro + 6], r21 = (float) rot[ro + 7], r22 = (float) rot[ro + 8];
        float[] kx = b.kx, ky = b.ky, kz = b.kz, w = b.w, pr = b.re, pi = b.im, mw = b.m;
        int[] shell = b.shell;
        double a = 0, p = 0;
        int side = s.side;
        for (int j = 0; j < b.n; j++) {
            float x = kx[j], y = ky[j], z = kz[j];
            // Source point Rᵀ·k (F_rot(k) = F(R⁻¹k)), trilinear over the 8 neighbours (§2.7).
            float fx = r00 * x + r10 * y + r20 * z + off;
            float fy = r01 * x + r11 * y + r21 * z + off;
            float fz = r02 * x + r12 * y + r22 * z + off;
            int ix = (int) fx, iy = (int) fy, iz = (int) fz;
            float ax = fx - ix, ay = fy - iy, az = fz - iz;
            int q = 2 * (ix + side * (iy + side * iz));
            float u00 = d[q] + ax * (d[q + 2] - d[q]);
            float u10 = d[q + sy] + ax * (d[q + sy + 2] - d[q + sy]);
            float u01 = d[q + sz] + ax * (d[q + sz + 2] - d[q + sz]);
            float u11 = d[q + sy + sz] + ax * (d[q + sy + sz + 2] - d[q + sy + sz]);
            float v00 = d[q + 1] + ax * (d[q + 3] - d[q + 1]);
            float v10 = d[q + sy + 1] + ax * (d[q + sy + 3] - d[q + sy + 1]);
            float v01 = d[q + sz + 1] + ax * (d[q + sz + 3] - d[q + sz + 1]);
            float v11 = d[q + sy + sz + 1] + ax * (d[q + sy + sz + 3] - d[q + sy + sz + 1]);
            float u0 = u00 + ay * (u10 - u00), u1 = u01 + ay * (u11 - u01);
            float v0 = v00 + ay * (v10 - v00), v1 = v01 + ay * (v11 - v01);
            double fr = u0 + az * (u1 - u0), fi = v0 + az * (v1 - v0);
            double pow = fr * fr + fi * fi;
            if (pow < thr[shell[j]]) {
                cr[j] = 0;
                ci[j] = 0;
                continue;
            }
            if (mw != null) {
                // The particle measured M·reference (docs/weights.md); the threshold above is the reference's own.
                double mj = mw[j];
                fr *= mj;
                fi *= mj;
                pow = fr * fr + fi * fi;
            }
            double wj = w[j], er = pr[j], ei = pi[j];
            a += wj * pow;
            p += wj * (er * er + ei * ei);
            // F_p·conj(F_r)
            float xr = (float) (wj * (er * fr + ei * fi)), xi = (float) (wj * (ei * fr - er * fi));
            cr[j] = xr;
            ci[j] = xi;
            if (shifted) st += xr * ph[2 * j] - xi * ph[2 * j + 1];
        }
        refPower = a;
        partPower = p;
        return st;
    }

    /**
     * Gauss–Newton proposal for moving the pose (rotation {@code rot}, shift of the last {@link #phasesAt} on band
     * {@code b}) towards the maximum of the normalised correlation C = S/sqrt(A·P), from one pass over the
     * coefficients.
     *
     * <p>The reference rotated by small(ω)·R samples F at Rᵀ(k − ω×k), so with g = R·∇F (the gradient of the trilinear
     * interpolant, turned back to the particle's frame) J = dF/dω = −k × g per coefficient. With the weighted inner
     * product ⟨a, b⟩ = Σ w·Re(a·conj b), Q the particle's phased coefficients and α = S/A:
     * <ul>
     *   <li>rotation: ∂C ∝ ⟨Q, J⟩ − α⟨F, J⟩, and near a maximum −∂²C ∝ α·(⟨J, Jᵀ⟩ − ⟨F, J⟩⟨F, J⟩ᵀ/A) (Gauss–Newton:
     *       the particle ≈ α·F);</li>
     *   <li>shift: the phase's derivative is i·(2π/N)·k·Q, so ∂C and ∂²C in t and the cross terms ∂²C/∂ω∂t are exact
     *       sums over the same coefficients.</li>
     * </ul>
     * The step solves the 6×6 system in (ω, t) together: a rotation turns the density about the box centre, and the
     * shift that follows it has to move in the same step, or a rotation-only proposal crawls along the coupled valley
     * (measured: up to fifteen 1° steps per candidate where the joint step takes one to four). If the 6×6 curvature
     * is not that of a maximum, the rotation alone (3×3) is proposed.
     *
     * <p>One pass costs about one {@link #scoreAt} (the gradient comes from the same eight corners) and replaces the
     * six to ten axis trials a coordinate round needs; the caller still scores the proposal before accepting it.
     * Coefficients below the reference threshold at {@code rot} are left out, as in the score.
     * @param out [0..3): the proposed rotation vector in degrees (axis·angle, applied on the left of rot);
     *            [3..6): the proposed change of shift in N-box voxels
     * @return the rotation's length in degrees, or 0 if the correlation is not positive or the curvature is not
     *         that of a maximum
     */
    double poseStep(PreparedReference ref, Band b, double[] rot, int ro, double[] out) {
        if (phaseBand != b) throw new IllegalStateException("phasesAt was not called for this band");
        double[] ph = pe;
        CentredSpectrum s = ref.spectrum;
        float[] d = s.c, thr = ref.threshold;
        int sy = 2 * s.side, sz = 2 * s.side * s.side;
        double off = s.offset;
        double r00 = rot[ro], r01 = rot[ro + 1], r02 = rot[ro + 2];
        double r10 = rot[ro + 3], r11 = rot[ro + 4], r12 = rot[ro + 5];
        double r20 = rot[ro + 6], r21 = rot[ro + 7], r22 = rot[ro + 8];
        float[] kx = b.kx, ky = b.ky, kz = b.kz, w = b.w, pr = b.re, pi = b.im, mw = b.m;
        int[] shell = b.shell;
        int side = s.side;
        double sS = 0, sA = 0, gs0 = 0, gs1 = 0, gs2 = 0, ga0 = 0, ga1 = 0, ga2 = 0;
        double j00 = 0, j01 = 0, j02 = 0, j11 = 0, j12 = 0, j22 = 0;
        double t0 = 0, t1 = 0, t2 = 0, t00 = 0, t01 = 0, t02 = 0, t11 = 0, t12 = 0, t22 = 0;
        double m00 = 0, m01 = 0, m02 = 0, m10 = 0, m11 = 0, m12 = 0, m20 = 0, m21 = 0, m22 = 0;
        for (int j = 0; j < b.n; j++) {
            double x = kx[j], y = ky[j], z = kz[j];
            double fx = r00 * x + r10 * y + r20 * z + off;
            double fy = r01 * x + r11 * y + r21 * z + off;
            double fz = r02 * x + r12 * y + r22 * z + off;
            int ix = (int) fx, iy = (int) fy, iz = (int) fz;
            double ax = fx - ix, ay = fy - iy, az = fz - iz;
            int q = 2 * (ix + side * (iy + side * iz));
            // Differences along x at the four (y, z) corners, then the same bilinear blend as the value's.
            double dr00 = d[q + 2] - d[q], dr10 = d[q + sy + 2] - d[q + sy], dr01 = d[q + sz + 2] - d[q + sz], dr11 = d[q + sy + sz + 2] - d[q + sy + sz];
            double di00 = d[q + 3] - d[q + 1], di10 = d[q + sy + 3] - d[q + sy + 1], di01 = d[q + sz + 3] - d[q + sz + 1], di11 = d[q + sy + sz + 3] - d[q + sy + sz + 1];
            double u00 = d[q] + ax * dr00, u10 = d[q + sy] + ax * dr10, u01 = d[q + sz] + ax * dr01, u11 = d[q + sy + sz] + ax * dr11;
            double v00 = d[q + 1] + ax * di00, v10 = d[q + sy + 1] + ax * di10, v01 = d[q + sz + 1] + ax * di01, v11 = d[q + sy + sz + 1] + ax * di11;
            double u0 = u00 + ay * (u10 - u00), u1 = u01 + ay * (u11 - u01);
            double v0 = v00 + ay * (v10 - v00), v1 = v01 + ay * (v11 - v01);
            double fr = u0 + az * (u1 - u0), fi = v0 + az * (v1 - v0);
            if (fr * fr + fi * fi < thr[shell[j]]) continue;
            double xr0 = dr00 + ay * (dr10 - dr00), xr1 = dr01 + ay * (dr11 - dr01);
            double xi0 = di00 + ay * (di10 - di00), xi1 = di01 + ay * (di11 - di01);
            double dxr = xr0 + az * (xr1 - xr0), dxi = xi0 + az * (xi1 - xi0);
            double dyr = (u10 - u00) + az * ((u11 - u01) - (u10 - u00)), dyi = (v10 - v00) + az * ((v11 - v01) - (v10 - v00));
            double dzr = u1 - u0, dzi = v1 - v0;
            double m = mw != null ? mw[j] : 1;
            // g = R·∇F, then J = −k × g (real and imaginary parts), times the particle's weight.
            double gxr = r00 * dxr + r01 * dyr + r02 * dzr, gyr = r10 * dxr + r11 * dyr + r12 * dzr, gzr = r20 * dxr + r21 * dyr + r22 * dzr;
            double gxi = r00 * dxi + r01 * dyi + r02 * dzi, gyi = r10 * dxi + r11 * dyi + r12 * dzi, gzi = r20 * dxi + r21 * dyi + r22 * dzi;
            double jr0 = m * (z * gyr - y * gzr), jr1 = m * (x * gzr - z * gxr), jr2 = m * (y * gxr - x * gyr);
            double ji0 = m * (z * gyi - y * gzi), ji1 = m * (x * gzi - z * gxi), ji2 = m * (y * gxi - x * gyi);
            fr *= m;
            fi *= m;
            double wj = w[j], er = pr[j], ei = pi[j];
            double qr = er * ph[2 * j] - ei * ph[2 * j + 1], qi = er * ph[2 * j + 1] + ei * ph[2 * j];
            sS += wj * (fr * qr + fi * qi);
            sA += wj * (fr * fr + fi * fi);
            gs0 += wj * (jr0 * qr + ji0 * qi);
            gs1 += wj * (jr1 * qr + ji1 * qi);
            gs2 += wj * (jr2 * qr + ji2 * qi);
            ga0 += wj * (jr0 * fr + ji0 * fi);
            ga1 += wj * (jr1 * fr + ji1 * fi);
            ga2 += wj * (jr2 * fr + ji2 * fi);
            j00 += wj * (jr0 * jr0 + ji0 * ji0);
            j01 += wj * (jr0 * jr1 + ji0 * ji1);
            j02 += wj * (jr0 * jr2 + ji0 * ji2);
            j11 += wj * (jr1 * jr1 + ji1 * ji1);
            j12 += wj * (jr1 * jr2 + ji1 * ji2);
            j22 += wj * (jr2 * jr2 + ji2 * ji2);
            // Shift terms (the phase's derivative is i·(2π/N)·k·Q; the 2π/N factors are applied after the loop).
            double st = wj * (fi * qr - fr * qi), ss = wj * (fr * qr + fi * qi);
            t0 += x * st;
            t1 += y * st;
            t2 += z * st;
            t00 -= x * x * ss;
            t01 -= x * y * ss;
            t02 -= x * z * ss;
            t11 -= y * y * ss;
            t12 -= y * z * ss;
            t22 -= z * z * ss;
            double c0 = wj * (ji0 * qr - jr0 * qi), c1 = wj * (ji1 * qr - jr1 * qi), c2 = wj * (ji2 * qr - jr2 * qi);
            m00 += c0 * x; m01 += c0 * y; m02 += c0 * z;
            m10 += c1 * x; m11 += c1 * y; m12 += c1 * z;
            m20 += c2 * x; m21 += c2 * y; m22 += c2 * z;
        }
        java.util.Arrays.fill(out, 0, 6, 0);
        if (!(sS > 0 && sA > 0)) return 0;
        double alpha = sS / sA, gq = 2 * Math.PI / n;
        // The loop's sums as arrays (fields: nothing is allocated per call).
        double[] ga = sumGa, gs = sumGs, jj = sumJj, tt = sumTt, mt = sumMt;
        ga[0] = ga0; ga[1] = ga1; ga[2] = ga2;
        gs[0] = gs0; gs[1] = gs1; gs[2] = gs2;
        jj[0] = j00; jj[1] = jj[3] = j01; jj[2] = jj[6] = j02; jj[4] = j11; jj[5] = jj[7] = j12; jj[8] = j22;
        tt[0] = t00; tt[1] = tt[3] = t01; tt[2] = tt[6] = t02; tt[4] = t11; tt[5] = tt[7] = t12; tt[8] = t22;
        mt[0] = m00; mt[1] = m01; mt[2] = m02; mt[3] = m10; mt[4] = m11; mt[5] = m12; mt[6] = m20; mt[7] = m21; mt[8] = m22;
        // ∂C and −∂²C (both without the common 1/sqrt(A·P)) in the order (ω, t); the rotation's block is kept apart
        // for the 3×3 fallback, since the 6×6 solve overwrites m.
        double[] grad = poseGrad, hr = rotationBlock, m = joint, rhs = jointRhs;
        grad[3] = gq * t0;
        grad[4] = gq * t1;
        grad[5] = gq * t2;
        for (int i = 0; i < 3; i++) {
            grad[i] = gs[i] - alpha * ga[i];
            for (int q = 0; q < 3; q++) {
                hr[3 * i + q] = alpha * (jj[3 * i + q] - ga[i] * ga[q] / sA);
                m[6 * i + q] = hr[3 * i + q];
                double cross = -(gq * mt[3 * i + q] - ga[i] * grad[3 + q] / sA);
                m[6 * i + 3 + q] = cross;
                m[6 * (3 + q) + i] = cross;
                m[6 * (3 + i) + 3 + q] = -gq * gq * tt[3 * i + q];
            }
        }
        System.arraycopy(grad, 0, rhs, 0, 6);
        boolean joint6 = solveSpd(m, rhs, 6);
        if (!joint6) {
            // The rotation alone: its 3×3 block and gradient (the 6×6 solve overwrote its copies).
            System.arraycopy(hr, 0, m, 0, 9);
            System.arraycopy(grad, 0, rhs, 0, 3);
            if (!solveSpd(m, rhs, 3)) return 0;
        }
        double deg = Math.toDegrees(1);
        for (int i = 0; i < 3; i++) {
            out[i] = deg * rhs[i];
            out[3 + i] = joint6 ? rhs[3 + i] : 0;
        }
        double len = Math.sqrt(out[0] * out[0] + out[1] * out[1] + out[2] * out[2]);
        if (Double.isFinite(len) && Double.isFinite(out[3] + out[4] + out[5])) return len;
        java.util.Arrays.fill(out, 0, 6, 0);
        return 0;
    }

    /** Workspace of {@link #poseStep}: its gradient, the rotation's curvature block, the 6×6 system, and the loop's sums. */
    private final double[] poseGrad = new double[6], rotationBlock = new double[9], joint = new double[36], jointRhs = new double[6];
    private final double[] sumGa = new double[3], sumGs = new double[3], sumJj = new double[9], sumTt = new double[9], sumMt = new double[9];

    /** Solves a·x = b in place (x into b) for symmetric positive definite a (n×n, row-major; overwritten) by Cholesky; false if not positive definite. */
    private static boolean solveSpd(double[] a, double[] b, int n) {
        for (int j = 0; j < n; j++) {
            double d = a[n * j + j];
            for (int k = 0; k < j; k++) d -= a[n * j + k] * a[n * j + k];
            if (!(d > 0)) return false;
            d = Math.sqrt(d);
            a[n * j + j] = d;
            for (int i = j + 1; i < n; i++) {
                double v = a[n * i + j];
                for (int k = 0; k < j; k++) v -= a[n * i + k] * a[n * j + k];
                a[n * i + j] = v / d;
            }
        }
        for (int i = 0; i < n; i++) {
            double v = b[i];
            for (int k = 0; k < i; k++) v -= a[n * i + k] * b[k];
            b[i] = v / a[n * i + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double v = b[i];
            for (int k = i + 1; k < n; k++) v -= a[n * k + i] * b[k];
            b[i] = v / a[n * i + i];
        }
        return true;
    }

    /** Normalisation sqrt(Σw|F_r|²·Σw|F_p|²) of the last correlate (0 if nothing overlapped). */
    double norm() { return Math.sqrt(refPower * partPower); }

    /** The correlation of the last {@link #correlate} at the shifts of {@code c} ({@link LocalCcf#evaluate}). */
    float[][] ccf(LocalCcf c) {
        Band b = band;
        return c.evaluate(b.kx, b.ky, b.kz, cr, ci, b.n);
    }

    private void tables(double[] t) {
        double g = 2 * Math.PI / n;
        for (int k = -h; k <= h; k++) {
            int i = 2 * (k + h);
            ex[i] = Math.cos(g * k * t[0]);
            ex[i + 1] = Math.sin(g * k * t[0]);
            ey[i] = Math.cos(g * k * t[1]);
            ey[i + 1] = Math.sin(g * k * t[1]);
            ez[i] = Math.cos(g * k * t[2]);
            ez[i + 1] = Math.sin(g * k * t[2]);
        }
    }

    /**
     * {@link #tables(double[])}, and the y–z phase factor e^{2πi (ky·ty + kz·tz)/N} of each column of {@code b} into
     * {@link #yzr}/{@link #yzi}.
     */
    private void tables(Band b, double[] t) {
        tables(t);
        int[] start = b.columnStart;
        int columns = start.length - 1;
        if (yzr.length < columns) {
            yzr = new double[columns];
            yzi = new double[columns];
        }
        for (int c = 0; c < columns; c++) {
            int iy = 2 * ((int) b.ky[start[c]] + h), iz = 2 * ((int) b.kz[start[c]] + h);
            yzr[c] = ey[iy] * ez[iz] - ey[iy + 1] * ez[iz + 1];
            yzi[c] = ey[iy] * ez[iz + 1] + ey[iy + 1] * ez[iz];
        }
    }

    /**
     * S(t) alone. Per (ky, kz) column ({@link Band#columnStart}) the products are summed against the x part of the
     * phase first, A = Σ_kx X(k)·e_x(kx), and the column adds Re(A·e_yz): half the multiplications of applying the
     * whole phase per coefficient.
     */
    double shift(double[] t) {
        Band b = band;
        tables(b, t);
        float[] kx = b.kx;
        int[] start = b.columnStart;
        double s = 0;
        for (int c = 0; c < start.length - 1; c++) {
            double ar = 0, ai = 0;
            for (int j = start[c]; j < start[c + 1]; j++) {
                int ix = 2 * ((int) kx[j] + h);
                double xr = ex[ix], xi = ex[ix + 1];
                ar += cr[j] * xr - ci[j] * xi;
                ai += cr[j] * xi + ci[j] * xr;
            }
            s += ar * yzr[c] - ai * yzi[c];
        }
        return s;
    }

    /**
     * S(t), with its gradient and Hessian in t (per N-box voxel) in {@link #grad}/{@link #hess}. With Q(k) the phased
     * product, S = Σ Re Q, ∂S/∂t_a ∝ −Σ k_a·Im Q and ∂²S/∂t_a∂t_b ∝ −Σ k_a·k_b·Re Q. Within a (ky, kz) column only kx
     * varies, so each column sums P = X·e_x, kx·P and kx²·P over kx (three complex sums), turns them by the column's
     * y–z phase, and weights them by ky and kz once: ten real sums per coefficient become six.
     */
    double derivatives(double[] t) {
        Band b = band;
        tables(b, t);
        float[] kx = b.kx;
        int[] start = b.columnStart;
        double s = 0, g0 = 0, g1 = 0, g2 = 0, h00 = 0, h01 = 0, h02 = 0, h11 = 0, h12 = 0, h22 = 0;
        for (int c = 0; c < start.length - 1; c++) {
            double p0r = 0, p0i = 0, p1r = 0, p1i = 0, p2r = 0, p2i = 0;
            for (int j = start[c]; j < start[c + 1]; j++) {
                double x = kx[j];
                int ix = 2 * ((int) x + h);
                double xr = ex[ix], xi = ex[ix + 1];
                double pr = cr[j] * xr - ci[j] * xi, pi = cr[j] * xi + ci[j] * xr;
                p0r += pr;
                p0i += pi;
                p1r += x * pr;
                p1i += x * pi;
                p2r += x * x * pr;
                p2i += x * x * pi;
            }
            int ky = (int) b.ky[start[c]], kz = (int) b.kz[start[c]];
            double yr = yzr[c], yi = yzi[c];
            double re0 = p0r * yr - p0i * yi, im0 = p0r * yi + p0i * yr;
            double re1 = p1r * yr - p1i * yi, im1 = p1r * yi + p1i * yr;
            double re2 = p2r * yr - p2i * yi;
            s += re0;
            g0 -= im1;
            g1 -= ky * im0;
            g2 -= kz * im0;
            h00 -= re2;
            h01 -= ky * re1;
            h02 -= kz * re1;
            h11 -= ky * ky * re0;
            h12 -= ky * kz * re0;
            h22 -= kz * kz * re0;
        }
        double g = 2 * Math.PI / n, gg = g * g;
        grad[0] = g * g0;
        grad[1] = g * g1;
        grad[2] = g * g2;
        hess[0] = gg * h00;
        hess[1] = gg * h01;
        hess[2] = gg * h02;
        hess[3] = gg * h11;
        hess[4] = gg * h12;
        hess[5] = gg * h22;
        return s;
    }

    /**
     * Maximises S over t by up to {@code iters} (≥ 0) damped Newton steps from {@code t} (in/out, N-box voxels),
     * each step at most {@code maxStep} voxels, every component kept within ±maxShift.
     * @return the score −S/norm at the final t (0 if nothing overlapped)
     */
    double refineShift(double[] t, double maxShift, double maxStep, int iters) {
        double nrm = norm();
        if (!(nrm > 0)) return 0;
        if (iters == 0) return -shift(t) / nrm;
        double s = derivatives(t);
        for (int it = 0; it < iters; it++) {
            double a = hess[0], b = hess[1], c = hess[2], e = hess[3], f = hess[4], k = hess[5];
            // Solve (−H)·step = grad; −H is positive definite near a maximum.
            double m00 = -a, m01 = -b, m02 = -c, m11 = -e, m12 = -f, m22 = -k;
            double c00 = m11 * m22 - m12 * m12, c01 = m02 * m12 - m01 * m22, c02 = m01 * m12 - m02 * m11;
            double det = m00 * c00 + m01 * c01 + m02 * c02;
            double s0, s1, s2;
            if (m00 > 0 && m00 * m11 - m01 * m01 > 0 && det > 0) {
                double c11 = m00 * m22 - m02 * m02, c12 = m01 * m02 - m00 * m12, c22 = m00 * m11 - m01 * m01;
                s0 = (c00 * grad[0] + c01 * grad[1] + c02 * grad[2]) / det;
                s1 = (c01 * grad[0] + c11 * grad[1] + c12 * grad[2]) / det;
                s2 = (c02 * grad[0] + c12 * grad[1] + c22 * grad[2]) / det;
            } else {
                // Not concave here: a short gradient step.
                double gn = Math.sqrt(grad[0] * grad[0] + grad[1] * grad[1] + grad[2] * grad[2]);
                if (!(gn > 0)) break;
                s0 = grad[0] / gn * 0.25 * maxStep;
                s1 = grad[1] / gn * 0.25 * maxStep;
                s2 = grad[2] / gn * 0.25 * maxStep;
            }
            double len = Math.sqrt(s0 * s0 + s1 * s1 + s2 * s2);
            if (len > maxStep) {
                s0 *= maxStep / len;
                s1 *= maxStep / len;
                s2 *= maxStep / len;
            }
            double t0 = t[0], t1 = t[1], t2 = t[2];
            t[0] = clamp(t0 + s0, maxShift);
            t[1] = clamp(t1 + s1, maxShift);
            t[2] = clamp(t2 + s2, maxShift);
            // NB: the last step is checked with the cheap S-only pass; derivatives only if we go on.
            boolean more = it + 1 < iters && len >= 0.01;
            double sn = more ? derivatives(t) : shift(t);
            if (sn < s) {
                // Overshot: keep the previous point.
                t[0] = t0;
                t[1] = t1;
                t[2] = t2;
                break;
            }
            s = sn;
            if (!more) break;
        }
        return -s / nrm;
    }

    private static double clamp(double v, double m) { return v > m ? m : (v < -m ? -m : v); }
}

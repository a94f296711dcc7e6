package org.jspt.align.tree;

import java.util.List;
import org.jspt.image.Volume;

/**
 * Everything the tree search needs from one particle, computed once and shared by all K references: its
 * Fourier transform (one FFT), σ-profile, wedge-aware measured bands for the global level and every
 * refinement level, and the whitened amplitudes used by the translation-invariant pre-score.
 * Immutable after construction; thread-safe for reading. Memory: a few hundred KB for N = 64.
 */
public final class PreparedParticle {
    public final int n;
    final CentredSpectrum spectrum;
    /** Global-level band, and one band per refinement level (index = level index). */
    final Band global;
    final Band[] levels;
    /** Final band for the reported score (fsc.tomo.auto's pmin/pmax, or minres/maxres). */
    final Band finalBand;
    /** The final level's approach band ({@link TreeSearchSpec#approachList}), or null. */
    final Band approach;
    /**
     * The measured coefficients of {@link TreeSearchSpec#amplitudeList} (indices into it, ascending) and the
     * particle's whitened amplitudes there; unmeasured ones (the wedge) are left out of the pre-score.
     */
    final int[] ampIndex;
    final float[] ampValue;
    final double ampPower;
    /**
     * The in-plane pre-score's ring spectra of the measured whitened amplitudes and of the measured set
     * ({@link InPlaneRings#spectra}, folded).
     */
    final float[] ringSpectrum;
    /** Every other entry of ampIndex/ampValue: the first pass of the pre-score against a reference without its table. */
    final int[] ampIndexHalf;
    final float[] ampValueHalf;
    final double ampPowerHalf;

    /**
     * Pre-score coefficients with the particle's weight count as measured where |M| reaches this fraction of
     * the largest |M| of their shell: near a CTF zero |D|/|M| is mostly noise.
     */
    static final double PRESCORE_WEIGHT_FRACTION = 0.1;

    public PreparedParticle(Volume particle, TreeSearchSpec spec) { this(particle, spec, null); }

    /**
     * @param weight the particle's Fourier weight on its N-box (docs/weights.md), or null to detect the
     *               missing wedge from the data (EMAN2's way). With a weight, the bands keep the coefficients
     *               with M ≠ 0 and the scorer compares with M·reference; the pre-score uses the CTF-corrected
     *               amplitudes |D|/|M| where |M| ≥ {@link #PRESCORE_WEIGHT_FRACTION} of its shell's maximum.
     */
    public PreparedParticle(Volume particle, TreeSearchSpec spec, org.jspt.ctf.FourierWeight weight) {
        if (particle.nx != spec.n || !particle.isCube()) {
            throw new IllegalArgumentException("particle is " + particle.shape() + ", the prepared search is for " + spec.n + "³");
        }
        if (weight != null && weight.n != spec.n) throw new IllegalArgumentException("the weight is for " + weight.n + "³, the particle is " + spec.n + "³");
        this.n = spec.n;
        this.spectrum = new CentredSpectrum(particle, spec.maxRadius());
        double[] thr = new double[spectrum.sigmaProfile.length];
        for (int r = 0; r < thr.length; r++) thr[r] = spec.sigmato * spectrum.sigmaProfile[r] * spectrum.sigmaProfile[r];
        this.global = new Band(spec.globalList, spectrum, thr, weight);
        List<Level> ls = spec.levels;
        this.levels = new Band[ls.size()];
        for (int i = 0; i < ls.size(); i++) levels[i] = new Band(spec.levelList(i), spectrum, thr, weight);
        this.finalBand = new Band(spec.finalList, spectrum, thr, weight);
        this.approach = spec.approachList == null ? null : new Band(spec.approachList, spectrum, thr, weight);
        CoefficientList al = spec.amplitudeList;
        float[] amp = new float[al.size];
        boolean[] measured = new boolean[al.size];
        // Whiten per shell over the measured coefficients, so that every shell counts by its coefficient
        // count rather than by its (steeply falling) power.
        int shells = al.rmax + 1;
        double[] s1 = new double[shells], s2 = new double[shells];
        int[] c = new int[shells];
        double[] a = new double[al.size];
        double[] shellMax = weight == null ? null : shellMaxima(al, weight);
        for (int j = 0; j < al.size; j++) {
            float r = spectrum.re(al.kx[j], al.ky[j], al.kz[j]), i = spectrum.im(al.kx[j], al.ky[j], al.kz[j]);
            double p = (double) r * r + (double) i * i;
            if (weight != null) {
                double mj = Math.abs(weight.at(al.kx[j], al.ky[j], al.kz[j]));
                if (mj == 0 || mj < PRESCORE_WEIGHT_FRACTION * shellMax[al.shell[j]]) continue;
                a[j] = Math.sqrt(p) / mj;
            } else {
                if (p < thr[al.shell[j]] || p == 0) continue;
                a[j] = Math.sqrt(p);
            }
            measured[j] = true;
            s1[al.shell[j]] += a[j];
            s2[al.shell[j]] += a[j] * a[j];
            c[al.shell[j]]++;
        }
        double pw = 0;
        int count = 0;
        for (int j = 0; j < al.size; j++) {
            if (!measured[j]) continue;
            count++;
            int s = al.shell[j];
            double m = s1[s] / c[s], sd = Math.sqrt(Math.max(1e-30, s2[s] / c[s] - m * m));
            amp[j] = (float) ((a[j] - m) / sd);
            pw += (double) amp[j] * amp[j];
        }
        ampPower = pw;
        ampIndex = new int[count];
        ampValue = new float[count];
        for (int j = 0, q = 0; j < al.size; j++) {
            if (!measured[j]) continue;
            ampIndex[q] = j;
            ampValue[q++] = amp[j];
        }
        ampIndexHalf = new int[(count + 1) / 2];
        ampValueHalf = new float[(count + 1) / 2];
        double ph = 0;
        for (int q = 0; q < count; q += 2) {
            ampIndexHalf[q / 2] = ampIndex[q];
            ampValueHalf[q / 2] = ampValue[q];
            ph += (double) ampValue[q] * ampValue[q];
        }
        ampPowerHalf = ph;
        InPlaneRings rings = spec.rings;
        float[] sa = new float[rings.samples], sm = new float[rings.samples];
        rings.spread(al, ampIndex, ampValue, sa, sm);
        ringSpectrum = new float[rings.spectrumFloats];
        rings.spectra(sa, sm, rings.transforms(), true, ringSpectrum, 0);
    }

    /** Largest |M| of each shell of the pre-score coefficients. */
    private static double[] shellMaxima(CoefficientList al, org.jspt.ctf.FourierWeight weight) {
        double[] mx = new double[al.rmax + 1];
        for (int j = 0; j < al.size; j++) mx[al.shell[j]] = Math.max(mx[al.shell[j]], Math.abs(weight.at(al.kx[j], al.ky[j], al.kz[j])));
        return mx;
    }

    /** Fraction of the final band that is measured (a stand-in for EMAN2's fft_overlap). */
    public double coverage() { return finalBand.coverage; }
}

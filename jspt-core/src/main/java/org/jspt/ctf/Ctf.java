package org.jspt.ctf;

/**
 * The contrast transfer function of one image, with RELION's formula and signs (RELION 3.1.3
 * {@code src/ctf.cpp} {@code CTF::initialise} and {@code src/ctf.h} {@code CTF::getCTF}):
 * <pre>
 *   γ(f) = −π·λ·Δf(φ)·|f|² + (π/2)·Cs·λ³·|f|⁴ − φ_shift − atan(Q0/√(1−Q0²))
 *   CTF(f) = −sin γ(f)
 *   Δf(φ) = ΔfU·cos²(φ − φ_A) + ΔfV·sin²(φ − φ_A)
 * </pre>
 * with f = (fx, fy) in 1/Å, φ its direction measured from the image's x axis, φ_A = rlnDefocusAngle (the
 * direction of ΔfU), defocus positive for underfocus (rlnDefocusU/V, Å), Cs in Å (given in mm), Q0 the
 * amplitude contrast and φ_shift a phase plate's shift. So CTF(0) = +Q0 (for no phase shift) and the
 * first lobe is positive, as in RELION. No envelope (B-factor) is applied. Immutable and thread-safe.
 */
public final class Ctf {
    private final double voltageKv, csMm, ampContrast, defocusU, defocusV, angleDeg, phaseShiftDeg;
    private final double k1, k2, k35, axx, axy, ayy;

    /**
     * @param voltageKv acceleration voltage, kV (&gt; 0)
     * @param csMm spherical aberration, mm (≥ 0)
     * @param ampContrast amplitude contrast Q0 in [0, 1)
     * @param defocusU defocus along the angle's direction, Å (positive = underfocus)
     * @param defocusV defocus perpendicular to it, Å
     * @param angleDeg rlnDefocusAngle: direction of defocusU from the image x axis, degrees
     * @param phaseShiftDeg additional phase shift (phase plate), degrees
     */
    public Ctf(double voltageKv, double csMm, double ampContrast, double defocusU, double defocusV, double angleDeg, double phaseShiftDeg) {
        if (!(voltageKv > 0) || Double.isInfinite(voltageKv)) throw new IllegalArgumentException("voltage must be > 0 kV, got " + voltageKv);
        if (!(csMm >= 0) || Double.isInfinite(csMm)) throw new IllegalArgumentException("Cs must be >= 0 mm, got " + csMm);
        if (!(ampContrast >= 0 && ampContrast < 1)) throw new IllegalArgumentException("amplitude contrast must be in [0, 1), got " + ampContrast);
        if (!Double.isFinite(defocusU) || !Double.isFinite(defocusV) || !Double.isFinite(angleDeg) || !Double.isFinite(phaseShiftDeg)) {
            throw new IllegalArgumentException("defocus, angle and phase shift must be finite");
        }
        this.voltageKv = voltageKv;
        this.csMm = csMm;
        this.ampContrast = ampContrast;
        this.defocusU = defocusU;
        this.defocusV = defocusV;
        this.angleDeg = angleDeg;
        this.phaseShiftDeg = phaseShiftDeg;
        double lambda = wavelength(voltageKv);
        this.k1 = Math.PI * lambda;
        this.k2 = Math.PI / 2 * csMm * 1e7 * lambda * lambda * lambda;
        this.k35 = Math.toRadians(phaseShiftDeg) + Math.atan(ampContrast / Math.sqrt(1 - ampContrast * ampContrast));
        // −Δf(φ)·|f|² as a quadratic form fᵀ·A·f, A = Qᵀ·diag(−ΔfU, −ΔfV)·Q with Q the rotation by −φ_A (RELION's Axx, Axy, Ayy).
        double c = Math.cos(Math.toRadians(angleDeg)), s = Math.sin(Math.toRadians(angleDeg));
        this.axx = -(defocusU * c * c + defocusV * s * s);
        this.axy = -(defocusU - defocusV) * c * s;
        this.ayy = -(defocusU * s * s + defocusV * c * c);
    }

    /**
     * The relativistic electron wavelength in Å for an acceleration voltage in kV: λ = h / √(2·m·e·V·(1 + e·V/(2·m·c²))),
     * numerically 12.2643247 / √(V·(1 + 0.978466·10⁻⁶·V)) with V in volts (RELION 3.1.3 {@code CTF::initialise}).
     */
    public static double wavelength(double voltageKv) {
        double v = voltageKv * 1e3;
        return 12.2643247 / Math.sqrt(v * (1 + v * 0.978466e-6));
    }

    /** The same optics and astigmatism with both defoci moved by {@code dz} Å (positive: further underfocus). */
    public Ctf withDefocusOffset(double dz) {
        return new Ctf(voltageKv, csMm, ampContrast, defocusU + dz, defocusV + dz, angleDeg, phaseShiftDeg);
    }

    /** The phase γ at spatial frequency (fx, fy) in 1/Å. */
    public double gamma(double fx, double fy) {
        double u2 = fx * fx + fy * fy;
        return k1 * (axx * fx * fx + 2 * axy * fx * fy + ayy * fy * fy) + k2 * u2 * u2 - k35;
    }

    /** CTF(fx, fy) = −sin γ, frequencies in 1/Å. */
    public double value(double fx, double fy) { return -Math.sin(gamma(fx, fy)); }

    public double voltageKv() { return voltageKv; }
    public double csMm() { return csMm; }
    public double ampContrast() { return ampContrast; }
    public double defocusU() { return defocusU; }
    public double defocusV() { return defocusV; }
    public double angleDeg() { return angleDeg; }
    public double phaseShiftDeg() { return phaseShiftDeg; }
    /** The mean defocus (ΔfU + ΔfV)/2, Å. */
    public double meanDefocus() { return (defocusU + defocusV) / 2; }

    /**
     * The first zero of a non-astigmatic CTF with defocus Δf (Å) and no phase shift, in 1/Å: the smallest f &gt; 0
     * with γ(f) = −π, i.e. (π/2)·Cs·λ³·f⁴ − π·λ·Δf·f² − atan(Q0/√(1−Q0²)) + π = 0, solved as a quadratic in f².
     */
    public static double firstZero(double voltageKv, double csMm, double ampContrast, double defocus) {
        double lambda = wavelength(voltageKv);
        double a = Math.PI / 2 * csMm * 1e7 * Math.pow(lambda, 3), b = -Math.PI * lambda * defocus;
        double c = Math.PI - Math.atan(ampContrast / Math.sqrt(1 - ampContrast * ampContrast));
        double u2 = a == 0 ? -c / b : (-b - Math.sqrt(b * b - 4 * a * c)) / (2 * a);
        return Math.sqrt(u2);
    }
}

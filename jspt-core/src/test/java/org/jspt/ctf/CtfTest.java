package org.jspt.ctf;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The CTF against values computed by hand from RELION 3.1.3's formula (src/ctf.cpp CTF::initialise, src/ctf.h getCTF). */
class CtfTest {
    @Test
    void electronWavelengthIsRelativistic() {
        // 12.2643247 / sqrt(V (1 + 0.978466e-6 V)): 300 kV → 0.019688 Å, 200 kV → 0.025079 Å (the textbook values).
        assertEquals(0.0196876, Ctf.wavelength(300), 1e-7);
        assertEquals(0.0250795, Ctf.wavelength(200), 1e-7);
    }

    @Test
    void valueMatchesTheHandComputedFormula() {
        // γ = −π λ Δf f² + π/2 Cs λ³ f⁴ − atan(Q0/√(1−Q0²)) with λ = 0.0196876 Å, Δf = 20000 Å, Cs = 2.7e7 Å, Q0 = 0.1,
        // f = 0.03 1/Å: γ = −1.2132137, CTF = −sin γ = 0.9367457 (python, double precision).
        Ctf c = new Ctf(300, 2.7, 0.1, 20000, 20000, 0, 0);
        assertEquals(-1.2132137, c.gamma(0.03, 0), 1e-6);
        assertEquals(0.9367457, c.value(0.03, 0), 1e-6);
        assertEquals(0.9367457, c.value(0, -0.03), 1e-6, "isotropic without astigmatism");
        assertEquals(0.9367457, c.value(0.03 * Math.cos(1), 0.03 * Math.sin(1)), 1e-6);
    }

    @Test
    void relionSignConventionsLowFrequencyPositiveAndUnderfocusPositive() {
        Ctf c = new Ctf(300, 2.7, 0.07, 30000, 30000, 0, 0);
        assertEquals(0.07, c.value(0, 0), 1e-12, "CTF(0) = +Q0 in RELION's convention");
        assertTrue(c.value(0.01, 0) > 0.07, "the first lobe rises towards +1 for underfocus (positive defocus)");
        Ctf over = new Ctf(300, 2.7, 0.07, -30000, -30000, 0, 0);
        assertTrue(over.value(0.01, 0) < 0, "overfocus turns the first lobe negative");
        Ctf phase = new Ctf(300, 2.7, 0.1, 20000, 20000, 0, 90);
        assertEquals(0.9949874, phase.value(0, 0), 1e-6, "a 90° phase plate: −sin(−π/2 − atan(0.1/√0.99))");
    }

    @Test
    void firstZeroWhereTheCtfChangesSign() {
        // Δf = 2 µm, 300 kV, Cs 2.7 mm, Q0 = 0.1: a scan in steps of 1e-6 1/Å finds the first sign change at 0.049602 1/Å (python).
        double f0 = Ctf.firstZero(300, 2.7, 0.1, 20000);
        assertEquals(0.049602, f0, 2e-6);
        Ctf c = new Ctf(300, 2.7, 0.1, 20000, 20000, 0, 0);
        assertTrue(c.value(f0 * 0.999, 0) > 0 && c.value(f0 * 1.001, 0) < 0);
        assertEquals(0, c.value(f0, 0), 1e-9);
        // Scherzer-like check of scaling: the first zero moves as ≈ 1/√(λΔf) at large defocus.
        double f1 = Ctf.firstZero(300, 2.7, 0.07, 50000);
        assertEquals(1 / Math.sqrt(Ctf.wavelength(300) * 50000), f1, 0.05 * f1);
    }

    @Test
    void astigmatismFollowsRelionsDefocusAngle() {
        // ΔfU = 25000 Å along 30° from x, ΔfV = 15000 Å across: f = 0.03 1/Å gives 0.9968609 and 0.8045317 (python, isotropic formula).
        Ctf c = new Ctf(300, 2.7, 0.1, 25000, 15000, 30, 0);
        double a = Math.toRadians(30), f = 0.03;
        assertEquals(0.9968609, c.value(f * Math.cos(a), f * Math.sin(a)), 1e-6);
        assertEquals(0.8045317, c.value(-f * Math.sin(a), f * Math.cos(a)), 1e-6);
        assertEquals(20000, c.meanDefocus(), 1e-9);
        Ctf moved = c.withDefocusOffset(1000);
        assertEquals(26000, moved.defocusU(), 1e-9);
        assertEquals(16000, moved.defocusV(), 1e-9);
    }

    @Test
    void badParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Ctf(0, 2.7, 0.1, 1, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Ctf(300, -1, 0.1, 1, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Ctf(300, 2.7, 1, 1, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Ctf(300, 2.7, 0.1, Double.NaN, 1, 0, 0));
    }
}

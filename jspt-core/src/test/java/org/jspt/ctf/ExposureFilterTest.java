package org.jspt.ctf;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Grant & Grigorieff 2015, Eq. 3 and 5, with numbers computed by hand. */
class ExposureFilterTest {
    @Test
    void criticalExposureFollowsTheFittedCurve() {
        // N_e(k) = 0.245 k^−1.665 + 2.81: 14.1383 e/Å² at 10 Å, 5.2737 e/Å² at 4 Å (python).
        assertEquals(14.13834, ExposureFilter.criticalExposure(0.1), 1e-4);
        assertEquals(5.27375, ExposureFilter.criticalExposure(0.25), 1e-4);
        assertEquals(Double.POSITIVE_INFINITY, ExposureFilter.criticalExposure(0));
        assertTrue(ExposureFilter.criticalExposure(0.5) < ExposureFilter.criticalExposure(0.25), "high frequencies fade first");
    }

    @Test
    void amplitudeFallsToOneOverEAtTwiceTheCriticalExposure() {
        double k = 0.2, ne = ExposureFilter.criticalExposure(k);
        assertEquals(Math.exp(-1), ExposureFilter.attenuation(k, 2 * ne), 1e-12);
        assertEquals(Math.exp(-0.5), ExposureFilter.attenuation(k, ne), 1e-12);
        assertEquals(1, ExposureFilter.attenuation(0, 100), 0, "the mean is not damaged");
        assertEquals(1, ExposureFilter.attenuation(k, 0), 0);
    }

    @Test
    void meanAttenuationAveragesOverTheImagesOwnExposure() {
        double k = 0.2, ne = ExposureFilter.criticalExposure(k);
        // ∫ exp(−N/2Ne) dN / d over [10, 13], numerically with the midpoint rule.
        double sum = 0;
        int steps = 100000;
        for (int i = 0; i < steps; i++) sum += Math.exp(-(10 + 3 * (i + 0.5) / steps) / (2 * ne));
        assertEquals(sum / steps, ExposureFilter.meanAttenuation(k, 10, 3), 1e-9);
        assertEquals(ExposureFilter.attenuation(k, 10), ExposureFilter.meanAttenuation(k, 10, 0), 1e-12);
        assertTrue(ExposureFilter.meanAttenuation(k, 10, 3) < ExposureFilter.attenuation(k, 10));
        assertTrue(ExposureFilter.meanAttenuation(k, 10, 3) > ExposureFilter.attenuation(k, 13));
    }

    @Test
    void voltageFactorsAsRelion() {
        assertEquals(1, ExposureFilter.voltageFactor(300));
        assertEquals(0.8, ExposureFilter.voltageFactor(200));
        assertEquals(0.64, ExposureFilter.voltageFactor(100));
        assertThrows(IllegalArgumentException.class, () -> ExposureFilter.voltageFactor(120));
    }
}

package org.jspt.geom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.jspt.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every convention against EMAN2's numbers and round trips through the matrix. */
class EulerConventionTest {
    private static JsonNode algebra;

    @BeforeAll
    static void load() throws IOException {
        algebra = new ObjectMapper().readTree(Fixtures.eman2("expected.json").toFile()).get("transform_algebra");
    }

    private static Transform a() { return TransformTest.fixtureMatrix(algebra.get("A")); }

    @Test
    void fixtureAInEveryEman2Convention() {
        JsonNode s = algebra.get("A_spider"), q = algebra.get("A_quaternion"), e = algebra.get("A_eman");
        assertArrayEquals(new double[] {e.get("az").asDouble(), e.get("alt").asDouble(), e.get("phi").asDouble()},
                EulerConvention.EMAN.fromTransform(a()), 1e-5);
        assertArrayEquals(new double[] {s.get("phi").asDouble(), s.get("theta").asDouble(), s.get("psi").asDouble()},
                EulerConvention.SPIDER.fromTransform(a()), 1e-5);
        assertArrayEquals(new double[] {q.get("e0").asDouble(), q.get("e1").asDouble(), q.get("e2").asDouble(), q.get("e3").asDouble()},
                EulerConvention.QUATERNION.fromTransform(a()), 1e-5);
    }

    @Test
    void spiderSingularCases() {
        assertArrayEquals(new double[] {0, 0, 70}, EulerConvention.SPIDER.fromTransform(Transform.eman(30, 0, 40)), 1e-5);
        assertArrayEquals(new double[] {0, 180, 190}, EulerConvention.SPIDER.fromTransform(Transform.eman(30, 180, 40)), 1e-5);
        assertArrayEquals(new double[] {0, 0, 200}, EulerConvention.SPIDER.fromTransform(Transform.eman(200, 0, 0)), 1e-5);
    }

    @Test
    void spiderAnglesAreReducedTo0To360() {
        double[] s = EulerConvention.SPIDER.fromTransform(Transform.eman(10, 50, -170));
        assertArrayEquals(new double[] {280, 50, 280}, s, 1e-5);
    }

    @Test
    void quaternionAndSpinHaveEmansHandedness() {
        Transform t = Transform.eman(90, 0, 0);
        double h = Math.sqrt(0.5);
        assertArrayEquals(new double[] {h, 0, 0, h}, EulerConvention.QUATERNION.fromTransform(t), 1e-7);
        assertArrayEquals(new double[] {90, 0, 0, 1}, EulerConvention.SPIN.fromTransform(t), 1e-5);
        double[] p = new double[3];
        EulerConvention.SPIN.toTransform(90, 0, 0, 1).apply(new double[] {1, 0, 0}, p);
        assertArrayEquals(new double[] {0, -1, 0}, p, 1e-12, "R turns points by -omega about n");
        assertTrue(t.approxEquals(EulerConvention.QUATERNION.toTransform(h, 0, 0, h), 1e-12));
    }

    @Test
    void spinOfIdentityAndHalfTurn() {
        assertArrayEquals(new double[] {0, 0, 0, 1}, EulerConvention.SPIN.fromTransform(Transform.identity()), 0);
        double[] s = EulerConvention.SPIN.fromTransform(Transform.eman(0, 180, 0)); // half turn about x
        assertEquals(180, s[0], 1e-9);
        assertEquals(1, Math.abs(s[1]), 1e-9);
    }

    @Test
    void spinAngleAgreesWithTheTraceFormula() {
        Random rnd = new Random(345);
        for (int i = 0; i < 100; i++) {
            Transform t = TransformTest.random(rnd).rotationOnly();
            assertEquals(t.spinAngle(), EulerConvention.SPIN.fromTransform(t)[0], 1e-6);
        }
    }

    @Test
    void everyConventionRoundTripsTheMatrixOnAGrid() {
        for (EulerConvention c : EulerConvention.values()) {
            for (int az = 0; az < 360; az += 15) {
                for (int alt = 0; alt <= 180; alt += 15) {
                    for (int phi = 0; phi < 360; phi += 15) {
                        Transform t = Transform.eman(az, alt, phi);
                        double[] v = c.fromTransform(t);
                        assertEquals(c.names().size(), v.length);
                        Transform back = c.toTransform(v);
                        assertTrue(t.approxEquals(back, 2e-6), c + " " + t + " -> " + java.util.Arrays.toString(v));
                    }
                }
            }
        }
    }

    @Test
    void everyConventionRoundTripsRandomRotations() {
        Random rnd = new Random(345);
        for (int i = 0; i < 500; i++) {
            Transform t = TransformTest.random(rnd).rotationOnly();
            for (EulerConvention c : EulerConvention.values()) {
                assertTrue(t.approxEquals(c.toTransform(c.fromTransform(t)), 2e-6), c + " " + t);
            }
        }
    }

    @Test
    void namesAreEman2s() {
        assertEquals(List.of("az", "alt", "phi"), EulerConvention.EMAN.names());
        assertEquals(List.of("phi", "theta", "psi"), EulerConvention.SPIDER.names());
        assertEquals(List.of("e0", "e1", "e2", "e3"), EulerConvention.QUATERNION.names());
        assertEquals(List.of("omega", "n1", "n2", "n3"), EulerConvention.SPIN.names());
    }

    @Test
    void wrongNumberOfValuesIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EulerConvention.SPIN.toTransform(90, 0, 1));
        assertTrue(e.getMessage().contains("needs 4"), e.getMessage());
    }
}

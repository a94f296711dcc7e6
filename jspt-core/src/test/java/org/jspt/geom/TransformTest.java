package org.jspt.geom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Random;
import org.jspt.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Transform algebra and EMAN Euler angles against EMAN2's own numbers (fixtures/eman2/expected.json). */
class TransformTest {
    private static JsonNode expected;

    @BeforeAll
    static void load() throws IOException {
        expected = new ObjectMapper().readTree(Fixtures.eman2("expected.json").toFile());
    }

    static Transform fixtureMatrix(JsonNode array) {
        double[] m = new double[12];
        for (int i = 0; i < 12; i++) m[i] = array.get(i).asDouble();
        return Transform.ofMatrix(m);
    }

    static void assertMatrix(Transform want, Transform got, double tol) {
        assertTrue(want.approxEquals(got, tol), () -> "want " + java.util.Arrays.toString(want.matrix()) + "\n got " + java.util.Arrays.toString(got.matrix()));
    }

    @Test
    void productAndInverseMatchEman2() {
        JsonNode ta = expected.get("transform_algebra");
        Transform a = fixtureMatrix(ta.get("A")), b = fixtureMatrix(ta.get("B"));
        assertMatrix(fixtureMatrix(ta.get("A*B")), a.compose(b), 1e-6);
        assertMatrix(fixtureMatrix(ta.get("A.inverse")), a.inverse(), 1e-6);
    }

    @Test
    void inverseOfFloat32MatrixRoundsToEman2sBits() {
        // EMAN2 inverts its float32 matrix; the double inverse rounded to float32 gives the same bits.
        JsonNode ta = expected.get("transform_algebra");
        double[] inv = fixtureMatrix(ta.get("A")).inverse().matrix();
        for (int i = 0; i < 12; i++) assertEquals((float) ta.get("A.inverse").get(i).asDouble(), (float) inv[i], "element " + i);
    }

    @Test
    void emanAnglesOfFixtureA() {
        JsonNode ta = expected.get("transform_algebra");
        double[] e = fixtureMatrix(ta.get("A")).emanAngles();
        JsonNode w = ta.get("A_eman");
        // exact to 1e-9: az needs glibc's atan2f (Float32Math), the rounded double atan2 is one ulp off here
        assertArrayEquals(new double[] {w.get("az").asDouble(), w.get("alt").asDouble(), w.get("phi").asDouble()}, e, 1e-9);
    }

    @Test
    void emanAnglesOfStackHeadersMatchEman2() {
        for (JsonNode entry : expected.get("stack.hdf")) {
            double[] e = fixtureMatrix(entry.get("xform.align3d_matrix")).emanAngles();
            JsonNode w = entry.get("eman_euler");
            assertArrayEquals(new double[] {w.get("az").asDouble(), w.get("alt").asDouble(), w.get("phi").asDouble()}, e, 1e-9,
                    "image " + entry.get("index"));
        }
    }

    @Test
    void negativeZeroPhiIsKept() {
        // image 0 of stack.hdf has m02 = -0.0, and EMAN2 reports phi = -0.0 (atan2 of -0)
        JsonNode entry = expected.get("stack.hdf").get(0);
        double phi = fixtureMatrix(entry.get("xform.align3d_matrix")).emanAngles()[2];
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(phi));
    }

    @Test
    void singularAltitudesFoldAzIntoPhi() {
        assertArrayEquals(new double[] {0, 0, 70}, Transform.eman(30, 0, 40).emanAngles(), 1e-5);
        assertArrayEquals(new double[] {0, 180, 10}, Transform.eman(30, 180, 40).emanAngles(), 1e-5);
        assertArrayEquals(new double[] {0, 0, -160}, Transform.eman(200, 0, 0).emanAngles(), 1e-5);
        assertEquals(0.0, Transform.eman(30, 0.001, 40).emanAngles()[1], "alt below ~0.014° is 0 in float32");
    }

    @Test
    void azCarriesFloat32AtanRounding() {
        double[] e = Transform.eman(180, 30, 180).emanAngles();
        assertEquals(180.00000500895632, e[0], 0);
        assertEquals(30.0, e[1], 1e-5);
        assertEquals(180.0, e[2], 1e-5);
    }

    @Test
    void eulerRoundTripReproducesTheMatrixOnAGrid() {
        for (int az = 0; az < 360; az += 15) {
            for (int alt = 0; alt <= 180; alt += 15) {
                for (int phi = 0; phi < 360; phi += 15) {
                    Transform t = Transform.eman(az, alt, phi);
                    double[] e = t.emanAngles();
                    // angles are not unique at alt = 0/180, so compare matrices
                    Transform back = Transform.eman(e[0], e[1], e[2]);
                    assertTrue(t.approxEquals(back, 2e-6), "az=" + az + " alt=" + alt + " phi=" + phi + " -> " + java.util.Arrays.toString(e));
                }
            }
        }
    }

    @Test
    void compositionAppliesTheRightOperandFirst() {
        Random rnd = new Random(345);
        for (int i = 0; i < 50; i++) {
            Transform a = random(rnd), b = random(rnd);
            double[] v = {rnd.nextGaussian() * 5, rnd.nextGaussian() * 5, rnd.nextGaussian() * 5};
            double[] bv = new double[3], abv = new double[3], direct = new double[3];
            b.apply(v, bv);
            a.apply(bv, abv);
            a.compose(b).apply(v, direct);
            assertArrayEquals(abv, direct, 1e-12);
        }
    }

    @Test
    void inverseUndoesTheTransform() {
        Random rnd = new Random(345);
        for (int i = 0; i < 50; i++) {
            Transform t = random(rnd);
            assertMatrix(Transform.identity(), t.compose(t.inverse()), 1e-12);
            assertMatrix(Transform.identity(), t.inverse().compose(t), 1e-12);
        }
    }

    @Test
    void translationIsAppliedAfterTheRotation() {
        double[] out = new double[3];
        Transform.eman(90, 0, 0, 1, 0, 0).apply(new double[] {1, 0, 0}, out);
        assertArrayEquals(new double[] {1, -1, 0}, out, 1e-12);
    }

    @Test
    void angleBetweenIsTheSpinAngleOfTheRelativeRotation() {
        assertEquals(0, Transform.angleBetween(Transform.eman(10, 20, 30), Transform.eman(10, 20, 30)), 1e-5);
        assertEquals(25, Transform.angleBetween(Transform.identity(), Transform.eman(25, 0, 0)), 1e-9);
        assertEquals(40, Transform.angleBetween(Transform.eman(0, 10, 0), Transform.eman(0, 50, 0)), 1e-9);
        Random rnd = new Random(345);
        for (int i = 0; i < 20; i++) {
            Transform a = random(rnd), b = random(rnd);
            assertEquals(a.inverse().compose(b).spinAngle(), Transform.angleBetween(a, b), 1e-6);
            assertEquals(Transform.angleBetween(a, b), Transform.angleBetween(b, a), 1e-9);
        }
    }

    @Test
    void spiderConvenienceMatchesEmanAngles() {
        assertMatrix(Transform.eman(120, 35, -40), Transform.spider(30, 35, 50), 1e-12);
    }

    @Test
    void roundingToFloat32KeepsNegativeZero() {
        Transform t = Transform.eman(60, 0, 0).roundedToFloat32();
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(t.get(2, 1)));
        assertEquals(0.5, t.get(0, 0), 0);
    }

    static Transform random(Random rnd) {
        return Transform.eman(rnd.nextDouble() * 360, rnd.nextDouble() * 180, rnd.nextDouble() * 360,
                rnd.nextGaussian() * 3, rnd.nextGaussian() * 3, rnd.nextGaussian() * 3);
    }
}

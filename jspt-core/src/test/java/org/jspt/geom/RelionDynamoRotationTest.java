package org.jspt.geom;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.junit.jupiter.api.Test;

/**
 * The physical check: an asymmetric volume moved by each program's <em>own</em> definition of its angles and
 * shifts (matrix written here from RELION's {@code Euler_angles2matrix} and Dynamo's {@code dynamo_euler2matrix},
 * independently of {@link Transform}, and resampled by a plain trilinear sampler) equals the same volume moved by
 * the EMAN2 transform through {@link VolumeTransforms}; a transposed matrix or a flipped shift does not.
 */
class RelionDynamoRotationTest {
    private static final int N = 32;
    private static final double APIX = 2.0;

    /** Four off-centre Gaussian blobs of different sizes and heights: no rotational symmetry. */
    private static Volume asymmetric() {
        double[][] b = {{4, 0, 0, 2.0, 1.0}, {0, -5, 2, 1.5, 0.8}, {-3, 2, -6, 2.5, 0.6}, {1, 6, 5, 1.2, 1.2}};
        Volume v = Volume.cube(N);
        for (int z = 0; z < N; z++) for (int y = 0; y < N; y++) for (int x = 0; x < N; x++) {
            double s = 0;
            for (double[] q : b) {
                double dx = x - N / 2 - q[0], dy = y - N / 2 - q[1], dz = z - N / 2 - q[2];
                s += q[4] * Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * q[3] * q[3]));
            }
            v.set(x, y, z, (float) s);
        }
        return v;
    }

    /** Maps an output point (centred voxel coordinates) to the point of the input it is sampled from. */
    private interface SourcePoint { double[] of(double x, double y, double z); }

    /** out(r) = trilinear value of in at source(r), 0 outside; centre voxel n/2 as in EMAN2 and RELION. */
    private static Volume resample(Volume in, SourcePoint source) {
        Volume out = Volume.cube(N);
        for (int z = 0; z < N; z++) for (int y = 0; y < N; y++) for (int x = 0; x < N; x++) {
            double[] u = source.of(x - N / 2, y - N / 2, z - N / 2);
            double ux = u[0] + N / 2, uy = u[1] + N / 2, uz = u[2] + N / 2;
            if (!(ux >= 0 && uy >= 0 && uz >= 0 && ux <= N - 1 && uy <= N - 1 && uz <= N - 1)) continue;
            int ix = Math.min((int) ux, N - 2), iy = Math.min((int) uy, N - 2), iz = Math.min((int) uz, N - 2);
            double fx = ux - ix, fy = uy - iy, fz = uz - iz, s = 0;
            for (int c = 0; c < 8; c++) {
                int dx = c & 1, dy = (c >> 1) & 1, dz = c >> 2;
                s += (dx == 1 ? fx : 1 - fx) * (dy == 1 ? fy : 1 - fy) * (dz == 1 ? fz : 1 - fz) * in.get(ix + dx, iy + dy, iz + dz);
            }
            out.set(x, y, z, (float) s);
        }
        return out;
    }

    /** RELION's Euler_angles2matrix, written out from its definition (src/euler.cpp). */
    private static double[][] relionA(double rot, double tilt, double psi) {
        double ca = Math.cos(Math.toRadians(rot)), sa = Math.sin(Math.toRadians(rot));
        double cb = Math.cos(Math.toRadians(tilt)), sb = Math.sin(Math.toRadians(tilt));
        double cg = Math.cos(Math.toRadians(psi)), sg = Math.sin(Math.toRadians(psi));
        double cc = cb * ca, cs = cb * sa, sc = sb * ca, ss = sb * sa;
        return new double[][] {{cg * cc - sg * sa, cg * cs + sg * ca, -cg * sb}, {-sg * cc - cg * sa, -sg * cs + cg * ca, sg * sb}, {sc, ss, cb}};
    }

    /** Dynamo's dynamo_euler2matrix, written out from its definition. */
    private static double[][] dynamoM(double tdrot, double tilt, double narot) {
        double ct = Math.cos(Math.toRadians(tdrot)), st = Math.sin(Math.toRadians(tdrot));
        double cn = Math.cos(Math.toRadians(narot)), sn = Math.sin(Math.toRadians(narot));
        double cb = Math.cos(Math.toRadians(tilt)), sb = Math.sin(Math.toRadians(tilt));
        return new double[][] {{ct * cn - st * cb * sn, -cn * st - ct * cb * sn, sn * sb}, {ct * sn + cn * st * cb, ct * cb * cn - st * sn, -cn * sb}, {st * sb, ct * sb, cb}};
    }

    private static double[] mul(double[][] m, double x, double y, double z) {
        return new double[] {m[0][0] * x + m[0][1] * y + m[0][2] * z, m[1][0] * x + m[1][1] * y + m[1][2] * z, m[2][0] * x + m[2][1] * y + m[2][2] * z};
    }

    private static double[][] t(double[][] m) {
        return new double[][] {{m[0][0], m[1][0], m[2][0]}, {m[0][1], m[1][1], m[2][1]}, {m[0][2], m[1][2], m[2][2]}};
    }

    private static double normalisedDifference(Volume a, Volume b) {
        double d = 0, n = 0;
        for (int i = 0; i < a.size(); i++) {
            d += (a.data[i] - b.data[i]) * (double) (a.data[i] - b.data[i]);
            n += b.data[i] * (double) b.data[i];
        }
        return Math.sqrt(d / n);
    }

    @Test
    void relionAndDynamoDefinitionsMoveTheVolumeAsTheEmanTransformDoes() {
        Volume ref = asymmetric();
        Random rnd = new Random(345);
        for (int trial = 0; trial < 4; trial++) {
            Transform refToPtcl = Transform.eman(360 * rnd.nextDouble() - 180, 180 * rnd.nextDouble(), 360 * rnd.nextDouble() - 180,
                    4 * rnd.nextDouble() - 2, 4 * rnd.nextDouble() - 2, 4 * rnd.nextDouble() - 2);
            Volume eman = VolumeTransforms.apply(ref, refToPtcl);

            // RELION: particle = reference rotated by A, then shifted by −origin → P(x) = V(Aᵀ·(x + origin/apix)).
            RelionPose r = RelionPose.of(refToPtcl, APIX);
            double[][] a = relionA(r.rot(), r.tilt(), r.psi());
            double ox = r.originXAngst() / APIX, oy = r.originYAngst() / APIX, oz = r.originZAngst() / APIX;
            Volume relion = resample(ref, (x, y, z) -> mul(t(a), x + ox, y + oy, z + oz));
            Volume relionTransposed = resample(ref, (x, y, z) -> mul(a, x + ox, y + oy, z + oz));
            Volume relionShiftSign = resample(ref, (x, y, z) -> mul(t(a), x - ox, y - oy, z - oz));

            // Dynamo: the template sampled at M·x (rotation), then shifted by +d → P(x) = V(M·(x − d)).
            DynamoPose d = DynamoPose.of(refToPtcl);
            double[][] m = dynamoM(d.tdrot(), d.tilt(), d.narot());
            Volume dynamo = resample(ref, (x, y, z) -> mul(m, x - d.dx(), y - d.dy(), z - d.dz()));
            Volume dynamoTransposed = resample(ref, (x, y, z) -> mul(t(m), x - d.dx(), y - d.dy(), z - d.dz()));

            String at = "trial " + trial + " " + refToPtcl;
            assertTrue(normalisedDifference(relion, eman) < 1e-3, at + ": RELION " + normalisedDifference(relion, eman));
            assertTrue(normalisedDifference(dynamo, eman) < 1e-3, at + ": Dynamo " + normalisedDifference(dynamo, eman));
            assertTrue(normalisedDifference(relionTransposed, eman) > 0.1, at + ": transposed RELION matrix " + normalisedDifference(relionTransposed, eman));
            assertTrue(normalisedDifference(relionShiftSign, eman) > 0.1, at + ": RELION origin sign flipped " + normalisedDifference(relionShiftSign, eman));
            assertTrue(normalisedDifference(dynamoTransposed, eman) > 0.1, at + ": transposed Dynamo matrix " + normalisedDifference(dynamoTransposed, eman));
        }
    }
}

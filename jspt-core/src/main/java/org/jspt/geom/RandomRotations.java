package org.jspt.geom;

import java.util.random.RandomGenerator;

/** Rotations uniform on SO(3) (Haar measure), from normalised 4-D Gaussian vectors (unit quaternions). */
public final class RandomRotations {
    private RandomRotations() {}

    /** A uniformly distributed rotation with translation (tx, ty, tz). */
    public static Transform next(RandomGenerator rng, double tx, double ty, double tz) {
        double a, b, c, d, len;
        do {
            a = rng.nextGaussian(); b = rng.nextGaussian(); c = rng.nextGaussian(); d = rng.nextGaussian();
            len = Math.sqrt(a * a + b * b + c * c + d * d);
        } while (len < 1e-6);
        a /= len; b /= len; c /= len; d /= len;
        double[][] r = {
            {a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)},
            {2 * (b * c + a * d), a * a - b * b + c * c - d * d, 2 * (c * d - a * b)},
            {2 * (b * d - a * c), 2 * (c * d + a * b), a * a - b * b - c * c + d * d}};
        return Transform.of(r, new double[] {tx, ty, tz});
    }
}

package org.jspt.image;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FftTest {
    private static Volume random(int nx, int ny, int nz, long seed) {
        Random r = new Random(seed);
        Volume v = new Volume(nx, ny, nz);
        for (int i = 0; i < v.data.length; i++) v.data[i] = (float) r.nextGaussian();
        return v;
    }

    /** The obvious O(N²) DFT with kernel exp(−2πi k·x/N), in double. */
    private static double[] directDft(Volume v, int kx, int ky, int kz) {
        double re = 0, im = 0;
        for (int z = 0; z < v.nz; z++)
            for (int y = 0; y < v.ny; y++)
                for (int x = 0; x < v.nx; x++) {
                    double a = -2 * Math.PI * ((double) kx * x / v.nx + (double) ky * y / v.ny + (double) kz * z / v.nz);
                    double f = v.get(x, y, z);
                    re += f * Math.cos(a);
                    im += f * Math.sin(a);
                }
        return new double[] {re, im};
    }

    @ParameterizedTest
    @CsvSource({"8,8,8", "5,5,5", "4,6,5", "7,3,4", "6,1,1", "9,8,1"})
    void forwardMatchesDirectDftOnEvenAndOddSizes(int nx, int ny, int nz) {
        Volume v = random(nx, ny, nz, 345);
        FourierVolume f = Fft.forward(v);
        for (int z = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int kx = 0; kx < f.nkx; kx++) {
                    int ky = FourierVolume.signedIndex(y, ny), kz = FourierVolume.signedIndex(z, nz);
                    double[] d = directDft(v, kx, ky, kz);
                    assertEquals(d[0], f.re(kx, ky, kz), 1e-4 * Math.sqrt(v.size()), "re at " + kx + "," + ky + "," + kz);
                    assertEquals(d[1], f.im(kx, ky, kz), 1e-4 * Math.sqrt(v.size()), "im at " + kx + "," + ky + "," + kz);
                }
    }

    @ParameterizedTest
    @CsvSource({"32,32,32", "24,24,24", "7,5,3", "48,48,48"})
    void inverseOfForwardIsTheInput(int nx, int ny, int nz) {
        Volume v = random(nx, ny, nz, 7);
        Volume back = Fft.inverse(Fft.forward(v));
        for (int i = 0; i < v.data.length; i++) assertEquals(v.data[i], back.data[i], 1e-5, "voxel " + i);
    }

    @Test
    void inputIsNotModified() {
        Volume v = random(8, 8, 8, 1);
        Volume copy = v.copy();
        FourierVolume f = Fft.forward(v);
        FourierVolume fc = f.copy();
        Fft.inverse(f);
        assertArrayEquals(copy.data, v.data);
        assertArrayEquals(fc.data, f.data);
    }

    @Test
    void dcOnlyInvertsToOneOverN() {
        FourierVolume f = new FourierVolume(8, 8, 8);
        f.set(0, 0, 0, 1, 0);
        Volume v = Fft.inverse(f);
        for (float x : v.data) assertEquals(1.0 / 512, x, 1e-9);
    }

    @Test
    void fourierShiftTranslatesContent() {
        Volume v = new Volume(8, 8, 8);
        v.set(4, 4, 4, 1);
        FourierVolume f = Fft.forward(v);
        f.shift(1, -2, 3);
        Volume s = Fft.inverse(f);
        assertEquals(1, s.get(5, 2, 7), 1e-6);
        assertEquals(0, s.get(4, 4, 4), 1e-6);
        // Moving the phase origin from the centre to the corner is a multiplication by (−1)^(kx+ky+kz) on even boxes.
        FourierVolume g = Fft.forward(random(8, 8, 8, 2));
        FourierVolume h = g.copy();
        h.shift(-4, -4, -4);
        for (int z = 0; z < 8; z++)
            for (int y = 0; y < 8; y++)
                for (int kx = 0; kx < g.nkx; kx++) {
                    int sign = ((kx + y + z) % 2 == 0) ? 1 : -1;
                    int i = g.index(kx, y, z);
                    assertEquals(sign * g.data[i], h.data[i], 1e-4);
                    assertEquals(sign * g.data[i + 1], h.data[i + 1], 1e-4);
                }
    }

    @Test
    void outputOfTheWrongShapeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Fft.forward(new Volume(8, 8, 8), new FourierVolume(8, 8, 6)));
        assertThrows(IllegalArgumentException.class, () -> Fft.inverse(new FourierVolume(8, 8, 8), new Volume(6, 8, 8)));
    }

    @Test
    void everyThreadComputesTheSameBits() throws Exception {
        Volume v = random(32, 32, 32, 11);
        float[] expected = Fft.forward(v).data;
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int t = 0; t < 6; t++) {
                Future<float[]> f = pool.submit(() -> Fft.forward(v).data);
                assertArrayEquals(expected, f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void releasedPlansAreMadeAgain() {
        Volume v = random(6, 6, 6, 3);
        float[] a = Fft.forward(v).data;
        Fft.releaseThreadPlans();
        assertArrayEquals(a, Fft.forward(v).data);
    }
}

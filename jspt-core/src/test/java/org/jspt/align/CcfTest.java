package org.jspt.align;

import static org.junit.jupiter.api.Assertions.*;

import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.junit.jupiter.api.Test;

/** calc_ccf against the circular formula, and calc_max_location_wrap's window and tie rules (docs/reference/alignment.md §4). */
class CcfTest {
    @Test
    void ccfIsTheCircularCorrelationSum() {
        int n = 6;
        Volume a = AlignTestData.random(n, 1), b = AlignTestData.random(n, 2);
        Volume c = Ccf.compute(a, b);
        for (int sz = 0; sz < n; sz++)
            for (int sy = 0; sy < n; sy++)
                for (int sx = 0; sx < n; sx++) {
                    double s = 0;
                    for (int z = 0; z < n; z++)
                        for (int y = 0; y < n; y++)
                            for (int x = 0; x < n; x++) s += a.get((x + sx) % n, (y + sy) % n, (z + sz) % n) * b.get(x, y, z);
                    assertEquals(s, c.get(sx, sy, sz), 1e-3, "ccf at " + sx + "," + sy + "," + sz);
                }
    }

    @Test
    void peakOfAShiftedCopyIsTheShift() {
        Volume b = AlignTestData.phantom(16, 3);
        Volume a = VolumeTransforms.translateInt(b, 1, -2, 3);
        assertArrayEquals(new int[] {1, -2, 3}, Ccf.maxLocationWrap(Ccf.compute(a, b), 4, 4, 4));
    }

    @Test
    void firstStrictMaximumWinsInEmanLoopOrder() {
        Volume c = new Volume(16, 16, 16);
        c.set(14, 0, 0, 5f); // x = −2
        c.set(2, 0, 0, 5f);  // x = +2
        assertArrayEquals(new int[] {-2, 0, 0}, Ccf.maxLocationWrap(c, 3, 3, 3));

        c.fill(0);
        c.set(0, 1, 0, 5f); // (y = 1, z = 0)
        c.set(0, 0, 1, 5f); // (y = 0, z = 1)
        assertArrayEquals(new int[] {0, 1, 0}, Ccf.maxLocationWrap(c, 3, 3, 3));

        c.fill(0);
        c.set(0, 15, 0, 5f); // y = −1
        c.set(0, 0, 15, 5f); // z = −1 comes first (z outer)
        assertArrayEquals(new int[] {0, 0, -1}, Ccf.maxLocationWrap(c, 3, 3, 3));
    }

    @Test
    void allEqualGivesTheWindowCorner() {
        Volume c = new Volume(16, 16, 16);
        c.fill(-1f);
        assertArrayEquals(new int[] {-2, -3, -1}, Ccf.maxLocationWrap(c, 2, 3, 1));
        assertArrayEquals(new int[] {-4, -4, -4}, Ccf.maxLocationWrap(c, -1, -1, -1), "−1 means size/4");
    }

    @Test
    void peaksOutsideTheWindowAreIgnored() {
        Volume c = new Volume(16, 16, 16);
        c.set(5, 0, 0, 10f);
        c.set(2, 1, 0, 3f);
        int[] p = new int[3];
        assertEquals(3f, Ccf.maxLocationWrap(c, 2, 2, 2, p));
        assertArrayEquals(new int[] {2, 1, 0}, p);
        assertArrayEquals(new int[] {5, 0, 0}, Ccf.maxLocationWrap(c, 5, 2, 2));
    }

    @Test
    void normalizeGivesMeanZeroSampleSigmaOne() {
        Volume c = AlignTestData.random(8, 4);
        for (int i = 0; i < c.data.length; i++) c.data[i] = c.data[i] * 3 + 7;
        Ccf.normalize(c);
        assertEquals(0, c.mean(), 1e-6);
        assertEquals(1, c.sigma(), 1e-5);
    }
}

package org.jspt.proc.mask;

import static org.junit.jupiter.api.Assertions.*;

import org.jspt.image.Volume;
import org.jspt.proc.Processors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskTest {
    static Volume ones(int n) {
        Volume v = Volume.cube(n);
        v.fill(1f);
        return v;
    }

    static Volume apply(String spec, Volume v) { return Processors.parse(spec).orElseThrow().apply(v); }

    static int count(Volume v, float value) {
        int c = 0;
        for (float x : v.data) if (x == value) c++;
        return c;
    }

    /** Voxel counts verified against EMAN2 2.99.72 on 20³ (docs/reference/processing.md §5.1). */
    @ParameterizedTest
    @CsvSource({"outer_radius=5,485", "outer_radius=5.5,739", "outer_radius=-1,4139", "outer_radius=-4,1365"})
    void sharpMaskKeepsEman2sVoxelCounts(String param, int kept) {
        assertEquals(kept, count(apply("mask.sharp:" + param, ones(20)), 1f));
    }

    @Test
    void sharpMaskShellValueAndOffsets() {
        Volume out = apply("mask.sharp:inner_radius=3:outer_radius=7:value=2", ones(20));
        assertEquals(2f, out.get(10, 10, 10));       // d = 0 < 3
        assertEquals(1f, out.get(13, 10, 10));       // d = 3 kept
        assertEquals(1f, out.get(16, 10, 10));       // d = 6 kept
        assertEquals(2f, out.get(17, 10, 10));       // d = 7 = r_out: masked
        Volume off = apply("mask.sharp:outer_radius=2:dx=2:dy=-1:dz=1", ones(20));
        assertEquals(1f, off.get(12, 9, 11));
        assertEquals(0f, off.get(10, 10, 10));
        assertEquals(0, count(apply("mask.sharp:outer_radius=0", ones(8)), 1f), "outer_radius=0 masks everything");
        assertEquals(512, count(apply("mask.sharp:inner_radius=0", ones(8)), 1f), "inner 0 and no outer: nothing");
    }

    @Test
    void softMaskValuesMatchEman2() {
        Volume out = apply("mask.soft:outer_radius=5", ones(20));
        assertEquals(1f, out.get(15, 10, 10));
        assertEquals(0.9394131, out.get(16, 10, 10), 1.2e-6);
        assertEquals(0.7788008, out.get(17, 10, 10), 1.2e-6);
        assertEquals(0.3678794, out.get(19, 10, 10), 1.2e-6);
        Volume in = apply("mask.soft:inner_radius=3:outer_radius=7:width=1.5:value=1", new Volume(20, 20, 20));
        assertEquals(1 - Math.exp(-Math.pow(2 / 1.5, 2)), in.get(11, 10, 10), 1e-6); // d = 1, r_in − d = 2
        assertEquals(0, in.get(15, 10, 10), 1e-7);
        assertEquals(1 - Math.exp(-Math.pow(1 / 1.5, 2)), in.get(18, 10, 10), 1e-6); // d = 8
    }

    @Test
    void fromFileMultipliesAndBinarisesWithMaskset() {
        Volume m = Volume.cube(4);
        m.data[5] = 2f;
        m.data[6] = 3f;
        m.data[7] = 0.5f;
        Volume v = ones(4);
        v.fill(3f);
        Volume out = Processors.parse("mask.fromfile:filename=m.hdf", f -> m).orElseThrow().apply(v);
        assertEquals(6f, out.data[5]);
        assertEquals(1.5f, out.data[7]);
        Volume set = Processors.parse("mask.fromfile:filename=m.hdf:maskset=2", f -> m).orElseThrow().apply(v);
        assertEquals(3f, set.data[5]);
        assertEquals(0f, set.data[6]);
        assertThrows(IllegalArgumentException.class,
                () -> Processors.parse("mask.fromfile:filename=m.hdf", f -> Volume.cube(5)).orElseThrow().apply(v));
    }
}

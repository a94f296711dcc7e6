package org.jspt.report;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import org.jspt.image.Volume;
import org.junit.jupiter.api.Test;

/** Sections, projections and grey levels on a small volume with known values. */
class VolumeImagesTest {
    /** v(x, y, z) = x + 10 y + 100 z on 4 × 3 × 2. */
    private static Volume ramp() {
        Volume v = new Volume(4, 3, 2);
        for (int z = 0; z < 2; z++) for (int y = 0; y < 3; y++) for (int x = 0; x < 4; x++) v.set(x, y, z, x + 10 * y + 100 * z);
        return v;
    }

    @Test
    void sectionsKeepTheRemainingAxesInOrder() {
        Volume v = ramp();
        VolumeImages.Plane xy = VolumeImages.view(v, VolumeImages.View.XY); // z = 1
        assertEquals(4, xy.w());
        assertEquals(3, xy.h());
        assertEquals(100 + 2 + 10, xy.data()[2 + 4], 0);
        VolumeImages.Plane xz = VolumeImages.view(v, VolumeImages.View.XZ); // y = 1
        assertEquals(4, xz.w());
        assertEquals(2, xz.h());
        assertEquals(3 + 10 + 100, xz.data()[3 + 4], 0);
        VolumeImages.Plane yz = VolumeImages.view(v, VolumeImages.View.YZ); // x = 2
        assertEquals(3, yz.w());
        assertEquals(2, yz.h());
        assertEquals(2 + 20 + 100, yz.data()[2 + 3], 0);
    }

    @Test
    void projectionsSumAlongTheirAxis() {
        Volume v = ramp();
        VolumeImages.Plane pz = VolumeImages.view(v, VolumeImages.View.PROJ_Z);
        assertEquals((1 + 10) + (1 + 10 + 100), pz.data()[1 + 4], 0);
        VolumeImages.Plane px = VolumeImages.view(v, VolumeImages.View.PROJ_X);
        assertEquals(3, px.w());
        assertEquals(4 * (20 + 100) + (0 + 1 + 2 + 3), px.data()[2 + 3], 0);
    }

    @Test
    void greyLevelsSpanTheImageRangeWithTheSecondAxisUp() {
        VolumeImages.Plane p = new VolumeImages.Plane(2, 2, new float[] {-1, 0, 1, 3});
        BufferedImage img = VolumeImages.grey(p, 3);
        assertEquals(6, img.getWidth());
        assertEquals(6, img.getHeight());
        // Row 0 of the plane is drawn at the bottom: (0, 0) = −1 = black at the bottom left, (1, 1) = 3 = white at the top right.
        assertEquals(0, img.getRaster().getSample(0, 5, 0));
        assertEquals(255, img.getRaster().getSample(5, 0, 0));
        assertEquals(Math.round(255 * 2 / 4.0), img.getRaster().getSample(0, 0, 0)); // value 1
        assertEquals(Math.round(255 * 1 / 4.0), img.getRaster().getSample(4, 4, 0)); // value 0
    }

    @Test
    void aFlatImageIsMidGreyAndNonFiniteValuesAreBlack() {
        BufferedImage img = VolumeImages.grey(new VolumeImages.Plane(2, 1, new float[] {5, Float.NaN}), 1);
        assertEquals(128, img.getRaster().getSample(0, 0, 0));
        assertEquals(0, img.getRaster().getSample(1, 0, 0));
    }

    @Test
    void lambertProjectionPutsThePolesAtTheCentreAndRim() {
        assertArrayEquals(new double[] {0, 0}, RunReport.lambert(new double[] {0, 0, 1}), 1e-12);
        assertEquals(Math.sqrt(2), Math.hypot(RunReport.lambert(new double[] {0, 1, 0})[0], RunReport.lambert(new double[] {0, 1, 0})[1]), 1e-12);
        assertArrayEquals(new double[] {2, 0}, RunReport.lambert(new double[] {1e-12, 0, -1}), 1e-6);
    }
}

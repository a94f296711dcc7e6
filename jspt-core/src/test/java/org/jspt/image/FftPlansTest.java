package org.jspt.image;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Measured FFT plans ({@link FftPlans}, docs/performance.md): every thread, and a process that reads the plans back
 * from their text, transforms with the same plan, so the bits are the same; back on estimated plans, the bits are the
 * estimated plans' again (the measured wisdom is forgotten, so it cannot leak into estimated planning).
 */
class FftPlansTest {
    @AfterEach
    void estimatedAgain() { FftPlans.adopt(FftPlans.Wisdom.NONE); }

    @Test
    void measuredPlansGiveTheSameBitsOnEveryThreadAndAfterReadingThemBack() throws Exception {
        int n = 40; // a size no other test measures
        Volume v = Volume.cube(n);
        Random r = new Random(5);
        for (int i = 0; i < v.data.length; i++) v.data[i] = (float) r.nextGaussian();
        FftPlans.adopt(FftPlans.Wisdom.NONE);
        FourierVolume estimated = Fft.forward(v);
        Volume estimatedBack = Fft.inverse(estimated);

        FftPlans.Wisdom plans = FftPlans.measureAll(n);
        assertTrue(plans.measures(n));
        FftPlans.adopt(plans); // planned from this wisdom only: a missing or unread wisdom fails here
        FourierVolume here = Fft.forward(v);
        Volume back = Fft.inverse(here);
        AtomicReference<FourierVolume> other = new AtomicReference<>();
        Thread t = new Thread(() -> other.set(Fft.forward(v)));
        t.start();
        t.join();
        assertArrayEquals(here.data, other.get().data, "another thread, the same plan");

        FftPlans.Wisdom read = FftPlans.Wisdom.parse(plans.text());
        assertEquals(plans, read);
        FftPlans.adopt(FftPlans.Wisdom.NONE);
        assertArrayEquals(estimated.data, Fft.forward(v).data, "estimated plans again");
        assertArrayEquals(estimatedBack.data, Fft.inverse(estimated).data);
        FftPlans.adopt(read);
        assertArrayEquals(here.data, Fft.forward(v).data, "the plans read back");
        assertArrayEquals(back.data, Fft.inverse(here).data);
        for (int i = 0; i < v.data.length; i++) assertEquals(v.data[i], back.data[i], 1e-4, "a measured round trip is still the identity");
    }

    @Test
    void onlySizesWhereTheMeasuredPlanPaysAreKept() {
        FftPlans.Wisdom all = FftPlans.measureAll(20, 36);
        FftPlans.Wisdom paying = FftPlans.measure(20, 36);
        for (int n : new int[] {20, 36}) {
            assertTrue(all.measures(n));
            assertEquals(all.speedup().get(n) * FftPlans.MIN_GAIN >= 1, paying.measures(n), "size " + n + ": " + all.speedup().get(n));
        }
        assertTrue(paying.describe().startsWith(paying.wisdom().isEmpty() ? "estimated for every size" : "measured for "), paying.describe());
    }

    @Test
    void aDamagedPlansFileIsRefusedWithAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FftPlans.Wisdom.parse("hello\n"));
        assertTrue(e.getMessage().contains("not a jspt FFT plans file"), e.getMessage());
        String text = FftPlans.measureAll(20).text();
        String cut = text.substring(0, text.indexOf('\n', text.indexOf('\n') + 1) + 1) + "(fftw-3\n";
        e = assertThrows(IllegalArgumentException.class, () -> FftPlans.Wisdom.parse(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        FftPlans.Wisdom bad = new FftPlans.Wisdom(new java.util.TreeMap<>(java.util.Map.of(20, "(not wisdom)")), new java.util.TreeMap<>());
        e = assertThrows(IllegalArgumentException.class, () -> FftPlans.adopt(bad));
        assertTrue(e.getMessage().contains("could not read the wisdom for 20³"), e.getMessage());
        assertEquals(FftPlans.Wisdom.NONE, FftPlans.current(), "a refused set is not adopted");
    }
}

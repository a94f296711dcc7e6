package org.jspt.image;

import static org.bytedeco.fftw.global.fftw3.*;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.fftw.global.fftw3.fftwf_plan;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;

/**
 * Which cubic transform sizes {@link Fft} plans with {@code FFTW_MEASURE}, and FFTW's wisdom for them
 * ({@code docs/performance.md}, "FFT plans").
 *
 * <p>A measured plan is chosen by timing, so two processes that measured on their own could pick different
 * plans and round differently. Here a size is measured once per process ({@link #measure}), kept only where
 * the measured plan is at least {@link #MIN_GAIN} faster than the estimated one, and its wisdom is kept
 * as text in a {@link Wisdom}. Every process that must compute the same bits (the driver's threads, Spark
 * executors, a resumed run) {@link #adopt}s the same set: FFTW's wisdom is then exactly the set's, and
 * {@link Fft} plans a listed size from that wisdom only ({@code FFTW_WISDOM_ONLY}) and every other size
 * with {@code FFTW_ESTIMATE}. FFTW also consults wisdom for estimated plans, so adopting a set forgets
 * all other wisdom first, and {@link Fft} replans every thread's transforms when the set changes.
 *
 * <p>The process starts with {@link Wisdom#NONE}: no wisdom, every plan estimated, as before measured plans
 * existed.
 */
public final class FftPlans {
    /** A measured plan must take at most this fraction of the estimated plan's time to be used. */
    static final double MIN_GAIN = 0.9;
    /** Wall time each plan is run for when comparing the two (per size). */
    private static final long TIMING_NANOS = 150_000_000L;

    static {
        Loader.load(org.bytedeco.fftw.global.fftw3.class);
    }

    /**
     * The measured sizes with their wisdom (one FFTW wisdom text per size), and for the log how much faster
     * each is. Immutable; its {@link #text()} is what the run folder keeps.
     */
    public record Wisdom(TreeMap<Integer, String> wisdom, TreeMap<Integer, Double> speedup) implements Serializable {
        private static final long serialVersionUID = 1L;
        private static final String HEADER = "# jspt FFT plans 1: measured sizes and FFTW wisdom (docs/performance.md)";
        public static final Wisdom NONE = new Wisdom(new TreeMap<>(), new TreeMap<>());

        public Wisdom {
            TreeMap<Integer, String> stripped = new TreeMap<>();
            wisdom.forEach((n, w) -> stripped.put(n, w.strip())); // as the file keeps it
            wisdom = stripped;
            speedup = new TreeMap<>(speedup);
        }

        public boolean measures(int n) { return wisdom.containsKey(n); }

        /** The file form: the header, then per size "size N speedup S", its wisdom's line count and the wisdom. */
        public String text() {
            StringBuilder b = new StringBuilder(HEADER).append('\n');
            for (Map.Entry<Integer, String> e : wisdom.entrySet()) {
                String w = e.getValue();
                b.append("size ").append(e.getKey()).append(" speedup ").append(String.format(java.util.Locale.ROOT, "%.3f", speedup.getOrDefault(e.getKey(), 1.0)))
                        .append(" lines ").append(w.split("\n", -1).length).append('\n').append(w).append('\n');
            }
            return b.toString();
        }

        /** Reads {@link #text()}. @throws IllegalArgumentException naming what is wrong */
        public static Wisdom parse(String text) {
            String[] lines = text.split("\n", -1);
            if (lines.length == 0 || !lines[0].equals(HEADER)) throw new IllegalArgumentException("not a jspt FFT plans file (first line: " + (lines.length == 0 ? "" : lines[0]) + ")");
            TreeMap<Integer, String> w = new TreeMap<>();
            TreeMap<Integer, Double> s = new TreeMap<>();
            int i = 1;
            while (i < lines.length && !lines[i].isEmpty()) {
                String[] f = lines[i].split(" ");
                if (f.length != 6 || !f[0].equals("size") || !f[2].equals("speedup") || !f[4].equals("lines")) throw new IllegalArgumentException("FFT plans file: bad line " + (i + 1) + ": " + lines[i]);
                int n = Integer.parseInt(f[1]), count = Integer.parseInt(f[5]);
                if (count < 1 || i + 1 + count > lines.length) throw new IllegalArgumentException("FFT plans file: truncated after line " + (i + 1));
                s.put(n, Double.parseDouble(f[3]));
                w.put(n, String.join("\n", Arrays.asList(lines).subList(i + 1, i + 1 + count)));
                i += 1 + count;
            }
            return new Wisdom(w, s);
        }

        /** For the log: "measured for 48³ (2.09× as fast), …", or that none is. */
        public String describe() {
            if (wisdom.isEmpty()) return "estimated for every size";
            List<String> parts = new ArrayList<>();
            for (int n : wisdom.keySet()) parts.add(String.format(java.util.Locale.ROOT, "%d³ (%.2f× as fast)", n, speedup.getOrDefault(n, 1.0)));
            return "measured for " + String.join(", ", parts) + ", estimated for the others";
        }
    }

    /** One size as this process timed it: its wisdom, and estimated time ÷ measured time (rounded as the file writes it). */
    private record Timed(String wisdom, double speedup) {}

    /** Sizes this process has timed, whether or not the measured plan was faster. */
    private static final Map<Integer, Timed> TIMED = new LinkedHashMap<>();
    private static volatile Wisdom current = Wisdom.NONE;
    private static volatile int generation;

    private FftPlans() {}

    /** The set every plan of this process follows now. */
    public static Wisdom current() { return current; }

    /** Changes whenever {@link #current()} does (then every thread's plans are made again). */
    static int generation() { return generation; }

    /**
     * Times FFTW_MEASURE against FFTW_ESTIMATE for every size not timed yet in this process (a second or a few
     * per size: FFTW's measuring), and returns the set of those of {@code sizes} where measuring pays. Does not
     * adopt it.
     */
    public static Wisdom measure(int... sizes) { return measure(false, sizes); }

    /**
     * Every size of {@code sizes} with its measured plan, whether or not it is faster: for tests and benchmarks
     * that need measured plans to exist on any machine.
     */
    public static Wisdom measureAll(int... sizes) { return measure(true, sizes); }

    private static Wisdom measure(boolean all, int... sizes) {
        synchronized (Fft.PLANNER_LOCK) {
            TreeMap<Integer, String> w = new TreeMap<>();
            TreeMap<Integer, Double> s = new TreeMap<>();
            for (int n : sizes) {
                if (n < 2) continue;
                Timed t = TIMED.computeIfAbsent(n, FftPlans::time);
                if (all || t.speedup() * MIN_GAIN >= 1) {
                    w.put(n, t.wisdom());
                    s.put(n, t.speedup());
                }
            }
            return new Wisdom(w, s);
        }
    }

    /**
     * Makes {@code set} this process's: FFTW's wisdom becomes exactly the set's, and every thread plans again
     * before its next transform. A no-op if it already is.
     * @throws IllegalArgumentException if FFTW refuses a wisdom text
     */
    public static void adopt(Wisdom set) {
        synchronized (Fft.PLANNER_LOCK) {
            if (set.equals(current)) return;
            try {
                installWisdom(set);
            } catch (IllegalArgumentException e) {
                installWisdom(current); // refused: the process keeps the plans it had
                throw e;
            }
            current = set;
            generation++;
        }
    }

    private static void installWisdom(Wisdom set) {
        fftwf_forget_wisdom();
        for (Map.Entry<Integer, String> e : set.wisdom().entrySet()) {
            if (fftwf_import_wisdom_from_string(e.getValue()) == 0) {
                fftwf_forget_wisdom();
                throw new IllegalArgumentException("FFTW could not read the wisdom for " + e.getKey() + "³ transforms (made by another FFTW build?)");
            }
        }
    }

    /** Times size n (under the planner lock), from empty wisdom so that its wisdom text holds this size only. */
    private static Timed time(int n) {
        long real = (long) n * n * n, complex = 2L * (n / 2 + 1) * n * n;
        FloatPointer r = new FloatPointer(fftwf_malloc(4 * real)).capacity(real);
        FloatPointer c = new FloatPointer(fftwf_malloc(4 * complex)).capacity(complex);
        fftwf_plan[] plans = new fftwf_plan[4];
        try {
            fftwf_forget_wisdom();
            plans[0] = fftwf_plan_dft_r2c_3d(n, n, n, r, c, (int) FFTW_ESTIMATE);
            plans[1] = fftwf_plan_dft_c2r_3d(n, n, n, c, r, (int) FFTW_ESTIMATE);
            plans[2] = fftwf_plan_dft_r2c_3d(n, n, n, r, c, (int) FFTW_MEASURE);
            plans[3] = fftwf_plan_dft_c2r_3d(n, n, n, c, r, (int) FFTW_MEASURE);
            for (fftwf_plan p : plans) if (p == null || p.isNull()) throw new IllegalStateException("FFTW could not plan a " + n + "³ transform");
            BytePointer text = fftwf_export_wisdom_to_string();
            String wisdom = text.getString();
            Pointer.free(text);
            float[] data = new float[(int) real];
            java.util.Random random = new java.util.Random(n);
            for (int i = 0; i < data.length; i++) data[i] = (float) random.nextGaussian();
            double estimated = secondsPerPair(plans[0], plans[1], r, data), measured = secondsPerPair(plans[2], plans[3], r, data);
            // Once more each, alternating, so a burst of load on a shared machine does not decide alone.
            estimated = Math.min(estimated, secondsPerPair(plans[0], plans[1], r, data));
            measured = Math.min(measured, secondsPerPair(plans[2], plans[3], r, data));
            return new Timed(wisdom, Math.round(1000 * estimated / measured) / 1000.0); // as the plans file writes it
        } finally {
            for (fftwf_plan p : plans) if (p != null && !p.isNull()) fftwf_destroy_plan(p);
            fftwf_free(r);
            fftwf_free(c);
            installWisdom(current); // the process's wisdom is the adopted set's again
        }
    }

    /** Median time of a forward + inverse pair over about {@link #TIMING_NANOS}. */
    private static double secondsPerPair(fftwf_plan forward, fftwf_plan inverse, FloatPointer real, float[] data) {
        List<Long> times = new ArrayList<>();
        long start = System.nanoTime();
        while (times.size() < 3 || (System.nanoTime() - start < TIMING_NANOS / 2 && times.size() < 200)) {
            real.put(data, 0, data.length);
            long t0 = System.nanoTime();
            fftwf_execute(forward);
            fftwf_execute(inverse);
            times.add(System.nanoTime() - t0);
        }
        java.util.Collections.sort(times);
        return times.get(times.size() / 2) * 1e-9;
    }
}

package org.jspt.image;

import static org.bytedeco.fftw.global.fftw3.*;

import java.util.HashMap;
import java.util.Map;
import org.bytedeco.fftw.global.fftw3.fftwf_plan;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;

/**
 * 3-D real-to-complex and complex-to-real float transforms through FFTW (JavaCPP preset), with EMAN2's
 * conventions ({@code docs/reference/alignment.md} §1): the forward transform is unnormalised with kernel
 * exp(−2πi k·x/N) and the voxel 0 as origin; the inverse is scaled by 1/(nx·ny·nz), so
 * {@code inverse(forward(v)) == v} up to rounding. Layout: {@link FourierVolume}.
 *
 * <p>Thread-safe. Each thread keeps one plan pair per size with its own aligned native buffers, made once
 * and reused, so a steady-state call allocates nothing (the caller passes the output). Planning (FFTW's
 * planner is not thread-safe) happens under one global lock. Plans use {@code FFTW_ESTIMATE}: it is
 * deterministic, so every thread computes bit-identical transforms, which the determinism requirement
 * of the refinement needs (measured plans may differ between threads). The exception: sizes listed by the
 * adopted {@link FftPlans}, planned with {@code FFTW_MEASURE} from the wisdom every thread and process shares.
 */
public final class Fft {
    static final Object PLANNER_LOCK = new Object();
    private static final ThreadLocal<ThreadPlans> PLANS = ThreadLocal.withInitial(ThreadPlans::new);

    /** One thread's plans, made under the {@link FftPlans} generation they belong to. */
    private static final class ThreadPlans {
        final Map<Long, Plans> bySize = new HashMap<>();
        int generation = -1;
    }

    static {
        Loader.load(org.bytedeco.fftw.global.fftw3.class);
    }

    private Fft() {}

    /** One size's plans and native buffers, owned by one thread. */
    private static final class Plans {
        final FloatPointer real, complex;
        final fftwf_plan r2c, c2r;
        final long realCount, complexCount;

        Plans(int nx, int ny, int nz) {
            realCount = (long) nx * ny * nz;
            complexCount = 2L * (nx / 2 + 1) * ny * nz;
            synchronized (PLANNER_LOCK) {
                real = new FloatPointer(fftwf_malloc(4 * realCount)).capacity(realCount);
                complex = new FloatPointer(fftwf_malloc(4 * complexCount)).capacity(complexCount);
                if (real.isNull() || complex.isNull()) throw new OutOfMemoryError("fftwf_malloc failed for " + nx + "x" + ny + "x" + nz);
                // A measured size is planned from the adopted wisdom only, so every thread and process gets its plan.
                boolean measured = nx == ny && ny == nz && FftPlans.current().measures(nx);
                int flags = measured ? (int) (FFTW_MEASURE | FFTW_WISDOM_ONLY) : (int) FFTW_ESTIMATE;
                // NB: FFTW's row-major n0 × n1 × n2 with n2 fastest is our nz × ny × nx with x fastest.
                r2c = fftwf_plan_dft_r2c_3d(nz, ny, nx, real, complex, flags);
                c2r = fftwf_plan_dft_c2r_3d(nz, ny, nx, complex, real, flags);
                if (r2c == null || r2c.isNull() || c2r == null || c2r.isNull()) {
                    throw new IllegalStateException("FFTW could not plan a " + nx + "x" + ny + "x" + nz + " transform"
                            + (measured ? " from the measured plans' wisdom" : ""));
                }
            }
        }
    }

    private static Plans plans(int nx, int ny, int nz) {
        long key = ((long) nx << 42) | ((long) ny << 21) | nz;
        ThreadPlans mine = PLANS.get();
        int generation = FftPlans.generation();
        if (mine.generation != generation) { // another set of measured plans was adopted: plan again
            release(mine.bySize);
            mine.generation = generation;
        }
        return mine.bySize.computeIfAbsent(key, k -> new Plans(nx, ny, nz));
    }

    /**
     * Forward transform of {@code in} into {@code out} (allocated if null). {@code in} is not modified.
     * @return out
     */
    public static FourierVolume forward(Volume in, FourierVolume out) {
        if (out == null) out = FourierVolume.forShapeOf(in);
        else if (!out.matches(in)) throw new IllegalArgumentException("FFT output is for " + out.nx + "x" + out.ny + "x" + out.nz + ", input is " + in.shape());
        Plans p = plans(in.nx, in.ny, in.nz);
        p.real.put(in.data, 0, in.data.length);
        fftwf_execute(p.r2c);
        p.complex.get(out.data, 0, out.data.length);
        return out;
    }

    /** Convenience: a new Fourier volume. */
    public static FourierVolume forward(Volume in) { return forward(in, null); }

    /**
     * Inverse transform of {@code in} into {@code out} (allocated if null, with an empty header), scaled
     * by 1/(nx·ny·nz). {@code in} is not modified (FFTW's c2r destroys its input, so it works on a copy in
     * its own buffer).
     * @return out
     */
    public static Volume inverse(FourierVolume in, Volume out) {
        if (out == null) out = new Volume(in.nx, in.ny, in.nz);
        else if (!in.matches(out)) throw new IllegalArgumentException("inverse FFT output is " + out.shape() + ", input is for " + in.nx + "x" + in.ny + "x" + in.nz);
        Plans p = plans(in.nx, in.ny, in.nz);
        p.complex.put(in.data, 0, in.data.length);
        fftwf_execute(p.c2r);
        p.real.get(out.data, 0, out.data.length);
        float scale = (float) (1.0 / p.realCount);
        float[] d = out.data;
        for (int i = 0; i < d.length; i++) d[i] *= scale;
        return out;
    }

    /** Convenience: a new volume. */
    public static Volume inverse(FourierVolume in) { return inverse(in, null); }

    /**
     * Frees the calling thread's plans and native buffers. Optional: call it when a worker thread that
     * used many sizes is about to end; the next call on this thread plans again.
     */
    public static void releaseThreadPlans() {
        release(PLANS.get().bySize);
    }

    private static void release(Map<Long, Plans> map) {
        synchronized (PLANNER_LOCK) {
            for (Plans p : map.values()) {
                fftwf_destroy_plan(p.r2c);
                fftwf_destroy_plan(p.c2r);
                fftwf_free(p.real);
                fftwf_free(p.complex);
            }
        }
        map.clear();
    }
}

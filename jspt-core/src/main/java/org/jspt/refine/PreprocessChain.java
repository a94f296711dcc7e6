package org.jspt.refine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspt.image.Volume;
import org.jspt.proc.Processor;
import org.jspt.proc.ProcessorSpec;
import org.jspt.proc.Processors;

/**
 * One preprocessing chain of refinemulti ({@code docs/reference/refinemulti.md} §4.1), for volumes of one raw box size:
 * mask image → normalise (normalize.mask receives the mask) → apply the mask → threshold → low-pass →
 * high-pass → preprocess → clip (then mask.soft:outer_radius=-4) → shrink (math.fft.resample).
 * "Resize only" runs just the clip and shrink steps. Immutable and thread-safe (processors are).
 */
public final class PreprocessChain {
    /** The user's choices for one chain (null = step off). */
    public record Settings(ProcessorSpec mask, Volume maskFile, ProcessorSpec normproc, ProcessorSpec threshold,
                           ProcessorSpec lowpass, ProcessorSpec highpass, ProcessorSpec preprocess, int clip, int shrink) implements java.io.Serializable {
        /** True if any step of the full chain does something. */
        public boolean active() {
            return mask != null || maskFile != null || normproc != null || threshold != null || lowpass != null
                    || highpass != null || preprocess != null || clip > 0 || shrink > 1;
        }

        public static Settings none() { return new Settings(null, null, null, null, null, null, null, 0, 0); }
    }

    private final int rawBox;
    private final Volume maskImage; // null when neither --mask nor --maskfile
    private final Processor normalise;
    private final Processor threshold, lowpass, highpass, preprocess;
    private final List<Processor> resize = new ArrayList<>();
    private final int outBox, clipBox;

    public PreprocessChain(int rawBox, Settings s) {
        this.rawBox = rawBox;
        this.maskImage = maskImage(rawBox, s);
        ProcessorSpec norm = s.normproc();
        if (norm != null && norm.name().equals("normalize.mask")) {
            norm = norm.with("mask", maskImage != null ? maskImage : ones(rawBox));
        }
        this.normalise = norm == null ? null : norm.build();
        this.threshold = build(s.threshold());
        this.lowpass = build(s.lowpass());
        this.highpass = build(s.highpass());
        this.preprocess = build(s.preprocess());
        int box = rawBox;
        if (s.clip() > 0) {
            resize.add(Processors.parse("xform.clip3d:size=" + s.clip()).orElseThrow());
            resize.add(Processors.parse("mask.soft:outer_radius=-4").orElseThrow());
            box = s.clip();
        }
        this.clipBox = box;
        if (s.shrink() > 1) {
            resize.add(Processors.parse("math.fft.resample:n=" + s.shrink()).orElseThrow());
            box = PreprocessParams.shrunkBox(box, s.shrink());
        }
        this.outBox = box;
    }

    private static Processor build(ProcessorSpec spec) { return spec == null ? null : spec.build(); }

    private static Volume ones(int n) {
        Volume m = Volume.cube(n);
        m.fill(1f);
        return m;
    }

    /** M = ones; --mask applied to it; times --maskfile (centre-clipped or padded to the box). */
    private static Volume maskImage(int n, Settings s) {
        if (s.mask() == null && s.maskFile() == null) return null;
        Volume m = ones(n);
        if (s.mask() != null) m = s.mask().build().apply(m);
        if (s.maskFile() != null) {
            Volume f = s.maskFile();
            if (f.nx != n || f.ny != n || f.nz != n) f = Processors.parse("xform.clip3d:size=" + n).orElseThrow().apply(f);
            for (int i = 0; i < m.data.length; i++) m.data[i] *= f.data[i];
        }
        return m;
    }

    public int rawBox() { return rawBox; }
    /** Box after --clip and before shrinking: the frame of the run's final transforms. */
    public int clipBox() { return clipBox; }

    /** Box of the volumes this chain produces. */
    public int outputBox() { return outBox; }
    /** The mask image M of step 1, if --mask or --maskfile is set. */
    /**
     * A raw particle's Fourier weight for the volumes this chain makes: the same physical frequencies on the
     * output box (clipping rescales the frequency index by rawBox/clipBox, Fourier-cropping by shrink keeps it);
     * the real-space mask and filters are not applied to the weight. Null stays null.
     */
    public org.jspt.ctf.FourierWeight weight(org.jspt.ctf.FourierWeight raw) {
        return raw == null ? null : raw.resampled(outBox, (double) rawBox / clipBox);
    }

    public Optional<Volume> mask() { return Optional.ofNullable(maskImage); }

    /** The full chain; {@code raw} is not modified. */
    public Volume apply(Volume raw) {
        check(raw);
        Volume v = raw;
        if (normalise != null) v = normalise.apply(v);
        if (maskImage != null) {
            if (v == raw) v = raw.copy();
            for (int i = 0; i < v.data.length; i++) v.data[i] *= maskImage.data[i];
        }
        if (threshold != null) v = threshold.apply(v);
        if (lowpass != null) v = lowpass.apply(v);
        if (highpass != null) v = highpass.apply(v);
        if (preprocess != null) v = preprocess.apply(v);
        return resizeOnly(v);
    }

    /** Only the clip and shrink steps (references that are not fully preprocessed). */
    public Volume resizeOnly(Volume raw) {
        Volume v = raw;
        for (Processor p : resize) v = p.apply(v);
        return v == raw && !resize.isEmpty() ? raw.copy() : v;
    }

    private void check(Volume v) {
        if (v.nx != rawBox || v.ny != rawBox || v.nz != rawBox) {
            throw new IllegalArgumentException("volume is " + v.shape() + " but the chain was made for " + rawBox + "³");
        }
    }
}

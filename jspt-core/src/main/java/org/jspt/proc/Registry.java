package org.jspt.proc;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jspt.image.Volume;
import org.jspt.proc.filter.ButterworthFilter;
import org.jspt.proc.filter.GaussFilter;
import org.jspt.proc.filter.MatchToFilter;
import org.jspt.proc.filter.RandomPhaseFilter;
import org.jspt.proc.filter.TanhFilter;
import org.jspt.proc.filter.TophatFilter;
import org.jspt.proc.mask.FileMask;
import org.jspt.proc.mask.RadialMask;
import org.jspt.proc.math.FftResample;
import org.jspt.proc.math.MeanShrink;
import org.jspt.proc.math.Threshold;
import org.jspt.proc.normalize.Normalize;
import org.jspt.proc.normalize.NormalizeByMass;
import org.jspt.proc.normalize.NormalizeMask;
import org.jspt.proc.xform.CenterAcf;
import org.jspt.proc.xform.CenterOfMass;
import org.jspt.proc.xform.Clip;
import org.jspt.proc.xform.PhaseOrigin;
import org.jspt.proc.xform.TransformProcessor;
import org.jspt.proc.xform.TranslateInt;
import org.jspt.proc.xform.ApplySym;

/**
 * The processor registry used by the parser, and the {@code help} listings generated from the same
 * declarations. Immutable and thread-safe.
 */
public final class Registry {
    private static final Catalog<Processor> PROCESSORS = new Catalog<>("processor", List.of(
            GaussFilter.LOWPASS, GaussFilter.HIGHPASS, TanhFilter.LOWPASS, TanhFilter.HIGHPASS,
            ButterworthFilter.LOWPASS, ButterworthFilter.HIGHPASS, TophatFilter.LOWPASS, TophatFilter.HIGHPASS,
            RandomPhaseFilter.DESCRIPTOR, MatchToFilter.DESCRIPTOR,
            Normalize.PLAIN, Normalize.EDGEMEAN, NormalizeMask.DESCRIPTOR, NormalizeByMass.DESCRIPTOR,
            RadialMask.SHARP, RadialMask.SOFT, FileMask.DESCRIPTOR,
            Threshold.BELOW_TO_ZERO, Threshold.CLAMP, Threshold.CLAMP_NSIGMA, Threshold.BINARY_RANGE,
            MeanShrink.DESCRIPTOR, FftResample.DESCRIPTOR, Clip.DESCRIPTOR,
            CenterOfMass.DESCRIPTOR, CenterAcf.DESCRIPTOR, PhaseOrigin.TO_CORNER, PhaseOrigin.TO_CENTER,
            TransformProcessor.DESCRIPTOR, TranslateInt.DESCRIPTOR, ApplySym.DESCRIPTOR));

    private Registry() {}

    /** All processors. */
    public static Catalog<Processor> processors() { return PROCESSORS; }

    /** Builds a processor from a parsed spec; see {@link Catalog#create}. */
    public static Processor create(ProcessorSpec spec, Function<String, Volume> fileResolver) {
        return PROCESSORS.create(spec, fileResolver);
    }

    /**
     * The text of {@code jspt help <topic> [-v N]}, like {@code e2help.py}: names only at verbosity 0; with
     * verbosity ≥ 1 each name with its description and its parameters (type, default, description).
     * @param topic {@code processors} (or {@code processor}); the other topics are {@code align.HelpTopics}'s
     * @throws IllegalArgumentException for another topic, listing the valid ones
     */
    public static String describe(String topic, int verbosity) {
        String t = topic == null ? "" : topic.toLowerCase(Locale.ROOT);
        switch (t) {
            case "processors": case "processor":
                return PROCESSORS.describe(verbosity);
            default:
                throw new IllegalArgumentException("unknown help topic '" + topic + "'; known: "
                        + String.join(", ", Catalog.closestFirst(t, List.of("processors"))));
        }
    }
}

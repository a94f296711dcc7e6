package org.jspt.proc;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspt.image.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Processor contract, for every registered processor: the input is untouched, the output has
 * {@code outputShape}, its header carries the input's keys, {@code apply(in)} equals {@code apply(in, out)},
 * and {@code out == in} is rejected.
 */
class ProcessorContractTest {
    static final int N = 16;
    /** One valid spec per registered processor; VOLUME parameters resolve to a 16³ volume. */
    static final List<String> SPECS = List.of(
            "filter.lowpass.gauss:cutoff_abs=0.1", "filter.highpass.gauss:cutoff_freq=0.05",
            "filter.lowpass.tanh:cutoff_pixels=3", "filter.highpass.tanh:cutoff_abs=0.1:fall_off=0.2",
            "filter.lowpass.butterworth:cutoff_abs=0.1", "filter.highpass.butterworth:cutoff_abs=0.1",
            "filter.lowpass.tophat:cutoff_abs=0.2", "filter.highpass.tophat:cutoff_abs=0.2",
            "filter.lowpass.randomphase:cutoff_abs=0.2:seed=3", "filter.matchto:to=ref",
            "normalize", "normalize.edgemean", "normalize.mask:mask=ref", "normalize.bymass:mass=1",
            "mask.sharp:outer_radius=5", "mask.soft:outer_radius=5:width=2", "mask.fromfile:filename=ref",
            "threshold.belowtozero:minval=0.1", "threshold.clampminmax:minval=-1:maxval=1",
            "threshold.clampminmax.nsigma:nsigma=1", "threshold.binaryrange:low=0:high=1",
            "math.meanshrink:n=2", "math.fft.resample:n=2", "xform.clip3d:size=10",
            "xform.centerofmass", "xform.centeracf", "xform.phaseorigin.tocorner", "xform.phaseorigin.tocenter",
            "xform:az=30:alt=20:phi=10:tx=1.5", "xform.translate.int:trans=2,-1,3", "xform.applysym:sym=d3",
            "xform.centerofmass:int_shift_only=0");

    static final Function<String, Volume> RESOLVER = name -> TestVolumes.random(N, 99);

    static Stream<String> specs() { return SPECS.stream(); }

    @Test
    void everyRegisteredProcessorIsCovered() {
        Set<String> covered = new TreeSet<>();
        for (String s : SPECS) covered.add(ProcessorSpec.parse(s).orElseThrow().name());
        assertEquals(new TreeSet<>(Registry.processors().names()), covered);
    }

    @ParameterizedTest
    @MethodSource("specs")
    void inputUntouchedSizeKeptHeaderCopied(String spec) {
        Processor p = Processors.parse(spec, RESOLVER).orElseThrow();
        Volume in = TestVolumes.random(N, 5).setApix(2.0);
        in.data[0] += 4f; // an off-centre feature for the centring processors
        in.header().put("user_key", "kept");
        Volume before = in.copy();
        Volume out = p.apply(in);
        assertArrayEquals(before.data, in.data, spec + " modified its input");
        assertEquals(before.header(), in.header(), spec + " modified the input header");
        int[] s = p.outputShape(in);
        assertEquals(List.of(s[0], s[1], s[2]), List.of(out.nx, out.ny, out.nz), spec);
        assertEquals("kept", out.header().getString("user_key", null), spec);
        assertEquals(-1, out.firstNonFinite(), spec);
        Volume out2 = new Volume(s[0], s[1], s[2]);
        p.apply(in, out2);
        assertArrayEquals(out.data, out2.data, spec + ": apply(in) and apply(in, out) differ");
        assertThrows(IllegalArgumentException.class, () -> p.apply(in, in));
        assertEquals(ProcessorSpec.parse(spec).orElseThrow().name(), p.name());
    }

    @Test
    void applyChainRunsInOrderAndLeavesInputAlone() {
        Volume in = TestVolumes.random(N, 8);
        Volume before = in.copy();
        List<Processor> chain = Processors.parseAll(List.of("normalize", "none", "math.meanshrink:n=2"), null);
        assertEquals(2, chain.size());
        Volume out = Processors.applyChain(chain, in);
        assertEquals(8, out.nx);
        assertArrayEquals(before.data, in.data);
        Volume expected = chain.get(1).apply(chain.get(0).apply(in));
        assertArrayEquals(expected.data, out.data);
    }
}

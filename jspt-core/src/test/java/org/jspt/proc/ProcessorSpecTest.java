package org.jspt.proc;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.jspt.image.Volume;
import org.junit.jupiter.api.Test;

class ProcessorSpecTest {
    private static Map<String, Object> values(String s) { return ProcessorSpec.parse(s).orElseThrow().values(); }

    @Test
    void emptyAndNoneAreOff() {
        assertTrue(ProcessorSpec.parse("").isEmpty());
        assertTrue(ProcessorSpec.parse(null).isEmpty());
        assertTrue(ProcessorSpec.parse("none").isEmpty());
        assertTrue(ProcessorSpec.parse("NONE").isEmpty());
        assertTrue(Processors.parse("None").isEmpty());
    }

    @Test
    void nameOnlyOrEmptyFirstTokenHasNoParameters() {
        ProcessorSpec s = ProcessorSpec.parse("a:").orElseThrow();
        assertEquals("a", s.name());
        assertTrue(s.values().isEmpty());
        assertTrue(values("normalize").isEmpty());
    }

    @Test
    void valuesAreTypedAsParsemodopt() {
        Map<String, Object> v = values("x:a=true:b=False:c=-2:d=+3:e=0.05:f=1e-3:g=.5:h=inf:i=nan:j=3.0:k=\"q s\":l=\"a\":m=\"\":n=abc");
        assertEquals(1, v.get("a"));
        assertEquals(0, v.get("b"));
        assertEquals(-2, v.get("c"));
        assertEquals(3, v.get("d"));
        assertEquals(0.05, v.get("e"));
        assertEquals(1e-3, v.get("f"));
        assertEquals(0.5, v.get("g"));
        assertEquals(Double.POSITIVE_INFINITY, v.get("h"));
        assertTrue(Double.isNaN((Double) v.get("i")));
        assertEquals(3.0, v.get("j"));
        assertInstanceOf(Double.class, v.get("j"));
        assertEquals("q s", v.get("k"));
        assertEquals("a", v.get("l"));
        assertEquals("\"\"", v.get("m"));
        assertEquals("abc", v.get("n"));
    }

    @Test
    void laterRepeatedKeyWins() { assertEquals(2, values("x:a=1:a=2").get("a")); }

    @Test
    void tokensWithoutExactlyOneEqualsAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> ProcessorSpec.parse("a:bad"));
        assertThrows(IllegalArgumentException.class, () -> ProcessorSpec.parse("a:x=1:bad"));
        assertThrows(IllegalArgumentException.class, () -> ProcessorSpec.parse("a:x=1=2"));
    }

    @Test
    void unknownNameListsClosestFirst() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Processors.parse("filter.lowpas.gauss"));
        String m = e.getMessage();
        assertTrue(m.contains("'filter.lowpas.gauss'"), m);
        assertTrue(m.indexOf("filter.lowpass.gauss") < m.indexOf("normalize"), m);
        assertTrue(m.substring(m.indexOf("known:")).startsWith("known: filter.lowpass.gauss"), m);
    }

    @Test
    void unknownKeyListsValidKeysClosestFirst() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Processors.parse("filter.lowpass.gauss:cutof_freq=0.05"));
        assertTrue(e.getMessage().contains("unknown parameter 'cutof_freq'"), e.getMessage());
        assertTrue(e.getMessage().contains("known: cutoff_freq,"), e.getMessage());
    }

    @Test
    void badValuesAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> Processors.parse("mask.soft:outer_radius=big"));
        assertThrows(IllegalArgumentException.class, () -> Processors.parse("filter.lowpass.gauss"), "a cutoff is required");
        assertThrows(IllegalArgumentException.class, () -> Processors.parse("threshold.clampminmax:minval=2:maxval=1"));
        assertThrows(IllegalArgumentException.class, () -> Processors.parse("math.meanshrink:n=1.5"));
    }

    @Test
    void floatToIntTruncatesTowardZero() {
        Volume mask = Volume.cube(4);
        mask.data[0] = 2f;
        mask.data[1] = 3f;
        Volume ones = Volume.cube(4);
        ones.fill(1f);
        // maskset=2.9 acts as maskset=2 (EMAN2 truncates a float given for an int parameter)
        Volume out = Processors.parse("mask.fromfile:image=m:maskset=2.9", name -> mask).orElseThrow().apply(ones);
        assertEquals(1f, out.data[0]);
        assertEquals(0f, out.data[1]);
        assertEquals(1, Catalog.editDistance("cutof_freq", "cutoff_freq"));
    }

    @Test
    void fileParametersGoThroughTheResolver() {
        Volume mask = Volume.cube(4);
        mask.fill(2f);
        Processor p = Processors.parse("mask.fromfile:filename=m.hdf", name -> {
            assertEquals("m.hdf", name);
            return mask;
        }).orElseThrow();
        Volume v = Volume.cube(4);
        v.fill(3f);
        assertEquals(6f, p.apply(v).data[0]);
        assertThrows(IllegalArgumentException.class, () -> Processors.parse("mask.fromfile:filename=m.hdf"), "no resolver");
    }

    @Test
    void programmaticVolumeParameter() {
        Volume mask = Volume.cube(4);
        mask.fill(1f);
        Processor p = ProcessorSpec.parse("normalize.mask").orElseThrow().with("mask", mask).build();
        assertEquals("normalize.mask", p.name());
    }
}

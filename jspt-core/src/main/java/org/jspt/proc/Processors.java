package org.jspt.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspt.image.Volume;

/** Static helpers: parse a modifier string into a Processor, apply a chain, and checks shared by implementations. */
public final class Processors {
    private Processors() {}

    /**
     * Parses and builds a processor; empty or {@code none} gives empty.
     * @param fileResolver loads files named by VOLUME parameters (e.g. {@code mask.fromfile:filename=m.hdf}); may be null
     * @throws IllegalArgumentException for a malformed string, unknown name/key or bad value
     */
    public static Optional<Processor> parse(String modifier, Function<String, Volume> fileResolver) {
        return ProcessorSpec.parse(modifier).map(s -> Registry.processors().create(s, fileResolver));
    }

    public static Optional<Processor> parse(String modifier) { return parse(modifier, null); }

    /** Parses several strings, dropping empty/none ones. */
    public static List<Processor> parseAll(List<String> modifiers, Function<String, Volume> fileResolver) {
        List<Processor> l = new ArrayList<>();
        for (String m : modifiers) parse(m, fileResolver).ifPresent(l::add);
        return l;
    }

    /** Applies the processors in order; returns a new volume ({@code in} untouched; an empty chain gives a copy). */
    public static Volume applyChain(List<Processor> chain, Volume in) {
        Volume v = in.copy();
        for (Processor p : chain) v = p.apply(v);
        return v;
    }

    /** Entry check for {@link Processor#apply(Volume, Volume)}: out is not in and has the expected shape. */
    public static void checkOutput(Processor p, Volume in, Volume out) {
        if (in == out) throw new IllegalArgumentException(p.name() + ": out must not be the input volume");
        int[] s = p.outputShape(in);
        if (out.nx != s[0] || out.ny != s[1] || out.nz != s[2]) {
            throw new IllegalArgumentException(p.name() + ": output is " + out.shape() + ", expected " + s[0] + "x" + s[1] + "x" + s[2]);
        }
    }

    /** Replaces out's header by a copy of in's. */
    public static void copyHeader(Volume in, Volume out) {
        for (String k : new ArrayList<>(out.header().keys())) out.header().remove(k);
        in.header().copy().asMap().forEach(out.header()::put);
    }

    /** Checks, copies the header and the data of in into out (same shape); the usual first step of voxel-wise processors. */
    public static void copyInto(Processor p, Volume in, Volume out) {
        checkOutput(p, in, out);
        copyHeader(in, out);
        System.arraycopy(in.data, 0, out.data, 0, in.data.length);
    }
}

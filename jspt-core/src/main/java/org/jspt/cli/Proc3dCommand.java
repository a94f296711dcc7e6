package org.jspt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspt.geom.Symmetry;
import org.jspt.image.Volume;
import org.jspt.io.ImageStack;
import org.jspt.io.ImageStackWriter;
import org.jspt.io.ImageStacks;
import org.jspt.proc.Processor;
import org.jspt.proc.Processors;
import org.jspt.proc.xform.ApplySym;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jspt proc3d IN OUT}: the part of {@code e2proc3d.py} people use on volumes and stacks. Images are
 * streamed one at a time; OUT is replaced atomically. Order: --apix, then every --process in the order
 * given, then --clip, then --sym.
 */
@Command(name = "proc3d", sortOptions = false,
        description = {"Process volumes or stacks with EMAN2 processors (like e2proc3d.py); with no --process it copies (and converts formats).",
            "Order: --apix, each --process in the order given, --clip, --sym. OUT is replaced atomically."})
public final class Proc3dCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Input: HDF, MRC, MRCS, a .txt list of files or a quoted glob.")
    String in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output: .hdf (any number of images), .mrc (one volume) or .mrcs.")
    Path out;

    @Option(names = "--process", paramLabel = "SPEC", description = "A processor, name:key=value:... (see 'jspt help processors -v 1'). Repeatable.")
    List<String> process = new ArrayList<>();

    @Option(names = "--apix", paramLabel = "A", description = "Set the pixel size (Å) before processing.")
    Double apix;

    @Option(names = "--clip", paramLabel = "N", description = "Clip (or pad) to an N³ box about the centre.")
    Integer clip;

    @Option(names = "--first", paramLabel = "I", description = "First image to process (0-based, as e2proc3d.py).")
    Integer first;

    @Option(names = "--last", paramLabel = "I", description = "Last image to process, inclusive (as e2proc3d.py).")
    Integer last;

    @Option(names = "--sym", paramLabel = "SYM", description = "Symmetrise with xform.applysym (c<n>, d<n>, tet, oct, icos, h...).")
    String sym;

    @Override
    public Integer call() throws Exception {
        if (apix != null && !(apix > 0)) throw new IllegalArgumentException("--apix must be > 0, got " + apix);
        // Parse everything before touching the data: a typo fails at once.
        List<Processor> chain = new ArrayList<>(Processors.parseAll(process, Proc3dCommand::readVolume));
        if (clip != null) {
            if (clip < 1) throw new IllegalArgumentException("--clip must be >= 1, got " + clip);
            chain.add(Processors.parse("xform.clip3d:size=" + clip).orElseThrow());
        }
        if (sym != null) chain.add(new ApplySym(Symmetry.parse(sym)));
        PrintWriter o = spec.commandLine().getOut();
        try (ImageStack input = ImageStacks.open(in)) {
            int lo = first == null ? 0 : first, hi = last == null ? input.size() - 1 : last;
            if (lo < 0 || hi >= input.size() || lo > hi) {
                throw new IllegalArgumentException("--first/--last " + lo + ".." + hi + ": " + in + " has images 0.." + (input.size() - 1));
            }
            int n = hi - lo + 1;
            String outName = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (n > 1 && (outName.endsWith(".mrc") || outName.endsWith(".map") || outName.endsWith(".rec"))) {
                throw new IllegalArgumentException(out + ": an MRC file holds one volume but " + in + " has " + n + " images; write .hdf or .mrcs");
            }
            ImageStackWriter w = ImageStacks.create(out);
            try {
                for (int i = lo; i <= hi; i++) {
                    Volume v = input.read(i);
                    if (apix != null) v.setApix(apix);
                    w.append(Processors.applyChain(chain, v));
                }
                w.close();
            } catch (Exception e) {
                w.abort();
                throw e;
            }
            o.printf("%d image%s written to %s%n", n, n == 1 ? "" : "s", out);
        }
        o.flush();
        return 0;
    }

    /** Resolves file-valued processor parameters (mask.fromfile, …): the first image of the file. */
    static Volume readVolume(String path) {
        try (ImageStack s = ImageStacks.open(path)) {
            return s.read(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}

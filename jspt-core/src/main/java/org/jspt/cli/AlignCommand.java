package org.jspt.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspt.align.AlignResult;
import org.jspt.align.Aligner;
import org.jspt.align.Alignments;
import org.jspt.align.Comparator;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.io.eman2.EmanJson;
import org.jspt.io.ImageStack;
import org.jspt.io.ImageStacks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jspt align PARTICLE REFERENCE}: xform.align3d of each particle onto a reference. */
@Command(name = "align", sortOptions = false,
        description = {"Align every volume of PARTICLE (a volume or a stack) to the first volume of REFERENCE and print",
            "xform.align3d (the transform that brings the particle onto the reference), the score (lower is better) and the time."})
public final class AlignCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PARTICLE") String particle;
    @Parameters(index = "1", paramLabel = "REFERENCE") String reference;

    @Option(names = "--align", paramLabel = "SPEC", defaultValue = "rotate_translate_3d_tree",
            description = "Aligner (see 'jspt help aligners -v 1'; default: ${DEFAULT-VALUE}).")
    String align;

    @Option(names = "--aligncmp", paramLabel = "SPEC", defaultValue = "ccc.tomo.thresh", description = "Comparator of the aligner (default: ${DEFAULT-VALUE}).")
    String aligncmp;

    @Option(names = "--falign", paramLabel = "SPEC", description = "Optional refinement, e.g. refine_3d_grid:delta=2:range=6:search=2.")
    String falign;

    @Option(names = "--faligncmp", paramLabel = "SPEC", defaultValue = "ccc.tomo.thresh", description = "Comparator of the refinement (default: ${DEFAULT-VALUE}).")
    String faligncmp;

    @Option(names = "--sym", paramLabel = "SYM", description = "Symmetry restricting the search (added to the aligner as sym=).")
    String sym;

    @Option(names = "--json", description = "One JSON object per particle: index, xform.align3d (EMAN2 Transform JSON), score, seconds.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Aligner a = Alignments.aligner(align, sym, Proc3dCommand::readVolume);
        if (a == null) throw new IllegalArgumentException("--align must name an aligner");
        Comparator cmp = Alignments.comparator(aligncmp, Proc3dCommand::readVolume);
        Aligner fa = Alignments.aligner(falign, sym, Proc3dCommand::readVolume);
        Comparator fcmp = Alignments.comparator(faligncmp, Proc3dCommand::readVolume);
        Volume ref;
        try (ImageStack r = ImageStacks.open(reference)) {
            ref = r.read(0);
        }
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper om = new ObjectMapper();
        try (ImageStack s = ImageStacks.open(particle)) {
            for (int i = 0; i < s.size(); i++) {
                Volume p = s.read(i);
                if (!p.sameShape(ref)) throw new IllegalArgumentException(particle + " image " + i + " is " + p.shape() + " but the reference is " + ref.shape());
                long t0 = System.nanoTime();
                AlignResult r = Alignments.align(p, ref, a, cmp, fa, fcmp).best();
                double sec = (System.nanoTime() - t0) * 1e-9;
                Transform t = r.xform();
                if (json) {
                    ObjectNode o = om.createObjectNode();
                    o.put("index", i);
                    ObjectNode x = o.putObject("xform.align3d");
                    x.put("__class__", "Transform");
                    x.put("matrix", EmanJson.matrixString(t));
                    o.put("score", r.score());
                    o.put("seconds", sec);
                    out.println(om.writeValueAsString(o));
                } else {
                    double[] e = t.emanAngles();
                    out.printf(Locale.ROOT, "%d: az %.3f alt %.3f phi %.3f  t (%.3f, %.3f, %.3f)  score %.6f  %.3f s%n", i, e[0], e[1], e[2],
                            t.tx(), t.ty(), t.tz(), r.score(), sec);
                    out.printf(Locale.ROOT, "   matrix %s%n", EmanJson.matrixString(t));
                }
                out.flush();
            }
        }
        return 0;
    }
}

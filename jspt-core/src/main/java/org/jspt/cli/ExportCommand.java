package org.jspt.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspt.interop.ParticleExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jspt export}: one iteration of a refinemulti run as a RELION STAR file or a Dynamo table. */
@Command(name = "export", sortOptions = false,
        description = {"Write the particles of a refinemulti run for RELION (RUN/particles_NN.star) or Dynamo (RUN/particles_NN.tbl).",
            "Angles and shifts are the reference -> particle transform (the inverse of xform.align3d) in that program's convention;",
            "see the README section 'Moving particles between EMAN2, RELION and Dynamo'. Prints the file written."})
public final class ExportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A refinemulti run folder.")
    Path run;

    @Option(names = "--format", required = true, paramLabel = "star|tbl", description = "star (RELION 3.1+) or tbl (Dynamo).")
    String format;

    @Option(names = "--iter", paramLabel = "N", description = "Iteration (the NN of particle_parms_NN.json; default: the last complete one).")
    Integer iter;

    @Option(names = "--wedge", paramLabel = "MIN,MAX", defaultValue = "-60,60",
            description = "tbl: the missing wedge written to columns 14-15 (degrees about y; default ${DEFAULT-VALUE}).")
    String wedge;

    @Override
    public Integer call() throws Exception {
        ParticleExport.Format f = ParticleExport.Format.parse(format);
        String[] w = wedge.split(",");
        double min, max;
        try {
            if (w.length != 2) throw new NumberFormatException();
            min = Double.parseDouble(w[0].strip());
            max = Double.parseDouble(w[1].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--wedge '" + wedge + "' is not MIN,MAX in degrees, e.g. -60,60");
        }
        Path out = ParticleExport.export(run, f, iter, min, max);
        spec.commandLine().getOut().println(out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}

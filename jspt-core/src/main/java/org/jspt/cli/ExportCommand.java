package org.jspt.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspt.interop.ExportOptions;
import org.jspt.interop.Exporter;
import org.jspt.refine.ParticleExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jspt export}: one iteration of a refinemulti run for RELION 3.1/4/5, Dynamo, STOPGAP or EMAN2 ({@link Exporter}). */
@Command(name = "export", sortOptions = false,
        description = {"Write the particles of a refinemulti run for RELION, Dynamo, STOPGAP or EMAN2 (docs/pipelines.md):",
            "  star     RUN/particles_NN.star (RELION 3.1/4), particles RELION cannot read written as RUN/particles_NN/000001.mrc ...",
            "  relion5  RUN/particles_NN_relion5.star (RELION 5 tomography columns), same particles",
            "  tbl      RUN/particles_NN.tbl (Dynamo table only)",
            "  dynamo   RUN/dynamo_NN/particle_000001.em ... and RUN/dynamo_NN/particles_NN.tbl",
            "  stopgap  RUN/allmotl_NN.star and RUN/stopgap_NN/subtomo_1.mrc ...",
            "  lst      RUN/aliptcls3d_NN.lst (EMAN2; all particles) and RUN/aliptcls3d_NN_CC.lst per class",
            "Angles and shifts are the reference -> particle transform (the inverse of xform.align3d) in that program's convention;",
            "see the README section 'Moving particles between EMAN2, RELION and Dynamo'. Prints the main file written."})
public final class ExportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A refinemulti run folder.")
    Path run;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "star, relion5, tbl, dynamo, stopgap or lst.")
    String format;

    @Option(names = "--iter", paramLabel = "N", description = "Iteration (the NN of particle_parms_NN.json; default: the last complete one).")
    Integer iter;

    @Option(names = "--wedge", paramLabel = "MIN,MAX", defaultValue = "-60,60",
            description = "tbl: the missing wedge written to columns 14-15 (degrees about y; default ${DEFAULT-VALUE}).")
    String wedge;

    @Option(names = "--no-particles", description = "Do not write particle files; name the input's particles even where the program cannot read them.")
    boolean noParticles;

    @Option(names = "--voltage", paramLabel = "KV", defaultValue = "300", description = "RELION data_optics rlnVoltage when the input STAR gives none (default ${DEFAULT-VALUE}).")
    double voltage;

    @Option(names = "--cs", paramLabel = "MM", defaultValue = "2.7", description = "RELION rlnSphericalAberration when the input gives none (default ${DEFAULT-VALUE}).")
    double cs;

    @Option(names = "--amp-contrast", paramLabel = "F", defaultValue = "0.1", description = "RELION rlnAmplitudeContrast when the input gives none (default ${DEFAULT-VALUE}).")
    double ampContrast;

    @Option(names = "--jspt-score", description = "star/relion5: add the column jsptScore (EMAN2's score, lower is better); RELION warns about the unknown label.")
    boolean jsptScore;

    @Override
    public Integer call() throws Exception {
        ParticleExport.Format f = ParticleExport.Format.parse(format);
        if (!(voltage > 0) || !(cs >= 0) || !(ampContrast >= 0 && ampContrast <= 1)) {
            throw new IllegalArgumentException("--voltage must be > 0, --cs >= 0 and --amp-contrast in 0..1");
        }
        String[] w = wedge.split(",");
        double min, max;
        try {
            if (w.length != 2) throw new NumberFormatException();
            min = Double.parseDouble(w[0].strip());
            max = Double.parseDouble(w[1].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--wedge '" + wedge + "' is not MIN,MAX in degrees, e.g. -60,60");
        }
        Path out = Exporter.export(run, f, iter, new ExportOptions(min, max, !noParticles, new ParticleExport.Optics(voltage, cs, ampContrast), jsptScore));
        spec.commandLine().getOut().println(out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}

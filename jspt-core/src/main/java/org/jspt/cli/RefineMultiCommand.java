package org.jspt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspt.exec.ParticleExecutor;
import org.jspt.exec.ExecutorProvider;
import org.jspt.exec.ThreadExecutor;
import org.jspt.refine.Parallelism;
import org.jspt.refine.RefineConfig;
import org.jspt.refine.RefineConfigs;
import org.jspt.refine.RefineMulti;
import org.jspt.refine.RefineOptions;
import org.jspt.refine.RefineParams;
import org.jspt.refine.RefineValidator;
import org.jspt.refine.RunStart;
import org.jspt.refine.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jspt refinemulti --input=… [options]}: EMAN2's e2spt_refinemulti.py. Its options follow EMAN2's
 * argparse rules (unique prefixes, {@code --name value} or {@code --name=value}), so they are parsed by
 * {@link RefineOptions}, not picocli; {@code jspt refinemulti --help} lists them.
 */
@Command(name = "refinemulti", description = {"Multi-reference subtomogram alignment, classification and averaging (EMAN2's e2spt_refinemulti.py).",
        "Options as in EMAN2 (unique prefixes accepted); 'jspt refinemulti --help' lists them all."})
public final class RefineMultiCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    /** Where the run folder and .eman2log.txt go: the process's working directory (tests point it elsewhere). */
    static Path workingDirectory = Path.of("").toAbsolutePath();

    @Parameters(arity = "0..*", paramLabel = "OPTIONS", description = "EMAN2-style options, e.g. --input=particles.hdf --nref=3 --iter=3.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        List<String> argv = new ArrayList<>(args);
        // -v/--verbose is a root option that picocli takes before we see it: hand it back.
        if (Main.verbosity > 0 && !argv.contains("-v")) {
            argv.add("-v");
            argv.add(String.valueOf(Main.verbosity));
        }
        RefineParams p;
        try {
            RefineOptions o = RefineOptions.parse(argv.toArray(new String[0]));
            switch (o.action()) {
                case HELP -> { out.print(RefineOptions.helpText()); out.flush(); return 0; }
                case GENERATE_DOC -> { out.print(RefineOptions.generateDoc()); out.flush(); return 0; }
                case VERSION -> { out.println("jspt refinemulti " + VersionProvider.version()); out.flush(); return 0; }
                default -> { }
            }
            p = RefineValidator.standard().validate(o, workingDirectory);
        } catch (UsageException e) {
            for (String line : e.problems()) err.println("jspt refinemulti: " + line);
            err.flush();
            return Main.EXIT_BAD_INPUT;
        }
        for (String w : p.warnings()) err.println("WARNING: " + w);
        err.flush();
        RefineConfig cfg = RefineConfigs.from(p);
        try (ParticleExecutor ex = executor(p.parallel())) {
            RunStart run = RunStart.begin(p, workingDirectory);
            out.printf("refinemulti: %d particles of %d³, %d references, %d iteration%s, %d thread%s; run folder %s%n", p.input().count(), p.input().box(),
                    p.classes(), p.output().iter(), p.output().iter() == 1 ? "" : "s", ex.parallelism(), ex.parallelism() == 1 ? "" : "s", run.runDir());
            out.flush();
            Progress bar = new Progress(out, "", 0);
            new RefineMulti(cfg, ex, out, (what, done, total) -> bar.update(what, done, total)).run(run.runDir());
            bar.done();
            run.finish();
            out.println("done: " + run.runDir());
            out.flush();
        }
        return 0;
    }

    private static ParticleExecutor executor(Parallelism par) {
        if (par.kind() == Parallelism.Kind.SPARK) {
            ExecutorProvider spark = ExecutorProvider.find("spark");
            if (spark == null) {
                throw new IllegalArgumentException("--parallel " + par + ": the Spark module is not on the class path"
                        + " (build it with `mvn -B -pl jspt-spark -am package`; bin/jspt then finds it) — or use thread:N");
            }
            return spark.open(par.sparkMaster(), "jspt refinemulti");
        }
        return new ThreadExecutor(par.threads());
    }
}

package org.jspt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspt.JsptException;
import org.jspt.exec.ParticleExecutor;
import org.jspt.exec.ExecutorProvider;
import org.jspt.exec.ThreadExecutor;
import org.jspt.refine.options.Parallelism;
import org.jspt.refine.RefineConfig;
import org.jspt.refine.RefineConfig;
import org.jspt.refine.RefineMulti;
import org.jspt.refine.options.RefineOptions;
import org.jspt.refine.options.RefineParams;
import org.jspt.refine.options.RefineValidator;
import org.jspt.io.WriteFailedException;
import org.jspt.io.eman2.Eman2Log;
import org.jspt.run.ParametersFile;
import org.jspt.run.RunCheckpoint;
import org.jspt.run.RunStart;
import org.jspt.refine.options.UsageException;
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
        "Options as in EMAN2 (unique prefixes accepted); 'jspt refinemulti --help' lists them all.",
        "'jspt refinemulti --resume RUN [--parallel P]' continues a killed run from its checkpoint (RUN/checkpoint/)."})
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
        Path resumeDir = null, cwd = workingDirectory;
        int ri = resumeIndex(argv);
        if (ri >= 0) {
            String a = argv.get(ri);
            String value = a.startsWith("--resume=") ? a.substring("--resume=".length()) : ri + 1 < argv.size() ? argv.get(ri + 1) : "";
            if (value.isEmpty() || value.startsWith("--")) {
                err.println("jspt refinemulti: --resume needs the run folder to continue, e.g. --resume spt_01");
                err.flush();
                return Main.EXIT_BAD_INPUT;
            }
            List<String> rest = new ArrayList<>(argv.subList(0, ri));
            rest.addAll(argv.subList(a.startsWith("--resume=") ? ri + 1 : ri + 2, argv.size()));
            resumeDir = workingDirectory.resolve(value).normalize();
            RunCheckpoint.Command cmd = RunCheckpoint.readCommand(resumeDir);
            cwd = cmd.cwd();
            argv = resumedArguments(cmd.argv(), rest);
            if (argv == null) {
                err.println("jspt refinemulti: with --resume only --parallel and -v may be given (the run's own options are reused): " + String.join(" ", rest));
                err.flush();
                return Main.EXIT_BAD_INPUT;
            }
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
            p = RefineValidator.standard().validate(o, cwd);
        } catch (UsageException e) {
            for (String line : e.problems()) err.println("jspt refinemulti: " + line);
            err.flush();
            return Main.EXIT_BAD_INPUT;
        }
        for (String w : p.warnings()) err.println("WARNING: " + w);
        err.flush();
        RefineConfig cfg = RefineConfig.from(p);
        if (resumeDir != null) return resume(p, cfg, resumeDir, cwd, out);
        Progress bar = new Progress(out, "", 0);
        try (ProgressExecutor ex = new ProgressExecutor(executor(p.parallel()), bar)) {
            RunStart run = RunStart.begin(workingDirectory, p.output().pathStem(), p.argv(), p.ppid(), p.effectiveOptions());
            new RunCheckpoint(run.runDir()).writeCommand(workingDirectory, argv);
            out.printf("refinemulti: %d particles of %d³, %d references, %d iteration%s, %s; run folder %s%n", p.input().count(), p.input().box(),
                    p.classes(), p.output().iter(), p.output().iter() == 1 ? "" : "s", ex.describeWorkers(), run.runDir());
            out.flush();
            try {
                fftPlans(new RefineMulti(cfg, ex, out, ex.sink()).inputName(p.input().input()), p, cwd).run(run.runDir());
            } catch (IOException | RuntimeException e) {
                throw resumeHint(e, run.runDir());
            }
            bar.done();
            run.finish();
            out.println("done: " + run.runDir());
            out.flush();
        }
        return 0;
    }

    /** --fftplan: estimate (nothing to do), measure, or an earlier run's plans file (validated already). */
    private static RefineMulti fftPlans(RefineMulti refine, RefineParams p, Path cwd) throws IOException {
        String plan = String.valueOf(p.effectiveOptions().get("fftplan"));
        if (plan.equals("measure")) return refine.measureFftPlans(true);
        if (plan.equals("estimate")) return refine;
        return refine.fftPlans(org.jspt.image.FftPlans.Wisdom.parse(java.nio.file.Files.readString(cwd.resolve(plan))));
    }

    /** Continues the run in {@code dir} with its own options (§ --resume). */
    private int resume(RefineParams p, RefineConfig cfg, Path dir, Path cwd, PrintWriter out) throws Exception {
        Progress bar = new Progress(out, "", 0);
        try (ProgressExecutor ex = new ProgressExecutor(executor(p.parallel()), bar)) {
            Eman2Log log = Eman2Log.start(cwd, ParametersFile.PROGRAM + " --resume " + dir, p.ppid());
            out.printf("refinemulti: resuming %s with %s%n", dir, ex.describeWorkers());
            out.flush();
            try {
                new RefineMulti(cfg, ex, out, ex.sink()).inputName(p.input().input()).resume(dir);
            } catch (IOException | RuntimeException e) {
                throw resumeHint(e, dir);
            }
            bar.done();
            log.finish();
            out.println("done: " + dir);
            out.flush();
        }
        return 0;
    }

    /**
     * A run that could not write a file (disk full, read-only folder) as one line naming the file and how to
     * continue once it can: the files written so far are complete (atomic renames) and the checkpoint holds
     * every finished block. Any other failure is returned unchanged.
     */
    static Exception resumeHint(Exception e, Path runDir) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WriteFailedException w) {
                return new JsptException(w.getMessage() + "; the run stopped with every file written so far intact: free space or make the"
                        + " folder writable, then continue with: jspt refinemulti --resume " + runDir, w);
            }
        }
        return e;
    }

    private static int resumeIndex(List<String> argv) {
        for (int i = 0; i < argv.size(); i++) if (argv.get(i).equals("--resume") || argv.get(i).startsWith("--resume=")) return i;
        return -1;
    }

    /**
     * The run's own arguments with a new --parallel and -v from {@code given}, or null if {@code given}
     * holds anything else (results must come from the run's options alone).
     */
    private static List<String> resumedArguments(List<String> original, List<String> given) {
        List<String> keep = new ArrayList<>(), extra = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String a = given.get(i);
            if (a.startsWith("--parallel=")) extra.add(a);
            else if ((a.equals("--parallel") || a.equals("-v")) && i + 1 < given.size()) {
                extra.add(a);
                extra.add(given.get(++i));
            } else return null;
        }
        boolean overrideParallel = extra.stream().anyMatch(a -> a.startsWith("--parallel"));
        for (int i = 0; i < original.size(); i++) {
            String a = original.get(i);
            if (overrideParallel && a.startsWith("--parallel=")) continue;
            if (overrideParallel && a.equals("--parallel")) {
                i++;
                continue;
            }
            keep.add(a);
        }
        keep.addAll(extra);
        return keep;
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

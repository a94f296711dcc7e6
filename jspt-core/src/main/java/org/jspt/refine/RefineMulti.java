package org.jspt.refine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.jspt.JsptException;
import org.jspt.align.AlignRegistry;
import org.jspt.average.CtfWeightedAverager;
import org.jspt.align.AlignResult;
import org.jspt.align.Aligner;
import org.jspt.align.Comparator;
import org.jspt.align.TreeAligner;
import org.jspt.align.tree.MultiReferenceAligner;
import org.jspt.align.tree.TreeOptions;
import org.jspt.exec.OffsetTask;
import org.jspt.exec.ParticleExecutor;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.io.EmanHdf;
import org.jspt.io.ImageStackWriter;
import org.jspt.proc.ProcessorSpec;
import org.jspt.report.RunReport;

/**
 * The refinemulti iteration ({@code docs/reference/refinemulti.md} §7): align every particle to every active reference,
 * classify by the lowest score, average each class from the raw particles, write the iteration's files,
 * and use the averages as the next references; stop at --iter, on convergence, or when fewer than two
 * classes are left (an error, after every file is written). It orchestrates; the maths is in the
 * chains, aligners and averagers it is given.
 */
public final class RefineMulti {
    /** Receives progress of long passes: (what, done, total). */
    public interface ProgressSink {
        void update(String what, int done, int total);

        /** Names the passes that follow until the next phase, for executors that show passes not reported here. */
        default void phase(String name) { }
    }

    private final RefineConfig cfg;
    private final ParticleExecutor executor;
    private final PrintWriter log;
    private final ProgressSink progress;
    private final IterationLog iterationLog;
    private String inputName;

    public RefineMulti(RefineConfig cfg, ParticleExecutor executor, PrintWriter log, ProgressSink progress) {
        this.cfg = cfg;
        this.executor = executor;
        this.log = log;
        this.progress = progress;
        this.iterationLog = new IterationLog();
    }

    /**
     * The input as the user named it, recorded as {@code class_ptcl_src} (EMAN2 keeps --input as given);
     * default: the path the configuration opens. @return this
     */
    public RefineMulti inputName(String asGiven) {
        this.inputName = asGiven;
        return this;
    }

    /** Runs the whole refinement into {@code dir} (an existing, fresh run folder). @return the final class averages */
    public List<Volume> run(Path dir) throws IOException {
        try (ParticleSource particles = new ParticleSource(cfg.input(), cfg.subset(), cfg.apix(), cfg.weights())) {
            return run(dir, particles, false);
        }
    }

    /**
     * Continues a killed run in {@code dir} from its checkpoint ({@link RunCheckpoint}): the last complete
     * iteration's state, then the saved alignment blocks of the iteration that was running. The final
     * files are those of an uninterrupted run.
     */
    public List<Volume> resume(Path dir) throws IOException {
        try (ParticleSource particles = new ParticleSource(cfg.input(), cfg.subset(), cfg.apix(), cfg.weights())) {
            return run(dir, particles, true);
        }
    }

    private List<Volume> run(Path dir, ParticleSource particles, boolean resume) throws IOException {
        int n = particles.size(), box = particles.box();
        AlignmentSetup setup = AlignmentSetup.of(cfg, particles.spec());
        AlignmentContext ctx = new AlignmentContext(setup, box);
        PreprocessChain coarse = ctx.coarse(), fine = ctx.fine();
        ParticleAligner aligner = new ParticleAligner(particles, cfg.npeaks(), cfg.randomizeWedge(), cfg.seed());
        // With per-particle weights the class averages are CTF-corrected (docs/weights.md) whatever --averager says.
        ClassAverager averager = new ClassAverager(particles,
                particles.hasWeights() ? cfg.averaging().withAverager(CtfWeightedAverager.FACTORY) : cfg.averaging(), executor);
        if (particles.hasWeights()) {
            boolean tree = cfg.alignPerClass().stream().allMatch(a -> a != null && TreeAligner.NAME.equals(a.name()));
            log.println("weights: each particle's rlnCtfImage is used (--weights " + cfg.weights() + "): class averages are CTF-corrected; "
                    + (tree ? "the tree aligner compares each particle with its weight × the reference"
                            : "the aligners in use ignore them (only " + TreeAligner.NAME + " uses weights)"));
        }

        // References from the data are aligned as preprocessed copies of raw volumes, with the same routine.
        PairAligner pairs = (moving, fixed) -> {
            ParticleAligner.Stages st = ctx.stages(List.of(fixed), true, executor.parallelism());
            // The --randomizewedge key comes from the volume's content, so it is the same on every run and thread.
            return aligner.alignRaw(moving, ParticleAligner.mix(cfg.seed(), -1, java.util.Arrays.hashCode(moving.data)), st, "a volume")[0];
        };
        RunCheckpoint checkpoint = new RunCheckpoint(dir);
        RunCheckpoint.State state = resume ? checkpoint.readState() : null;
        List<Volume> refs = state != null ? checkpoint.readReferences(state.completed() - 1)
                : resume ? checkpoint.readInitialReferences() : null;
        if (refs == null) {
            ReferenceBuilder builder = new ReferenceBuilder(cfg.averaging().averager(), pairs, centring(), executor);
            phase("building references");
            refs = InitialReferences.make(cfg, particles, builder, coarse, dir, log);
            checkpoint.writeInitialReferences(refs);
        }
        int k = refs.size();
        for (Volume r : refs) {
            if (r.nx != box || !r.isCube()) throw new JsptException("reference is " + r.shape() + " but the particles are " + box + "³");
        }
        if (cfg.references() instanceof ReferenceSource.FromData d && d.classmx() == null) {
            Classmx.write(dir.resolve("classmx_" + RunOutputs.pad(0, String.valueOf(cfg.iterations()).length()) + ".hdf"),
                    InitialReferences.contiguousGroups(n, k), n);
        }
        boolean fullChainAtStart = cfg.refPreprocess() || cfg.references() instanceof ReferenceSource.FromData;
        RunOutputs out = new RunOutputs(dir, cfg.input(), n, k, cfg.iterations());
        Start from = state == null ? Start.fresh(refs) : restore(checkpoint, state, refs, n, dir);
        if (from.finished()) {
            log.println("the run in " + dir + " is already complete");
            return from.finalAverages();
        }
        if (state != null) log.println("resuming after iteration " + RunOutputs.nn(from.iteration() - 1));
        boolean[] active = from.active();
        Assignment previous = from.previous();
        List<Volume> finalAverages = from.finalAverages();
        RunCheckpoint.State committed = state; // the last state on disk
        for (int it = from.iteration(); it < cfg.iterations(); it++) {
            long t0 = System.nanoTime();
            if (count(active) < 2) throw failure();
            boolean fullChain = it > 0 || fullChainAtStart;
            writeReferenceSteps(dir, it, refs, active, coarse, fine, fullChain);
            if (it == 0 && cfg.savepreproc()) {
                phase("writing preprocessed particles");
                writePreprocessedParticles(dir, particles, coarse, fine);
            }
            AlignPass pass = new AlignPass(setup, it, activeOnly(refs, active), active, fullChain)
                    .useLocally(particles, ctx, executor.parallelism());
            AlignResult[][] results = alignAll(pass, it, n, checkpoint);
            Assignment asg = Assignment.classify(results, active);
            if (it > 0 && asg.sameClassesAs(previous)) {
                log.println("Two consecutive iterations yielded the same classification: converged at iteration " + RunOutputs.nn(it));
                // jspt's own record of the converged iteration's alignments (EMAN2's files stop at the previous one).
                out.writeParticleParms(it, asg);
                if (cfg.saveali()) writeAligned(out, particles, asg, averager.inclusionWeights(asg, k), k);
                previous = asg;
                break;
            }
            for (int r = 0; r < k; r++) {
                if (!active[r]) continue;
                out.writeSptali(it, r, results);
                if (cfg.plots()) out.writeScorePlotData(it, r, results);
            }
            out.appendMembership(it, asg, previous, k);
            out.writeParticleParms(it, asg);
            phase("averaging (iteration " + RunOutputs.nn(it) + ")");
            List<ClassAverager.ClassResult> cls = averager.average(asg, k, inputName != null ? inputName : cfg.input());
            List<Volume> avgs = new ArrayList<>();
            for (ClassAverager.ClassResult c : cls) avgs.add(active[c.k()] ? c.average() : null);
            out.writeAverages(it, avgs, box, particles.apix(), cfg.savesteps());
            for (ClassAverager.ClassResult c : cls) if (c.fsc() != null) out.writeFsc(it, c.k(), c.fsc(), box, particles.apix());
            double seconds = (System.nanoTime() - t0) * 1e-9;
            IterationLog.Record rec = iterationLog.record(it, asg, previous, cls, active, seconds);
            iterationLog.write(dir.resolve("iterations.json"));
            RunReport.writeOrWarn(dir, log); // never fails the run: a problem is one warning line
            iterationLog.print(log, rec);
            if (cfg.saveali() && it == cfg.iterations() - 1) writeAligned(out, particles, asg, averager.inclusionWeights(asg, k), k);
            boolean[] aligned = active.clone();
            for (int c = 0; c < k; c++) if (avgs.get(c) == null) active[c] = false;
            previous = asg;
            finalAverages = avgs;
            List<Volume> next = new ArrayList<>(refs);
            for (int c = 0; c < k; c++) if (avgs.get(c) != null) next.set(c, avgs.get(c));
            refs = next;
            // Commit point: everything of this iteration is on disk before the state names it.
            checkpoint.writeReferences(it, refs);
            committed = new RunCheckpoint.State(it + 1, aligned, active.clone(), false);
            checkpoint.writeState(committed);
            checkpoint.dropBefore(it);
            if (count(active) < 2) throw failure();
        }
        finish(dir, finalAverages);
        if (committed != null) checkpoint.writeState(new RunCheckpoint.State(committed.completed(), committed.activeAligned(), committed.active(), true));
        RunReport.writeOrWarn(dir, log);
        return finalAverages;
    }

    /**
     * Where the iteration loop starts.
     * @param previous the last complete iteration's classes (null: none)
     * @param finalAverages the averages a run ending here would finish with (null: an emptied class)
     * @param finished true if the checkpoint says the run's final files are written
     */
    private record Start(int iteration, boolean[] active, Assignment previous, List<Volume> finalAverages, boolean finished) {
        static Start fresh(List<Volume> refs) {
            boolean[] all = new boolean[refs.size()];
            Arrays.fill(all, true);
            return new Start(0, all, null, refs, false);
        }
    }

    /** The loop's state after the checkpoint's last complete iteration. */
    private Start restore(RunCheckpoint checkpoint, RunCheckpoint.State state, List<Volume> refs, int n, Path dir) throws IOException {
        int k = refs.size(), start = state.completed();
        if (state.active().length != k) throw new JsptException(checkpoint.dir() + ": the checkpoint holds " + state.active().length + " classes, its references " + k);
        AlignResult[][] last = new AlignResult[n][];
        if (checkpoint.readAlignments(start - 1, last) != n) {
            throw new JsptException(checkpoint.dir() + ": the alignments of iteration " + RunOutputs.nn(start - 1) + " are incomplete; the checkpoint is damaged");
        }
        iterationLog.read(dir.resolve("iterations.json"), start);
        List<Volume> averages = new ArrayList<>();
        for (int c = 0; c < k; c++) averages.add(state.active()[c] ? refs.get(c) : null);
        return new Start(start, state.active().clone(), Assignment.classify(last, state.activeAligned()), averages, state.finished());
    }

    /**
     * Aligns every particle of iteration {@code it} in blocks, saving each block as it finishes; blocks a
     * killed run already saved are read back instead of aligned again.
     */
    private AlignResult[][] alignAll(AlignPass pass, int it, int n, RunCheckpoint checkpoint) throws IOException {
        AlignResult[][] results = new AlignResult[n][];
        int have = checkpoint.readAlignments(it, results);
        if (have > 0) log.println("iteration " + RunOutputs.nn(it) + ": " + have + " of " + n + " particles were aligned before the restart");
        String what = "aligning (iteration " + RunOutputs.nn(it) + ")";
        int[] done = {have};
        int block = checkpointBlock(n);
        for (int p = 0; p < n; ) {
            if (results[p] != null) {
                p++;
                continue;
            }
            int end = p;
            while (end < n && results[end] == null && end - p < block) end++;
            List<AlignResult[]> rows = executor.mapParticles(end - p, new OffsetTask<>(pass, p), c -> report(what, done, c, n));
            checkpoint.writeAlignments(it, p, rows);
            for (int i = 0; i < rows.size(); i++) results[p + i] = rows.get(i);
            p = end;
        }
        return results;
    }

    /**
     * Particles per alignment checkpoint: enough to keep every worker busy (8 chunks each) and at most
     * about 100 blocks an iteration; {@code -Djspt.checkpoint.block=N} sets it (tests).
     */
    private int checkpointBlock(int n) {
        int forced = Integer.getInteger("jspt.checkpoint.block", 0);
        if (forced > 0) return forced;
        int perWorkers = 8 * ParticleExecutor.CHUNK * executor.parallelism();
        int perHundredth = (n / 100 + ParticleExecutor.CHUNK - 1) / ParticleExecutor.CHUNK * ParticleExecutor.CHUNK;
        return Math.max(perWorkers, perHundredth);
    }

    /**
     * Reference files (§4.4, §5.5, §7.7): with --savepreproc the preprocessed initial references
     * {@code ref<i>_preproc.hdf} / {@code _preprocfine.hdf}; with --savesteps, from iteration 1 on, the
     * references of the iteration as {@code ref<i>_iter<tag>.hdf} and their preprocessed copies
     * {@code ref<i>_iter<tag>_preproc.hdf} (tag = the previous iteration, EMAN2's names).
     */
    private void writeReferenceSteps(Path dir, int it, List<Volume> refs, boolean[] active, PreprocessChain coarse,
                                     PreprocessChain fine, boolean fullChain) throws IOException {
        boolean initial = it == 0 && cfg.savepreproc(), step = it > 0 && cfg.savesteps();
        if (!initial && !step) return;
        int w = String.valueOf(refs.size()).length();
        for (int c = 0; c < refs.size(); c++) {
            if (!active[c]) continue;
            Volume r = refs.get(c);
            String base = "ref" + RunOutputs.pad(c, w) + (step ? "_iter" + RunOutputs.pad(it - 1, String.valueOf(cfg.iterations()).length()) : "");
            if (step) EmanHdf.write(dir.resolve(base + ".hdf"), List.of(r));
            if (cfg.coarse().active()) EmanHdf.write(dir.resolve(base + "_preproc.hdf"), List.of(fullChain ? coarse.apply(r) : coarse.resizeOnly(r)));
            if (fine != null && cfg.fine().active()) EmanHdf.write(dir.resolve(base + "_preprocfine.hdf"), List.of(fullChain ? fine.apply(r) : fine.resizeOnly(r)));
        }
    }

    /** --savepreproc (§4.4): the preprocessed particle stacks {@code <input>_preproc.hdf} and {@code _preprocfine.hdf}. */
    private void writePreprocessedParticles(Path dir, ParticleSource particles, PreprocessChain coarse, PreprocessChain fine) throws IOException {
        String name = Path.of(cfg.input()).getFileName().toString().replaceFirst("\\.[^.]*$", "");
        if (cfg.coarse().active()) writeStack(dir.resolve(name + "_preproc.hdf"), particles, coarse);
        if (fine != null && cfg.fine().active()) writeStack(dir.resolve(name + "_preprocfine.hdf"), particles, fine);
    }

    /** Streams every particle through a chain into a new stack, in particle order. */
    private void writeStack(Path file, ParticleSource particles, PreprocessChain chain) throws IOException {
        ImageStackWriter w = EmanHdf.create(file);
        try {
            int n = particles.size();
            int window = 2 * ParticleExecutor.CHUNK * executor.parallelism(); // bounded memory, every worker busy
            for (int start = 0; start < n; start += window) {
                int s = start;
                for (Volume v : executor.map(Math.min(window, n - s), i -> chain.apply(particles.read(s + i)))) w.append(v);
            }
            w.close();
        } catch (IOException | RuntimeException e) {
            w.abort();
            throw e;
        }
    }

    private static JsptException failure() {
        return new JsptException("has allocated all particles to one average and therefore has failed or converged. EXITING.");
    }

    private static int count(boolean[] a) {
        int c = 0;
        for (boolean b : a) if (b) c++;
        return c;
    }

    private static List<Volume> activeOnly(List<Volume> refs, boolean[] active) {
        List<Volume> l = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) if (active[i]) l.add(refs.get(i));
        return l;
    }

    /** Centring for bt pair averages (§5.2.4): the --autocenter processor's shift, or nothing. */
    private UnaryOperator<Volume> centring() {
        ProcessorSpec ac = cfg.averaging().autocenter();
        if (ac == null) return UnaryOperator.identity();
        return v -> {
            Volume c = ac.build().apply(v);
            Transform t = c.header().getTransform("xform.align3d");
            return t == null ? v : VolumeTransforms.apply(v, t);
        };
    }

    private void phase(String name) {
        if (progress != null) progress.phase(name);
    }

    private void report(String what, int[] done, int count, int total) {
        if (progress == null) return;
        int d;
        synchronized (done) {
            d = done[0] += count;
        }
        progress.update(what, d, total);
    }

    /** --saveali (§7.7): every member of each class after its transform (kept ones times their weight). */
    private void writeAligned(RunOutputs out, ParticleSource particles, Assignment asg, double[] weight, int k) throws IOException {
        int w = String.valueOf(k).length();
        for (int c = 0; c < k; c++) {
            List<Integer> members = asg.members(c);
            if (members.isEmpty()) continue;
            ImageStackWriter wr = EmanHdf.create(out.dir().resolve("class" + RunOutputs.pad(c, w) + "_ptcl.hdf"));
            try {
                for (int p : members) {
                    AlignResult r = asg.best(p);
                    Volume v = VolumeTransforms.apply(particles.read(p), r.xform());
                    if (weight[p] != 0 && weight[p] != 1) for (int i = 0; i < v.data.length; i++) v.data[i] *= (float) weight[p];
                    v.header().put("origin_x", 0).put("origin_y", 0).put("origin_z", 0)
                            .put("spt_score", r.score()).put("xform.align3d", r.xform());
                    wr.append(v);
                }
                wr.close();
            } catch (IOException | RuntimeException e) {
                wr.abort();
                throw e;
            }
        }
    }

    /** §8: --postprocess and --output on the final averages. */
    private void finish(Path dir, List<Volume> averages) throws IOException {
        List<Volume> present = new ArrayList<>();
        for (Volume v : averages) if (v != null) present.add(v);
        if (cfg.postprocess() != null) {
            List<Volume> pp = new ArrayList<>();
            for (Volume v : averages) pp.add(v == null ? null : cfg.postprocess().build().apply(v));
            EmanHdf.write(dir.resolve("class_avgs_postproc.hdf"), nonNull(pp, averages));
        }
        if (cfg.output() != null && !present.isEmpty()) EmanHdf.write(dir.resolve(cfg.output()), nonNull(averages, averages));
    }

    private static List<Volume> nonNull(List<Volume> vols, List<Volume> like) {
        List<Volume> l = new ArrayList<>();
        Volume any = like.stream().filter(v -> v != null).findFirst().orElseThrow();
        for (Volume v : vols) l.add(v != null ? v : RunOutputs.emptyClass(any.nx, any.apix()));
        return l;
    }

}

package org.jspt.refine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspt.JsptException;
import org.jspt.align.AlignResult;
import org.jspt.align.TreeAligner;
import org.jspt.average.CtfWeightedAverager;
import org.jspt.classify.ClassConsensus;
import org.jspt.exec.OffsetTask;
import org.jspt.exec.ParticleExecutor;
import org.jspt.geom.Transform;
import org.jspt.image.FftPlans;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.io.AtomicFiles;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.io.ImageStackWriter;
import org.jspt.proc.ProcessorSpec;
import org.jspt.refine.restarts.BootstrapRestarts;
import org.jspt.report.BackgroundReport;
import org.jspt.report.RunReport;
import org.jspt.run.Assignment;
import org.jspt.run.Classmx;
import org.jspt.run.IterationLog;
import org.jspt.run.ParticleMargins;
import org.jspt.run.RestartFiles;
import org.jspt.run.RunCheckpoint;
import org.jspt.run.RunFileNames;
import org.jspt.run.RunOutputs;

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
    /** Plan the run's hot transform sizes with FFTW_MEASURE where that is faster ({@link FftPlans}). */
    private boolean measureFftPlans;
    /** Plans given with --fftplan FILE, or null. */
    private FftPlans.Wisdom givenFftPlans;
    /** The run report's writer of the run in progress. */
    private BackgroundReport report;

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

    /**
     * {@code --fftplan measure}: time FFTW_MEASURE against FFTW_ESTIMATE for the run's hot sizes and use the measured
     * plans where they are faster; they are kept in the checkpoint so that a resume computes the same bits. @return this
     */
    public RefineMulti measureFftPlans(boolean measure) {
        this.measureFftPlans = measure;
        return this;
    }

    /** {@code --fftplan FILE}: the measured plans of an earlier run (its {@code checkpoint/fft_plans.txt}). @return this */
    public RefineMulti fftPlans(FftPlans.Wisdom given) {
        this.givenFftPlans = given;
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

    /**
     * The algorithm (§7): build or restore the references, then per iteration align, classify, stop if
     * converged, average, write, commit. The files and the checkpoint are written by the run-folder classes.
     */
    private List<Volume> run(Path dir, ParticleSource particles, boolean resume) throws IOException {
        FftPlans.Wisdom before = FftPlans.current();
        RunCheckpoint checkpoint = new RunCheckpoint(dir);
        if (resume) deleteLeftovers(dir);
        FftPlans.adopt(fftPlans(checkpoint, particles.box(), resume));
        try (BackgroundReport r = new BackgroundReport(dir, log)) {
            report = r;
            return runWithPlans(dir, particles, checkpoint, resume);
        } finally {
            FftPlans.adopt(before); // later work in this JVM (another run, a test) plans as it did before this run
        }
    }

    /**
     * A killed run can leave the temporary file of a write it did not finish (a report being drawn while the next
     * iteration aligned, a checkpoint block): the resumed run deletes them, so its folder holds what an uninterrupted
     * run's does.
     */
    private void deleteLeftovers(Path dir) throws IOException {
        int n = 0;
        for (Path f : List.of(dir, dir.resolve(RunReport.IMAGES), dir.resolve(RunCheckpoint.DIR))) n += AtomicFiles.deleteLeftovers(f);
        if (n > 0) log.println("deleted " + n + " unfinished temporary file" + (n == 1 ? "" : "s") + " of the killed run");
    }

    /**
     * The run's FFT plans: a resumed run's own (estimated throughout if it kept none); else with --fftplan measure the
     * measured ones for the particles' box and the alignment boxes after --shrink/--shrinkfine (the tree aligner's
     * coarse-level cross-correlations take no transform: LocalCcf), written to the checkpoint before any of them is used.
     */
    private FftPlans.Wisdom fftPlans(RunCheckpoint checkpoint, int box, boolean resume) throws IOException {
        if (resume) {
            FftPlans.Wisdom kept = checkpoint.readFftPlans();
            if (kept == null) return FftPlans.Wisdom.NONE;
            log.println("FFT plans: " + kept.describe() + " (the run's own, from its checkpoint)");
            return kept;
        }
        if (givenFftPlans != null) {
            checkpoint.writeFftPlans(givenFftPlans);
            log.println("FFT plans: " + givenFftPlans.describe() + " (--fftplan file)");
            return givenFftPlans;
        }
        if (!measureFftPlans) return FftPlans.Wisdom.NONE;
        java.util.TreeSet<Integer> sizes = new java.util.TreeSet<>();
        sizes.add(box);
        for (PreprocessChain.Settings s : new PreprocessChain.Settings[] {cfg.alignment().coarse(), cfg.alignment().fine()}) {
            if (s == null) continue;
            sizes.add(org.jspt.refine.options.PreprocessParams.shrunkBox(box, s.shrink()));
        }
        long t0 = System.nanoTime();
        FftPlans.Wisdom plans = FftPlans.measure(sizes.stream().mapToInt(Integer::intValue).toArray());
        checkpoint.writeFftPlans(plans);
        log.printf("FFT plans for %s: %s (%.1f s; --fftplan, docs/performance.md)%n", sizes.stream().map(n -> n + "³").toList(), plans.describe(), (System.nanoTime() - t0) * 1e-9);
        return plans;
    }

    private List<Volume> runWithPlans(Path dir, ParticleSource particles, RunCheckpoint checkpoint, boolean resume) throws IOException {
        AlignmentTools tools = new AlignmentTools(cfg.alignment(), particles.box());
        ClassAverager averager = classAverager(particles).withHalfReferences();
        if (cfg.alignment().focusMask() != null) {
            boolean split = cfg.references() instanceof ReferenceSource.FromData d && d.splitGroups();
            log.println("focus mask: particles are aligned on the whole volume and classified by the score inside the mask; "
                    + "every score written is that focused score (refinemulti.md §16.2"
                    + (split ? "; with --grouping split the mask is the whole particle unless --focusmask says otherwise, none for the alignment score)" : ")"));
        }
        if (cfg.alignment().refMask() != null) {
            log.println("reference mask: each pass aligns and classifies against the references multiplied by " + cfg.alignment().refMask().describe()
                    + "; the averages written are not masked (--refmask, refinemulti.md §16.7)");
        }
        Start from = start(dir, particles, tools, averager, checkpoint, resume);
        if (from.finished()) {
            log.println("the run in " + dir + " is already complete");
            return from.finalAverages();
        }
        if (from.committed() != null) log.println("resuming after iteration " + RunOutputs.nn(from.iteration() - 1));
        int k = from.references().size();
        int goldTotal = goldIterations();
        RunOutputs out = new RunOutputs(dir, cfg.input(), particles.size(), k, totalIterations());
        List<Volume> refs = from.references(), finalAverages = from.finalAverages();
        boolean[] active = from.active();
        Assignment previous = from.previous();
        RunCheckpoint.State committed = from.committed(); // the last state on disk
        LastAlignment last = null; // for --restarts (§16.5)
        List<Volume[]> halfRefs = from.halfReferences();
        int[] frozen = from.frozenClasses(); // the classes kept by the gold-standard iterations (§7.9); null while classifying
        int goldStart = frozen != null ? from.goldStart() : -1;
        int end = frozen != null ? goldStart + goldTotal : cfg.iterations() + goldTotal;
        for (int it = from.iteration(); it < end; it++) {
            if (it > from.iteration()) releaseLastIteration();
            long t0 = System.nanoTime();
            if (count(active) < 2) throw failure();
            if (frozen == null && it >= cfg.iterations()) {
                frozen = startGoldStandard(previous, it);
                goldStart = it;
            }
            boolean fullChain = it > 0 || fullChainAtStart();
            writeSteps(dir, it, refs, active, tools, particles, fullChain);
            // The last gold-standard iteration aligns to the joined halves, the whole averages, as RELION ends its auto-refine (§7.9).
            boolean joined = frozen != null && it == end - 1;
            if (joined) log.println("iteration " + RunOutputs.nn(it) + ": the last gold-standard iteration aligns each particle to its class's whole average (the halves joined)");
            AlignPass pass = frozen == null || halfRefs == null || joined
                    ? new AlignPass(cfg.alignment(), particles.spec(), it, activeOnly(refs, active), active, fullChain)
                    : new AlignPass(cfg.alignment(), particles.spec(), it, activeOnly(halfReferences(refs, halfRefs, 0), active),
                            activeOnly(halfReferences(refs, halfRefs, 1), active), active, fullChain);
            if (frozen != null && halfRefs != null) pass.near(frozen, ownStarts(previous, frozen), cfg.gold().maxang());
            // §7.1.5: while classifying, each winning pose is polished against its class's average without the particle.
            else if (frozen == null && halfRefs != null) pass.polishAgainst(activeOnly(halvesOnly(halfRefs, 0), active), activeOnly(halvesOnly(halfRefs, 1), active));
            AlignResult[][] results = alignAll(pass.useLocally(particles, tools, executor.parallelism()), it, particles.size(), checkpoint);
            Assignment asg = frozen == null ? Assignment.classify(results, active) : new Assignment(results, frozen);
            // Only --restarts needs every particle's results against every class after the loop.
            if (cfg.restarts().restarts() > 1) last = new LastAlignment(it, active.clone(), asg);
            // §16.6: how sure each assignment is, from this iteration's scores; the gold-standard iterations score one class only.
            if (frozen == null) ParticleMargins.write(dir, it, asg);
            double temperature = frozen != null ? 0 : SoftAssignment.temperature(cfg.averaging().anneal(), it, cfg.iterations());
            // Annealing (§16.3): the classes may still move while the averages are soft, so only a hard iteration converges.
            if (frozen == null && it > 0 && temperature == 0 && asg.sameClassesAs(previous)) {
                writeConverged(out, it, asg, previous, active, particles, averager, k, (System.nanoTime() - t0) * 1e-9);
                if (goldTotal == 0) break;
                frozen = startGoldStandard(asg, it + 1);
                goldStart = it + 1;
                end = goldStart + goldTotal;
                previous = asg.assignedOnly();
                continue;
            }
            out.writeClassification(it, results, asg, previous, active, cfg.output().plots());
            phase("averaging (iteration " + RunOutputs.nn(it) + ")");
            List<ClassAverager.ClassResult> cls = averager.average(asg, k, inputName != null ? inputName : cfg.input(),
                    SoftAssignment.weights(asg, active, k, temperature));
            List<Volume> avgs = writeAverages(out, it, cls, active, particles);
            IterationLog.Record rec = iterationLog.add(dir, it, asg, previous, resolutions(cls), active, (System.nanoTime() - t0) * 1e-9);
            report.request(); // drawn while the next iteration aligns; never fails the run: a problem is one warning line
            iterationLog.print(log, rec);
            if (cfg.output().saveali() && it == end - 1) writeAligned(out, particles, asg, averager.inclusionWeights(asg, k), k);
            boolean[] aligned = active.clone();
            for (int c = 0; c < k; c++) if (avgs.get(c) == null) active[c] = false;
            previous = asg.assignedOnly(); // a later iteration needs only each particle's own class and its result there
            finalAverages = avgs;
            refs = nextReferences(refs, avgs);
            halfRefs = crossedHalves(cls, active);
            checkpoint.writeHalves(it, refs, halfRefs, frozen == null ? -1 : goldStart, frozen);
            committed = checkpoint.commit(it, refs, aligned, active); // everything of this iteration is on disk before the state names it
            if (count(active) < 2) throw failure();
        }
        if (cfg.restarts().restarts() > 1) {
            if (last == null) last = lastCommitted(committed, previous);
            finalAverages = writeConsensus(out, particles, tools, averager, last, k, checkpoint);
        }
        finish(dir, finalAverages);
        checkpoint.markFinished(committed);
        // The restarts' blocks are no longer needed (a finished run resumes nothing).
        if (committed != null && cfg.restarts().restarts() > 1) checkpoint.dropAlignmentsAfter(committed.completed() - 1);
        report.finish();
        return finalAverages;
    }

    /**
     * Where the iteration loop starts.
     * @param references the references of that iteration
     * @param previous the last complete iteration's classes (null: none)
     * @param finalAverages the averages a run ending here would finish with (null: an emptied class)
     * @param committed the checkpoint's last state (null: a fresh run)
     * @param finished true if the checkpoint says the run's final files are written
     */
    private record Start(int iteration, List<Volume> references, List<Volume[]> halfReferences, int[] frozenClasses, int goldStart,
                         boolean[] active, Assignment previous, List<Volume> finalAverages, RunCheckpoint.State committed, boolean finished) {
        static Start fresh(List<Volume> refs) {
            boolean[] all = new boolean[refs.size()];
            Arrays.fill(all, true);
            return new Start(0, refs, null, null, -1, all, null, refs, null, false);
        }
    }

    /**
     * The references and loop state to start from: a resumed run's checkpoint, else references read or built
     * (§5; saved to the checkpoint, and EMAN2's classmx_0 for references built from contiguous groups).
     */
    private Start start(Path dir, ParticleSource particles, AlignmentTools tools, ClassAverager averager, RunCheckpoint checkpoint,
                        boolean resume) throws IOException {
        int n = particles.size(), box = particles.box();
        RunCheckpoint.State state = resume ? checkpoint.readState() : null;
        List<Volume> refs = state != null ? checkpoint.readReferences(state.completed() - 1)
                : resume ? checkpoint.readInitialReferences() : null;
        if (refs == null) {
            phase("building references");
            refs = InitialReferences.make(cfg, particles, referenceBuilder(particles, tools), tools.coarse(), dir, log,
                    stackWork(particles, tools, averager));
            checkpoint.writeInitialReferences(refs);
        }
        for (Volume r : refs) {
            if (r.nx != box || !r.isCube()) throw new JsptException("reference is " + r.shape() + " but the particles are " + box + "³");
        }
        if (cfg.references() instanceof ReferenceSource.FromData d && d.classmx() == null && d.contiguousGroups()) {
            Classmx.write(dir.resolve(RunFileNames.classmx(RunFileNames.iterTag(0, totalIterations()))),
                    InitialReferences.contiguousGroups(n, refs.size()), n);
        }
        return state == null ? Start.fresh(refs) : restore(checkpoint, state, refs, n, dir);
    }

    /**
     * The passes over the stack of --grouping farthest and split (§16.1, §16.4), on the run's executor.
     * @param averager the run's class averager (CTF-corrected when the particles carry weights, as the class averages)
     */
    private InitialReferences.StackWork stackWork(ParticleSource particles, AlignmentTools tools, ClassAverager averager) {
        return new InitialReferences.StackWork() {
            @Override
            public AlignResult[][] align(List<Volume> refs) {
                int n = particles.size();
                boolean[] all = new boolean[refs.size()];
                Arrays.fill(all, true);
                AlignPass pass = new AlignPass(cfg.alignment(), particles.spec(), -1, refs, all, fullChainAtStart())
                        .useLocally(particles, tools, executor.parallelism());
                int[] done = {0};
                String what = refs.size() == 1 ? "aligning the stack to a reference" : "aligning the stack to " + refs.size() + " references";
                return executor.mapParticles(n, pass, c -> report(what, done, c, n)).toArray(new AlignResult[0][]);
            }

            @Override
            public List<Volume> averages(int[] classOf, Transform[] xforms, int k) {
                return averager.plainAverages(classOf, xforms, k);
            }

            @Override
            public float[][] features(int[] members, Transform[] xforms, int[] average, List<Volume> averages, int radius) {
                SplitFeatures task = new SplitFeatures(particles.spec(), members, xforms, average, averages, radius).useLocally(particles);
                return executor.mapParticles(members.length, task, null).toArray(new float[0][]);
            }
        };
    }

    /** References from the data are aligned as preprocessed copies of raw volumes, with the particles' routine. */
    private ReferenceBuilder referenceBuilder(ParticleSource particles, AlignmentTools tools) {
        return new ReferenceBuilder(cfg.averaging().averager(), pairAligner(particles, tools), centring(), executor);
    }

    /** One raw volume onto another with the run's alignment routine (bt's pairs). */
    private PairAligner pairAligner(ParticleSource particles, AlignmentTools tools) {
        ParticleAligner aligner = new ParticleAligner(particles, cfg.alignment().npeaks(), cfg.alignment().randomizeWedge(), cfg.seed());
        return (moving, fixed) -> {
            ParticleAligner.Stages st = tools.stages(List.of(fixed), true, executor.parallelism());
            // The --randomizewedge key comes from the volume's content, so it is the same on every run and thread.
            return aligner.alignRaw(moving, ParticleAligner.mix(cfg.seed(), -1, java.util.Arrays.hashCode(moving.data)), st, "a volume")[0];
        };
    }

    /**
     * The last alignment of run 1, which --restarts (§16.5) starts from.
     * @param it its 0-based iteration (the converged one if the run converged)
     * @param active the classes it aligned to
     * @param classes its classification (with every particle's result against every active class)
     */
    private record LastAlignment(int it, boolean[] active, Assignment classes) {}

    /** A resumed run whose iterations were all complete: the last committed iteration's alignment, from the checkpoint. */
    private static LastAlignment lastCommitted(RunCheckpoint.State state, Assignment last) {
        return new LastAlignment(state.completed() - 1, state.activeAligned().clone(), last);
    }

    /**
     * --restarts N (§16.5): the consensus of run 1 and N − 1 restarts against bootstrap resamples of its classes
     * ({@link BootstrapRestarts}), written as one more iteration NN (class_membership.txt, particle_parms_NN.json, the
     * averages at run 1's poses for the consensus classes, without particles below --minstability; iterations.json),
     * plus particle_stability.txt and class_reproducibility.txt. @return the consensus averages (null: an empty class)
     */
    private List<Volume> writeConsensus(RunOutputs out, ParticleSource particles, AlignmentTools tools, ClassAverager averager,
                                        LastAlignment last, int k, RunCheckpoint checkpoint) throws IOException {
        long t0 = System.nanoTime();
        int runs = cfg.restarts().restarts(), it = last.it() + 1;
        phase("restarts");
        log.printf("restarts: run 1's last classification repeated %d times, each against averages of a bootstrap resample of its classes (refinemulti.md §16.5)%n", runs - 1);
        log.flush();
        String input = inputName != null ? inputName : cfg.input();
        BootstrapRestarts.Outcome o = new BootstrapRestarts(averager, restartAlignment(particles, tools, it, checkpoint), cfg.seed(), input, log)
                .classify(last.classes(), last.active(), runs);
        ClassConsensus c = o.consensus();
        Assignment asg = new Assignment(last.classes().results(), c.classOf());
        double[] kept = null;
        if (cfg.restarts().minStability() > 0) {
            kept = new double[asg.particles()];
            int count = 0;
            for (int p = 0; p < kept.length; p++) {
                boolean below = c.stability()[p] < cfg.restarts().minStability();
                kept[p] = below ? 0 : 1;
                if (below) count++;
            }
            log.printf("--minstability %s: %d of %d particles left out of the averages%n", cfg.restarts().minStability(), count, kept.length);
        }
        out.appendMembership(it, asg, last.classes(), k);
        out.writeParticleParms(it, asg);
        List<ClassAverager.ClassResult> cls = averager.average(asg, k, input, null, kept);
        List<Volume> avgs = writeAverages(out, it, cls, last.active(), particles);
        RestartFiles.write(out.dir(), c, o.meanMargin());
        IterationLog.Record rec = iterationLog.add(out.dir(), it, asg, last.classes(), resolutions(cls), last.active(), (System.nanoTime() - t0) * 1e-9);
        log.println("consensus of " + runs + " classifications (iteration " + RunOutputs.nn(it) + "); class reproducibility:");
        log.print(RestartFiles.table(c));
        int moved = asg.changedFrom(last.classes());
        // Where the restarts outvote run 1 the consensus is usually, not always, the better answer (docs/heterogeneity.md):
        // run 1's own classes stay on disk.
        if (moved > 0) {
            log.printf("the consensus moves %d of %d particles out of run 1's classes; run 1's classes stay in %s (its margins in %s)%n",
                    moved, asg.particles(), RunFileNames.particleParms(last.it() + 1), RunFileNames.PARTICLE_MARGINS);
        }
        iterationLog.print(log, rec);
        return avgs;
    }

    /**
     * A restart's pass over the stack: every particle aligned and scored against every active reference as in an
     * iteration, checkpointed in blocks as an iteration numbered {@code it + restart} (after run 1's last, which the
     * consensus follows as iteration {@code it}), so a run killed during the restarts resumes from its last block.
     */
    private BootstrapRestarts.StackAlignment restartAlignment(ParticleSource particles, AlignmentTools tools, int it, RunCheckpoint checkpoint) {
        return (refs, active, restart) -> {
            // The iteration number also keys --randomizewedge's draws: each restart gets its own.
            AlignPass pass = new AlignPass(cfg.alignment(), particles.spec(), it + restart, activeOnly(refs, active), active, true)
                    .useLocally(particles, tools, executor.parallelism());
            return alignAll(pass, it + restart, particles.size(), checkpoint, "restart " + restart + " of " + cfg.restarts().restarts());
        };
    }

    /**
     * Collects the heap between iterations. The last iteration's N×K alignment results lived through its whole
     * alignment pass, so G1 moved them to the old generation, where they stay after they die: G1 starts no marking
     * cycle below 45 % occupancy, and the next iteration's results then take new old regions beside them. Collecting
     * here, where they have just died, lets the next iteration reuse those regions: at 100,000 particles (32³, K = 3,
     * --align None) the peak RSS fell from 442 to 430 MB (docs/performance.md, "Session 11"), for one full
     * collection of about 40 ms per iteration (the live heap is then about 15 MB).
     */
    private static void releaseLastIteration() {
        System.gc();
    }

    /** With per-particle weights the class averages are CTF-corrected (docs/weights.md) whatever --averager says. */
    private ClassAverager classAverager(ParticleSource particles) {
        if (!particles.hasWeights()) return new ClassAverager(particles, cfg.averaging(), executor);
        boolean tree = cfg.alignment().alignPerClass().stream().allMatch(a -> a != null && TreeAligner.NAME.equals(a.name()));
        log.println("weights: each particle's rlnCtfImage is used (--weights " + cfg.weights() + "): class averages are CTF-corrected; "
                + (tree ? "the tree aligner compares each particle with its weight × the reference"
                        : "the aligners in use ignore them (only " + TreeAligner.NAME + " uses weights)"));
        return new ClassAverager(particles, cfg.averaging().withAverager(CtfWeightedAverager.FACTORY), executor);
    }

    /** References given as files get only the chains' resizing in iteration 0 unless --refpreprocess (§4.3). */
    private boolean fullChainAtStart() {
        return cfg.refPreprocess() || cfg.references() instanceof ReferenceSource.FromData;
    }

    /** The loop's state after the checkpoint's last complete iteration. */
    private Start restore(RunCheckpoint checkpoint, RunCheckpoint.State state, List<Volume> refs, int n, Path dir) throws IOException {
        int k = refs.size(), start = state.completed();
        if (state.active().length != k) throw new JsptException(checkpoint.dir() + ": the checkpoint holds " + state.active().length + " classes, its references " + k);
        AlignResult[][] last = new AlignResult[n][];
        if (checkpoint.readAlignments(start - 1, last) != n) {
            throw new JsptException(checkpoint.dir() + ": the alignments of iteration " + RunOutputs.nn(start - 1) + " are incomplete; the checkpoint is damaged");
        }
        iterationLog.read(dir.resolve(RunFileNames.ITERATIONS), start);
        List<Volume> averages = new ArrayList<>();
        for (int c = 0; c < k; c++) averages.add(state.active()[c] ? refs.get(c) : null);
        RunCheckpoint.GoldState gold = checkpoint.readHalves(start - 1, n);
        if (gold == null || gold.start() < 0) {
            return new Start(start, refs, gold == null ? null : gold.halves(), null, -1, state.active().clone(),
                    Assignment.classify(last, state.activeAligned()), averages, state, state.finished());
        }
        // In the gold-standard iterations the classes are the fixed ones, not the lowest scores (§7.9).
        return new Start(start, refs, gold.halves(), gold.classes(), gold.start(), state.active().clone(), new Assignment(last, gold.classes()),
                averages, state, state.finished());
    }

    /**
     * §7.4: the converged iteration writes only jspt's own records: its alignments and its line of iterations.json
     * (time, class sizes, scores; no averages, so no resolution). EMAN2's files stop at the previous iteration.
     */
    private void writeConverged(RunOutputs out, int it, Assignment asg, Assignment previous, boolean[] active, ParticleSource particles,
                                ClassAverager averager, int k, double seconds) throws IOException {
        log.println("Two consecutive iterations yielded the same classification: converged at iteration " + RunOutputs.nn(it));
        out.writeParticleParms(it, asg);
        IterationLog.Record rec = iterationLog.addConverged(out.dir(), it, asg, previous, active, seconds);
        report.request();
        iterationLog.print(log, rec);
        if (cfg.output().saveali()) writeAligned(out, particles, asg, averager.inclusionWeights(asg, k), k);
    }

    /** Writes the iteration's averages and FSC curves. @return the averages by class, null for a class that is not active */
    private List<Volume> writeAverages(RunOutputs out, int it, List<ClassAverager.ClassResult> cls, boolean[] active, ParticleSource particles) throws IOException {
        List<Volume> avgs = new ArrayList<>();
        for (ClassAverager.ClassResult c : cls) avgs.add(active[c.k()] ? c.average() : null);
        out.writeAverages(it, avgs, particles.box(), particles.apix(), cfg.output().savesteps());
        for (ClassAverager.ClassResult c : cls) if (c.fsc() != null) out.writeFsc(it, c.k(), c.fsc(), particles.box(), particles.apix());
        return avgs;
    }

    private static double[] resolutions(List<ClassAverager.ClassResult> cls) {
        return cls.stream().mapToDouble(ClassAverager.ClassResult::res0143).toArray();
    }

    /** With --goldstandard N: its N iterations on the halves and the one on the joined halves (§7.9); else 0. */
    private int goldIterations() {
        int n = cfg.gold().iterations();
        return n > 0 ? n + 1 : 0;
    }

    /** The most iterations the run can make: --iter, then the gold-standard ones. */
    private int totalIterations() { return cfg.iterations() + goldIterations(); }

    /** The classes the gold-standard iterations keep (§7.9), from iteration {@code it} on. */
    private int[] startGoldStandard(Assignment classes, int it) {
        log.println("classes fixed; gold-standard refinement from iteration " + RunOutputs.nn(it)
                + ": each half of a class is aligned to the other half's average (refinemulti.md §7.9)");
        return classes.classOf().clone();
    }

    /**
     * Per class, {the even-index particles' reference, the odd ones'} = {odd half reference, even half reference}
     * (FSC-weighted half averages, {@link ClassAverager#withHalfReferences()}), averages that do not hold those particles'
     * own noise: the poses' polish while classifying (§7.1.5) and --goldstandard's searches (§7.9); null for a class
     * without both halves (no polish; with --goldstandard its particles align to the whole average).
     */
    private static List<Volume[]> crossedHalves(List<ClassAverager.ClassResult> cls, boolean[] active) {
        List<Volume[]> l = new ArrayList<>();
        for (ClassAverager.ClassResult c : cls) l.add(active[c.k()] && c.halves() != null ? new Volume[] {c.halves()[1], c.halves()[0]} : null);
        return l;
    }

    /** Per particle: its transform against its class {@code classOf[p]} in {@code previous}. */
    private static Transform[] ownStarts(Assignment previous, int[] classOf) {
        Transform[] t = new Transform[classOf.length];
        for (int p = 0; p < t.length; p++) t[p] = previous.results()[p][classOf[p]].xform();
        return t;
    }

    /** The references of the particles of one half (0 even, 1 odd): their crossed half average, or the class's reference. */
    private static List<Volume> halfReferences(List<Volume> refs, List<Volume[]> halfRefs, int half) {
        List<Volume> l = new ArrayList<>(refs);
        for (int c = 0; c < refs.size(); c++) if (halfRefs.get(c) != null) l.set(c, halfRefs.get(c)[half]);
        return l;
    }

    /** The crossed half averages of the particles of one half (0 even, 1 odd), null for a class without them. */
    private static List<Volume> halvesOnly(List<Volume[]> halfRefs, int half) {
        List<Volume> l = new ArrayList<>();
        for (Volume[] h : halfRefs) l.add(h == null ? null : h[half]);
        return l;
    }

    /** The next iteration's references: each class's new average, or its old reference if it has none. */
    private static List<Volume> nextReferences(List<Volume> refs, List<Volume> avgs) {
        List<Volume> next = new ArrayList<>(refs);
        for (int c = 0; c < refs.size(); c++) if (avgs.get(c) != null) next.set(c, avgs.get(c));
        return next;
    }

    /**
     * Aligns every particle of iteration {@code it} in blocks, saving each block as it finishes; blocks a
     * killed run already saved are read back instead of aligned again.
     */
    private AlignResult[][] alignAll(AlignPass pass, int it, int n, RunCheckpoint checkpoint) throws IOException {
        return alignAll(pass, it, n, checkpoint, "iteration " + RunOutputs.nn(it));
    }

    /** As {@link #alignAll(AlignPass, int, int, RunCheckpoint)}, the pass named {@code label} in the log and the progress. */
    private AlignResult[][] alignAll(AlignPass pass, int it, int n, RunCheckpoint checkpoint, String label) throws IOException {
        AlignResult[][] results = new AlignResult[n][];
        int have = checkpoint.readAlignments(it, results);
        if (have > 0) log.println(label + ": " + have + " of " + n + " particles were aligned before the restart");
        String what = "aligning (" + label + ")";
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
    private void writeSteps(Path dir, int it, List<Volume> refs, boolean[] active, AlignmentTools tools, ParticleSource particles,
                            boolean fullChain) throws IOException {
        PreprocessChain coarse = tools.coarse(), fine = tools.fine();
        writeReferenceSteps(dir, it, refs, active, coarse, fine, fullChain);
        if (it == 0 && cfg.output().savepreproc()) {
            phase("writing preprocessed particles");
            writePreprocessedParticles(dir, particles, coarse, fine);
        }
    }

    private void writeReferenceSteps(Path dir, int it, List<Volume> refs, boolean[] active, PreprocessChain coarse,
                                     PreprocessChain fine, boolean fullChain) throws IOException {
        boolean initial = it == 0 && cfg.output().savepreproc(), step = it > 0 && cfg.output().savesteps();
        if (!initial && !step) return;
        for (int c = 0; c < refs.size(); c++) {
            if (!active[c]) continue;
            Volume r = refs.get(c);
            String base = RunFileNames.referenceStem(RunFileNames.refTag(c, refs.size()), step ? RunFileNames.iterTag(it - 1, totalIterations()) : null);
            if (step) EmanHdf.write(dir.resolve(base + ".hdf"), List.of(r));
            if (cfg.alignment().coarse().active()) EmanHdf.write(dir.resolve(base + "_preproc.hdf"), List.of(fullChain ? coarse.apply(r) : coarse.resizeOnly(r)));
            if (fine != null && cfg.alignment().fine().active()) EmanHdf.write(dir.resolve(base + "_preprocfine.hdf"), List.of(fullChain ? fine.apply(r) : fine.resizeOnly(r)));
        }
    }

    /** --savepreproc (§4.4): the preprocessed particle stacks {@code <input>_preproc.hdf} and {@code _preprocfine.hdf}. */
    private void writePreprocessedParticles(Path dir, ParticleSource particles, PreprocessChain coarse, PreprocessChain fine) throws IOException {
        String name = Path.of(cfg.input()).getFileName().toString().replaceFirst("\\.[^.]*$", "");
        if (cfg.alignment().coarse().active()) writeStack(dir.resolve(name + "_preproc.hdf"), particles, coarse);
        if (fine != null && cfg.alignment().fine().active()) writeStack(dir.resolve(name + "_preprocfine.hdf"), particles, fine);
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
        for (int c = 0; c < k; c++) {
            List<Integer> members = asg.members(c);
            if (members.isEmpty()) continue;
            ImageStackWriter wr = EmanHdf.create(out.dir().resolve(RunFileNames.alignedMembers(RunFileNames.refTag(c, k))));
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
        if (cfg.output().postprocess() != null) {
            List<Volume> pp = new ArrayList<>();
            for (Volume v : averages) pp.add(v == null ? null : cfg.output().postprocess().build().apply(v));
            EmanHdf.write(dir.resolve(RunFileNames.POSTPROCESSED), nonNull(pp, averages));
        }
        if (cfg.output().file() != null && !present.isEmpty()) EmanHdf.write(dir.resolve(cfg.output().file()), nonNull(averages, averages));
    }

    private static List<Volume> nonNull(List<Volume> vols, List<Volume> like) {
        List<Volume> l = new ArrayList<>();
        Volume any = like.stream().filter(v -> v != null).findFirst().orElseThrow();
        for (Volume v : vols) l.add(v != null ? v : RunOutputs.emptyClass(any.nx, any.apix()));
        return l;
    }

}

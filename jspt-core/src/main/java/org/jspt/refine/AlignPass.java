package org.jspt.refine;

import java.util.ArrayList;
import java.util.List;
import org.jspt.align.AlignResult;
import org.jspt.exec.ParticleTask;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.refine.mask.FocusedScorer;

/**
 * One iteration's alignment of every particle to every active reference, as a task any executor can run:
 * it carries the run's {@link AlignmentConfig}, the particle stack's spec, the iteration number and the references; the chains, reference tables and the
 * open stack are rebuilt lazily once per JVM. Result per particle: K entries, null for inactive classes.
 */
public final class AlignPass implements ParticleTask<AlignResult[]> {
    private static final long serialVersionUID = 1L;

    private final AlignmentConfig alignment;
    private final ParticleSpec particles;
    private final int iteration;
    private final ArrayList<Volume> refs;
    /** --goldstandard (§7.9): the references of the odd-index particles (null: every particle aligns to {@link #refs}). */
    private final ArrayList<Volume> oddRefs;
    private final boolean[] active;
    private final boolean fullChain;
    /**
     * Per parity {even-index particles, odd}: the active classes' references that do not hold those particles (the other
     * half's average; null entries: none), against which a global search's winning pose is polished; null: no polish.
     */
    private ArrayList<Volume> polishEven, polishOdd;
    /**
     * --goldstandard (§7.9): each particle's fixed class and the start of its local search against that class alone
     * (null: every particle is searched globally against every active class).
     */
    private int[] ownClass;
    private Transform[] starts;
    private double maxang;
    /** Names this pass on every JVM, so blocks of it shipped separately share one prepared worker. */
    private final String id = java.util.UUID.randomUUID().toString();

    /** Workers of the last passes seen by this JVM (a cluster executor deserialises one copy per block). */
    private static final java.util.Map<String, Worker> RECENT = new java.util.LinkedHashMap<>(4, 0.75f, true) {
        @Override protected boolean removeEldestEntry(java.util.Map.Entry<String, Worker> e) { return size() > 2; }
    };

    /** Set on the driver to reuse its open stack and chains; null after deserialisation. */
    private transient ParticleSource localParticles;
    private transient AlignmentTools localTools;
    private transient int localThreads;
    private transient volatile Worker worker;

    /**
     * @param stages the references prepared for the even-index particles ({@code [0]}) and the odd ones ({@code [1]}, the
     *               same object without --goldstandard); each either one entry for all active classes (global searches)
     *               or, with {@link #near}, one per class (index = class; null for an inactive class)
     * @param focus the --focusmask rescoring (§16.2), or null
     * @param evenRefs the references the even-index particles are rescored against (masked by --refmask, §16.7)
     * @param oddRefs the same for the odd-index particles (the same list without --goldstandard)
     */
    private record Worker(ParticleAligner aligner, ParticleAligner.Stages[][] stages, ParticleSource particles, FocusedScorer focus,
                          List<Volume> evenRefs, List<Volume> oddRefs) {}

    /**
     * @param refs the active references, in class order
     * @param active which of the K classes are still aligned to
     */
    public AlignPass(AlignmentConfig alignment, ParticleSpec particles, int iteration, List<Volume> refs, boolean[] active, boolean fullChain) {
        this(alignment, particles, iteration, refs, null, active, fullChain);
    }

    /**
     * Gold-standard alignment (--goldstandard, refinemulti.md §7.9): a particle of even index aligns to {@code evenRefs},
     * one of odd index to {@code oddRefs} (each the average of the other half, so no particle meets its own noise).
     * @param oddRefs the odd-index particles' active references, in class order (null: {@code evenRefs} for every particle)
     */
    public AlignPass(AlignmentConfig alignment, ParticleSpec particles, int iteration, List<Volume> evenRefs, List<Volume> oddRefs,
                     boolean[] active, boolean fullChain) {
        if (oddRefs != null && oddRefs.size() != evenRefs.size()) throw new IllegalArgumentException(oddRefs.size() + " odd-half references for " + evenRefs.size() + " classes");
        this.alignment = alignment;
        this.particles = particles;
        this.iteration = iteration;
        this.refs = new ArrayList<>(evenRefs);
        this.oddRefs = oddRefs == null ? null : new ArrayList<>(oddRefs);
        this.active = active.clone();
        this.fullChain = fullChain;
    }

    /**
     * Fixed classes and local searches (--goldstandard, §7.9): particle p is aligned to its class {@code ownClass[p]} only,
     * within {@code maxang} degrees of {@code starts[p]} (its raw-box transform against that class in the previous
     * iteration); its results against the other classes are null. @return this
     */
    public AlignPass near(int[] ownClass, Transform[] starts, double maxang) {
        if (ownClass.length != starts.length) throw new IllegalArgumentException(starts.length + " starts for " + ownClass.length + " particles");
        this.ownClass = ownClass;
        this.starts = starts;
        this.maxang = maxang;
        return this;
    }

    /**
     * Global searches whose winning pose is polished against the winning class's average without the particle (§7.1.5;
     * with a tree aligner whose {@code polish} is on): {@code forEven} for the even-index particles, {@code forOdd} for
     * the odd ones, the active classes in class order (null entries: no polish when that class wins). Not with
     * gold-standard references or {@link #near}. @return this
     */
    public AlignPass polishAgainst(List<Volume> forEven, List<Volume> forOdd) {
        if (oddRefs != null || ownClass != null) throw new IllegalStateException("the gold-standard searches are not polished");
        if (forEven.size() != refs.size() || forOdd.size() != refs.size()) {
            throw new IllegalArgumentException(forEven.size() + " and " + forOdd.size() + " polishing references for " + refs.size() + " classes");
        }
        this.polishEven = new ArrayList<>(forEven);
        this.polishOdd = new ArrayList<>(forOdd);
        return this;
    }

    /** Runs against an already open stack and tools in this JVM (the driver's). @return this */
    public AlignPass useLocally(ParticleSource particles, AlignmentTools tools, int threads) {
        this.localParticles = particles;
        this.localTools = tools;
        this.localThreads = threads;
        return this;
    }

    @Override
    public AlignResult[] apply(int p) {
        Worker w = worker();
        // With one reference set for all particles both parities' stages and references are the same objects.
        boolean odd = p % 2 == 1;
        ParticleAligner.Stages[] st = w.stages()[odd ? 1 : 0];
        AlignResult[] activeResults;
        if (ownClass != null) {
            // The classes are fixed: no score against another class is needed, so those stay null.
            int c = ownClass[p];
            if (st[c] == null) throw new IllegalStateException("particle " + p + " is in class " + c + ", which is not active");
            activeResults = new AlignResult[refs.size()];
            activeResults[activeIndex(c)] = w.aligner().alignNear(p, iteration, st[c], new Transform[] {starts[p]}, maxang)[0];
        } else {
            activeResults = w.aligner().align(p, iteration, st[0]);
        }
        // §16.2: the pose stays the whole particle's; the class is chosen by the score inside the focus mask
        if (w.focus() != null) activeResults = w.focus().rescore(w.particles().read(p), w.particles().weight(p), odd ? w.oddRefs() : w.evenRefs(), activeResults);
        AlignResult[] r = new AlignResult[active.length];
        for (int i = 0, j = 0; i < active.length; i++) if (active[i]) r[i] = activeResults[j++];
        return r;
    }

    /** The position of active class c among the active classes (its index in {@link #refs}). */
    private int activeIndex(int c) {
        int j = 0;
        for (int i = 0; i < c; i++) if (active[i]) j++;
        return j;
    }

    private Worker worker() {
        Worker w = worker;
        if (w != null) return w;
        synchronized (this) {
            if (worker == null) worker = localParticles != null ? build() : remoteWorker();
            return worker;
        }
    }

    private Worker remoteWorker() {
        synchronized (RECENT) {
            Worker w = RECENT.get(id);
            if (w == null) {
                w = build();
                RECENT.put(id, w);
            }
            return w;
        }
    }

    private Worker build() {
        ParticleSource particles = localParticles != null ? localParticles : ParticleSpec.shared(this.particles);
        AlignmentTools ctx = localTools != null ? localTools : new AlignmentTools(alignment, particles.box());
        int threads = localThreads > 0 ? localThreads : org.jspt.exec.JvmCores.get(); // on a cluster: the executor's cores
        FocusedScorer focus = alignment.focusMask() == null ? null : new FocusedScorer(alignment.focusMask());
        ParticleAligner.Stages[][] stages = new ParticleAligner.Stages[2][];
        // --refmask (§16.7): the aligner and the focused score meet the references masked to their molecules.
        List<Volume> even = alignment.maskedReferences(refs), odd = oddRefs == null ? even : alignment.maskedReferences(oddRefs);
        if (polishEven != null) {
            // One prepared search for both parities, each polishing against the other half's averages.
            ParticleAligner.Stages[] both = ctx.stages(even, active, fullChain, threads, true,
                    List.of(alignment.maskedReferences(polishEven), alignment.maskedReferences(polishOdd)));
            stages[0] = new ParticleAligner.Stages[] {both[0]};
            stages[1] = new ParticleAligner.Stages[] {both[1]};
        } else {
            stages[0] = prepare(ctx, even, threads);
            stages[1] = oddRefs == null ? stages[0] : prepare(ctx, odd, threads);
        }
        return new Worker(new ParticleAligner(particles, alignment.npeaks(), alignment.randomizeWedge(), alignment.seed()),
                stages, particles, focus, even, odd);
    }

    /** One set of references prepared: all active classes together, or with fixed classes one per class. */
    private ParticleAligner.Stages[] prepare(AlignmentTools ctx, List<Volume> activeRefs, int threads) {
        if (ownClass == null) return new ParticleAligner.Stages[] {ctx.stages(activeRefs, active, fullChain, threads)};
        ParticleAligner.Stages[] perClass = new ParticleAligner.Stages[active.length];
        for (int c = 0, j = 0; c < active.length; c++) {
            if (!active[c]) continue;
            boolean[] only = new boolean[active.length];
            only[c] = true;
            // A local search never reaches the global level, the only user of the pre-score tables.
            perClass[c] = ctx.stages(List.of(activeRefs.get(j++)), only, fullChain, threads, false);
        }
        return perClass;
    }
}

package org.jspt.refine;

import java.util.ArrayList;
import java.util.List;
import org.jspt.align.AlignResult;
import org.jspt.exec.ParticleTask;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;

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
    /** --goldstandard (§7.9): per particle, per active class, the start of a local search (null: global searches). */
    private Transform[][] starts;
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
     * @param oddStages the odd-index particles' references prepared (the same object as {@code stages} without --goldstandard)
     * @param focus the --focusmask rescoring (§16.2), or null
     */
    private record Worker(ParticleAligner aligner, ParticleAligner.Stages stages, ParticleAligner.Stages oddStages, ParticleSource particles,
                          FocusedScorer focus) {}

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
     * Local searches: particle p is searched against active class j only within {@code maxang} degrees of
     * {@code starts[p][j]} (its raw-box transform of the previous iteration). @return this
     */
    public AlignPass near(Transform[][] starts, double maxang) {
        this.starts = starts;
        this.maxang = maxang;
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
        boolean odd = oddRefs != null && p % 2 == 1;
        ParticleAligner.Stages st = odd ? w.oddStages() : w.stages();
        AlignResult[] activeResults = starts == null ? w.aligner().align(p, iteration, st) : w.aligner().alignNear(p, iteration, st, starts[p], maxang);
        // §16.2: the pose stays the whole particle's; the class is chosen by the score inside the focus mask
        if (w.focus() != null) activeResults = w.focus().rescore(w.particles().read(p), w.particles().weight(p), odd ? oddRefs : refs, activeResults);
        AlignResult[] r = new AlignResult[active.length];
        for (int i = 0, j = 0; i < active.length; i++) if (active[i]) r[i] = activeResults[j++];
        return r;
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
        boolean tables = starts == null; // local searches skip the global level, the only user of the pre-score tables
        ParticleAligner.Stages stages = ctx.stages(refs, active, fullChain, threads, tables);
        return new Worker(new ParticleAligner(particles, alignment.npeaks(), alignment.randomizeWedge(), alignment.seed()),
                stages, oddRefs == null ? stages : ctx.stages(oddRefs, active, fullChain, threads, tables), particles, focus);
    }
}

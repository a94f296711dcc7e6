package org.jspt.refine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspt.align.AlignRegistry;
import org.jspt.align.AlignResult;
import org.jspt.align.Aligner;
import org.jspt.align.Comparator;
import org.jspt.align.FourierComparator;
import org.jspt.align.TreeAligner;
import org.jspt.align.tree.MultiReferenceAligner;
import org.jspt.align.tree.TreeOptions;
import org.jspt.image.Volume;
import org.jspt.proc.ProcessorSpec;

/**
 * The chains and comparators built from the run's {@link AlignmentConfig} for particles of one box, per JVM (driver
 * or worker): made once, they build each iteration's {@link ParticleAligner.Stages}. Thread-safe.
 */
public final class AlignmentTools {
    private final AlignmentConfig config;
    private final PreprocessChain coarse, fine, tweak;
    private final Comparator alignCmp, falignCmp;

    public AlignmentTools(AlignmentConfig config, int box) {
        this.config = config;
        this.coarse = new PreprocessChain(box, config.coarse());
        this.fine = config.fine() == null ? null : new PreprocessChain(box, config.fine());
        this.tweak = config.tweak() && fine != null && config.fine().shrink() > 1
                ? new PreprocessChain(box, withShrink(config.fine(), 0)) : null;
        this.alignCmp = AlignRegistry.comparators().create(config.alignCmp(), null);
        this.falignCmp = config.falignCmp() == null ? alignCmp : AlignRegistry.comparators().create(config.falignCmp(), null);
    }

    /** The run's alignment configuration these tools were built from. */
    public AlignmentConfig config() { return config; }

    public PreprocessChain coarse() { return coarse; }

    /** The fine chain, or null without a fine stage. */
    public PreprocessChain fine() { return fine; }

    /**
     * Stages against references that are all active, for one particle (a pair alignment of reference building):
     * the tree search skips the per-reference pre-score tables, which only pay back over many particles.
     */
    public ParticleAligner.Stages stages(List<Volume> refs, boolean fullChain, int threads) {
        boolean[] all = new boolean[refs.size()];
        Arrays.fill(all, true);
        return stages(refs, all, fullChain, threads, false);
    }

    /**
     * Preprocesses the references for each stage and prepares the coarse search against them.
     * @param refs the active references, in class order
     * @param active which of the K classes {@code refs} are (their aligner is the class's own)
     * @param fullChain false: the references only get the chains' resizing (§4.3, iteration 0 with --ref)
     * @param threads workers that prepare reference tables
     */
    public ParticleAligner.Stages stages(List<Volume> refs, boolean[] active, boolean fullChain, int threads) {
        return stages(refs, active, fullChain, threads, true);
    }

    /**
     * As {@link #stages(List, boolean[], boolean, int)}, with {@code tables} false for searches that use the
     * translation-invariant pre-score once per reference or never: pair alignments (a reference meets one particle)
     * and local searches (--goldstandard, §7.9; the pre-score only ranks orientations of the global level). Local
     * searches give identical results either way; global ones can differ, the pre-score's first pass being another
     * one without the table (see {@link TreeAligner#prepare(List, int, boolean)}).
     */
    public ParticleAligner.Stages stages(List<Volume> refs, boolean[] active, boolean fullChain, int threads, boolean tables) {
        return stages(refs, active, fullChain, threads, tables, null)[0];
    }

    /**
     * As {@link #stages(List, boolean[], boolean, int, boolean)}, for the even-index particles ({@code [0]}) and the odd
     * ones ({@code [1]}), sharing the prepared search. With {@code polish} and a tree aligner whose {@code polish} is on,
     * each one's search polishes the winning pose against {@code polish.get(parity)}: per active class, its reference
     * without those particles (null: none); otherwise both are one object.
     */
    public ParticleAligner.Stages[] stages(List<Volume> refs, boolean[] active, boolean fullChain, int threads, boolean tables, List<List<Volume>> polish) {
        List<Volume> rc = new ArrayList<>(), rf = new ArrayList<>(), rt = new ArrayList<>();
        List<Aligner> aligners = new ArrayList<>();
        int j = 0;
        for (int c = 0; c < active.length; c++) {
            if (!active[c]) continue;
            Volume r = refs.get(j++);
            rc.add(referenceCopy(coarse, r, fullChain));
            if (fine != null) rf.add(referenceCopy(fine, r, fullChain));
            if (tweak != null) rt.add(tweak.apply(r));
            ProcessorSpec a = config.alignPerClass().get(Math.min(c, config.alignPerClass().size() - 1));
            aligners.add(a == null ? new IdentityAligner() : AlignRegistry.aligners().create(a, null));
        }
        MultiReferenceAligner m = sharedTreeSearch(aligners, rc, threads, tables);
        TreeAligner tree = m == null ? null : (TreeAligner) aligners.get(0);
        ReferenceAligner coarseSearch = m == null ? null : treeView(m, tree.options());
        if (coarseSearch == null) coarseSearch = identitySearch(aligners, rc);
        if (coarseSearch == null) coarseSearch = ReferenceAligner.perReference(aligners, rc, alignCmp);
        ParticleAligner.FineStage fs = fine == null ? null : new ParticleAligner.FineStage(config.falign(), falignCmp, fine, rf);
        ParticleAligner.FineStage ts = tweak == null ? null : new ParticleAligner.FineStage(tweakSpec(), falignCmp, tweak, rt);
        if (polish == null || tree == null || !tree.polishes()) {
            ParticleAligner.Stages st = new ParticleAligner.Stages(coarseSearch, coarse, fs, ts);
            return new ParticleAligner.Stages[] {st, st};
        }
        ParticleAligner.Stages[] out = new ParticleAligner.Stages[2];
        for (int h = 0; h < 2; h++) {
            // The coarse copies, as the search's references are (the fine and tweak stages refine nothing of the tree's).
            List<Volume> pc = new ArrayList<>();
            for (Volume v : polish.get(h)) pc.add(v == null ? null : referenceCopy(coarse, v, fullChain));
            out[h] = new ParticleAligner.Stages(treeView(m.polishingAgainst(pc), tree.options()), coarse, fs, ts);
        }
        return out;
    }

    /**
     * When every reference has the same tree aligner, one {@link MultiReferenceAligner} prepared per
     * iteration shares the reference tables across particles and the particle's preparation across
     * references; otherwise null.
     */
    private MultiReferenceAligner sharedTreeSearch(List<Aligner> aligners, List<Volume> refs, int threads, boolean tables) {
        if (!(aligners.get(0) instanceof TreeAligner first)) return null;
        String spec = null;
        for (ProcessorSpec a : config.alignPerClass()) {
            if (a == null || (spec != null && !spec.equals(a.text()))) return null;
            spec = a.text();
        }
        for (Aligner a : aligners) if (!(a instanceof TreeAligner)) return null;
        return first.prepare(refs, threads, tables);
    }

    /** A reference as {@code chain}'s stage sees it: the whole chain, or only its resizing (§4.3). */
    private static Volume referenceCopy(PreprocessChain chain, Volume ref, boolean fullChain) {
        return fullChain ? chain.apply(ref) : chain.resizeOnly(ref);
    }

    /** The coarse search of a prepared tree aligner, with the aligner's own options. */
    private static ReferenceAligner treeView(MultiReferenceAligner m, TreeOptions opt) {
        return new ReferenceAligner() {
            @Override public int size() { return m.referenceCount(); }
            @Override public List<List<AlignResult>> align(Volume particle, int nsoln) { return m.align(particle, nsoln, opt); }
            @Override public List<List<AlignResult>> align(Volume particle, org.jspt.ctf.FourierWeight w, int nsoln) { return m.align(particle, w, nsoln, opt); }
            @Override public boolean usesWeights() { return true; }
            @Override
            public List<List<AlignResult>> alignLocal(Volume particle, org.jspt.ctf.FourierWeight w, List<org.jspt.geom.Transform> starts,
                                                      double maxang, int nsoln) {
                return m.alignLocal(particle, w, nsoln, starts, maxang);
            }
        };
    }

    /**
     * --align None for every class with a Fourier comparator: one {@link IdentitySearch} transforms each
     * reference once per iteration instead of once per particle; otherwise null.
     */
    private ReferenceAligner identitySearch(List<Aligner> aligners, List<Volume> refs) {
        if (!(alignCmp instanceof FourierComparator f)) return null;
        for (Aligner a : aligners) if (!(a instanceof IdentityAligner)) return null;
        return new IdentitySearch(refs, f);
    }

    /** §7.1.4: refine_3d_grid with range = delta + 0.5, delta = delta/2 − 0.1, search = 2 around the best. */
    private ProcessorSpec tweakSpec() {
        Object d = config.falign().values().get("delta");
        double delta = d instanceof Number x ? x.doubleValue() : 1.0;
        return ProcessorSpec.parse(String.format(Locale.ROOT, "refine_3d_grid:range=%s:delta=%s:search=2", delta + 0.5, delta / 2 - 0.1)).orElseThrow();
    }

    private static PreprocessChain.Settings withShrink(PreprocessChain.Settings s, int shrink) {
        return new PreprocessChain.Settings(s.mask(), s.maskFile(), s.normproc(), s.threshold(), s.lowpass(), s.highpass(), s.preprocess(), s.clip(), shrink);
    }
}

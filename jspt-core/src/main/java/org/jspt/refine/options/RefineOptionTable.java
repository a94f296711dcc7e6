package org.jspt.refine.options;

import static org.jspt.refine.options.OptionType.BOOL;
import static org.jspt.refine.options.OptionType.FLAG;
import static org.jspt.refine.options.OptionType.FLOAT;
import static org.jspt.refine.options.OptionType.INT;
import static org.jspt.refine.options.OptionType.STRING;

import java.util.List;

/**
 * Every option of {@code e2spt_refinemulti.py} (old version) with EMAN2's names and types and the
 * <b>real</b> defaults of {@code docs/reference/refinemulti.md} §2.2 (EMAN2's help text is wrong in places, e.g. the
 * aligner and averager defaults). The one deliberate change: {@code --parallel} defaults to all cores.
 * The order is the order of help and {@code --generate_doc}.
 */
public final class RefineOptionTable {
    private RefineOptionTable() {}

    /** {@code thread:<available processors>}, the jspt default of {@code --parallel}. */
    public static final String DEFAULT_PARALLEL = "thread:" + Runtime.getRuntime().availableProcessors();

    /** The options, in help order. */
    public static final List<OptionDef> OPTIONS = List.of(
            OptionDef.of("input", STRING, null, "Particle stack (HDF; MRC stacks also read). Required."),
            OptionDef.of("ref", STRING, "", "Comma-separated reference files (image 0 of each). One file with --nref > 1 is copied nref times."),
            OptionDef.of("nref", INT, 3, "Number of references (classes); must be > 1."),
            OptionDef.of("refgenmethod", STRING, "bt", "How references are built from the data without --ref: bt, hac or ssa."),
            OptionDef.of("subset4ref", INT, null, "Particles per group used to build each reference from the data."),
            OptionDef.of("subset", INT, 0, "If > 0, use only the first <subset> particles of --input."),
            OptionDef.of("apix", FLOAT, 0.0, "If > 0, pixel size (Å) replacing the header's, for particles, references and outputs."),
            OptionDef.of("path", STRING, "", "Output folder stem; the folder is <stem>_NN (default spt_refinemulti_NN)."),
            OptionDef.of("syms", STRING, "", "Comma-separated symmetry per reference (e.g. d8,d7); padded with c1 or cut to the number of references."),
            OptionDef.of("output", STRING, null, "If given (must end in .hdf), also write the final class averages to <path>/<output>."),
            OptionDef.of("classmx", STRING, "", "Classification matrix file giving the initial grouping (not with --ref)."),
            OptionDef.of("refpreprocess", FLAG, false, "Give the references the full preprocessing chain instead of resize only."),
            OptionDef.of("refrandphase", FLOAT, 0.0, "Resolution (Å): phase-randomise each --ref copy beyond it."),
            OptionDef.of("hacref", INT, 0, "If > 0, build references with the hac method from this many particles per group."),
            OptionDef.of("ssaref", INT, 0, "If > 0, build references with the ssa method from this many particles per group."),
            OptionDef.of("btref", INT, 0, "If > 0, build references with the bt method (largest power of 2 <= value particles)."),
            OptionDef.of("radius", FLOAT, 0.0, "Particle radius (Å); if > 0, the angular steps of --align and --falign are computed from it."),
            OptionDef.of("iter", INT, 1, "Number of iterations."),
            OptionDef.of("savesteps", FLAG, false, "Keep per-iteration references and class_avgs_iter<NN>.hdf files."),
            OptionDef.of("saveali", FLAG, false, "At the final iteration, write the aligned particles of each class to class<k>_ptcl.hdf."),
            OptionDef.of("saveallalign", FLAG, false, "Accepted for compatibility; the alignment JSON files are always written."),
            OptionDef.of("sym", STRING, null, "Symmetry (c<n>, d<n>, h<n>, tet, oct, icos): restricts the search and symmetrises the averages."),
            OptionDef.of("mask", STRING, "", "Mask processor applied to a volume of ones to make the preprocessing mask."),
            OptionDef.of("maskfile", STRING, "", "Mask volume file, multiplied into the mask."),
            OptionDef.of("normproc", STRING, "", "Normalisation processor (normalize.mask gets the mask automatically)."),
            OptionDef.of("threshold", STRING, "", "Threshold processor applied after normalisation."),
            OptionDef.of("preprocess", STRING, "", "Extra processor for the coarse alignment copies."),
            OptionDef.of("preprocessfine", STRING, "", "Extra processor for the fine alignment copies."),
            OptionDef.of("lowpass", STRING, "", "Low-pass processor for the coarse alignment copies."),
            OptionDef.of("lowpassfine", STRING, "", "Low-pass processor for the fine alignment copies."),
            OptionDef.of("highpass", STRING, "", "High-pass processor for the coarse alignment copies."),
            OptionDef.of("highpassfine", STRING, "", "High-pass processor for the fine alignment copies."),
            OptionDef.of("postprocess", STRING, "", "Processor applied to copies of the final averages (class_avgs_postproc.hdf)."),
            OptionDef.of("procfinelikecoarse", BOOL, true, "Fine copies use the coarse filters where no *fine filter is given (true/false)."),
            OptionDef.of("npeakstorefine", INT, 1, "Number of best coarse solutions refined by the fine aligner."),
            OptionDef.of("align", STRING, "rotate_translate_3d_tree", "Coarse aligner; None for no coarse search."),
            OptionDef.of("aligncmp", STRING, "ccc.tomo.thresh", "Comparator of the coarse aligner (the tree aligner ignores it)."),
            OptionDef.of("falign", STRING, "", "Fine aligner, e.g. refine_3d_grid:delta=3:range=12; off with the tree aligner."),
            OptionDef.of("faligncmp", STRING, "ccc.tomo.thresh", "Comparator of the fine aligner."),
            OptionDef.of("averager", STRING, "mean.tomo", "Averager."),
            OptionDef.of("keep", FLOAT, 1.0, "Fraction of each class kept (or a number of sigmas with --keepsig)."),
            OptionDef.of("keepsig", FLAG, false, "Read --keep as a number of standard deviations of the class scores."),
            OptionDef.of("inixforms", STRING, "", "JSON file of transforms applied to the particles before references are built from them."),
            OptionDef.of("breaksym", FLAG, false, "Do not symmetrise the averages even with --sym/--syms."),
            OptionDef.of("randomizewedge", FLAG, false, "Give each particle a random orientation before the coarse search."),
            OptionDef.of("savepreproc", FLAG, false, "Write the preprocessed particle and reference stacks into the run folder."),
            OptionDef.of("autocenter", STRING, "", "Centring processor for the class averages (xform.centerofmass or xform.centeracf)."),
            OptionDef.of("autocentermask", STRING, "", "Mask processor applied to the copy used for centring."),
            OptionDef.of("autocenterpreprocess", FLAG, false, "Filter and shrink the centring copy first."),
            OptionDef.of("shrink", INT, 0, "Integer downsampling of the coarse alignment copies (<= 1: none)."),
            OptionDef.of("shrinkfine", INT, 0, "Integer downsampling of the fine alignment copies (<= 1: none)."),
            OptionDef.of("search", INT, 8, "Coarse translational search (pixels of the coarse box) for rotate_translate_3d."),
            OptionDef.of("searchfine", INT, 2, "Fine translational search (pixels of the fine box) for refine_3d_grid."),
            OptionDef.of("parallel", STRING, DEFAULT_PARALLEL, "thread:N (N threads), spark:<master-url> (spark:local[N], spark:spark://HOST:PORT) or None (one thread)."),
            OptionDef.of("ppid", INT, -1, "Parent process id, written to the log only."),
            new OptionDef("verbose", "v", INT, 0, "Verbosity 0-9 (10-11 debug)."),
            OptionDef.of("plots", FLAG, false, "Write the sorted scores of each iteration and reference (spt_cccs_*.txt)."),
            OptionDef.of("notmatchimgs", FLAG, false, "Accepted for compatibility; no effect."),
            OptionDef.of("preavgproc1", STRING, "", "Processor applied to each aligned particle before averaging."),
            OptionDef.of("preavgproc2", STRING, "", "Second processor applied to each aligned particle before averaging."),
            OptionDef.of("weighbytiltaxis", STRING, "", "A,B: tilt-axis x position A (int, px) and edge weight B (float)."),
            OptionDef.of("weighbyscore", FLAG, false, "Weight each particle by its score relative to the best in its class."),
            OptionDef.of("clip", INT, 0, "If > 0, box size of the alignment copies."),
            OptionDef.of("precision", FLOAT, 1.0, "With --radius: values > 1 coarsen the angular steps."),
            OptionDef.of("tweak", FLAG, false, "Final full-size refinement when --shrinkfine > 1."),
            OptionDef.of("seed", INT, 0, "jspt: seed of every random choice (random phases, random orientations), for reproducible runs."),
            OptionDef.of("weights", STRING, "auto", "jspt: per-particle Fourier weights from a STAR input's rlnCtfImage: auto (premultiplied if data_optics says rlnCtfDataAreCtfPremultiplied 1, else ctf), ctf, premultiplied or none (ignore them: EMAN2's wedge detection). See docs/weights.md."),
            OptionDef.of("grouping", STRING, "contiguous", "jspt: particles that build the references from the data: contiguous (EMAN2: K equal groups of the stack), farthest (each next reference from the particles that fit the references so far worst, so a rare class gets its own; refinemulti.md §16.1) or split (one reference, then the class whose aligned members differ most is split in two until there are K; §16.4)."),
            OptionDef.of("anneal", FLOAT, 0.0, "jspt: annealed class membership for the averages: T0 > 0 lets each particle also count in the classes it nearly fits (weight exp(-score gap / (T x median gap))), T falling from T0 to 0 over the first half of the iterations, the second half hard; keeps small classes from starving. 0 (default): hard, as EMAN2 (refinemulti.md §16.3)."),
            OptionDef.of("restarts", INT, 1, "jspt: classify N times (run 1 as usual; runs 2..N align and classify every particle again against averages of a bootstrap resample of run 1's classes), write the consensus classes, each particle's stability (particle_stability.txt) and a class reproducibility table. 1 (default): one run, as EMAN2 (refinemulti.md §16.5)."),
            OptionDef.of("minstability", FLOAT, 0.0, "jspt: with --restarts N > 1, leave particles whose stability (fraction of runs agreeing with the consensus) is below F out of the final averages (0, default: keep all; refinemulti.md §16.5)."),
            OptionDef.of("goldstandard", INT, 0, "jspt: after the classes stop changing (or after --iter), N more iterations that keep every particle's class and align each half of a class (even/odd particle index) to the other half's FSC-weighted average, by a local search within --goldmaxang of its pose, so no particle meets its own noise and poses locked in by it are freed; then one last iteration against the joined halves. 0 (default): none, as EMAN2 (refinemulti.md §7.9)."),
            OptionDef.of("goldmaxang", FLOAT, 10.0, "jspt: with --goldstandard, how far (degrees) the local search may turn a particle from its previous pose (refinemulti.md §7.9)."),
            OptionDef.of("fftplan", STRING, "estimate", "jspt: estimate (default): FFTW's estimated plans, the same bits in every run on this machine; measure: time FFTW's measured plans against the estimated ones for the run's main transform sizes and use them where they are at least 10 % faster (kept in the run folder, so threads, Spark executors and --resume compute the same bits, but another run may measure other plans and round differently) (docs/performance.md)."),
            OptionDef.of("focusmask", STRING, "", "jspt: classify by the score inside this region only (alignment still uses the whole particle): a mask file (MRC/HDF, the particles' box, in the references' frame), a sphere x,y,z,r in pixels from the box centre, 'whole' (the least-squares choice over the whole particle at one pose; the default with --grouping split, whose references share one frame) or 'none' (the default otherwise). refinemulti.md §16.2."),
            OptionDef.of("refmask", STRING, "", "jspt: multiply the references by a soft mask before each pass aligns and classifies against them, so the averages' noise outside the molecule does not enter the scores (the averages written are not masked): 'auto' (each reference's own molecule, found at 20 Å and extended by 3 Å; the default with --grouping split or --goldstandard), 'sphere' (a sphere about each reference's molecule), a sphere x,y,z,r in pixels from the box centre, a mask file (MRC/HDF, the particles' box, in the references' frame) or 'none' (the default otherwise, as EMAN2). refinemulti.md §16.7."));

    /** The option named {@code name} exactly, or null. */
    public static OptionDef get(String name) {
        for (OptionDef d : OPTIONS) if (d.name().equals(name)) return d;
        return null;
    }
}

package org.jspt.run;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Every file name of a refinemulti run folder, in one place ({@code docs/reference/refinemulti.md} §7.7, §10): the
 * engine's writers, the run report, export and evaluate build and recognise names only here. EMAN2-named files keep
 * EMAN2's tags (0-based iteration, zero-padded to the width of --iter; reference index padded to the width of the
 * initial K); jspt's own files number iterations NN = 01, 02, … ({@link #nn}).
 */
public final class RunFileNames {
    /** The options as used ({@link ParametersFile}). */
    public static final String PARAMETERS = "parameters_refinemulti.txt";
    /** jspt's per-iteration summary ({@link IterationsFile}). */
    public static final String ITERATIONS = "iterations.json";
    /** jspt --grouping split: one line per split and the number of classes the splits support (refinemulti.md §16.4). */
    public static final String SPLITS = "splits.txt";
    /** EMAN2's class membership log, appended each iteration. */
    public static final String MEMBERSHIP = "class_membership.txt";
    /** EMAN2's class averages of the last iteration. */
    public static final String AVERAGES = "class_avgs.hdf";
    /** The final averages after --postprocess. */
    public static final String POSTPROCESSED = "class_avgs_postproc.hdf";
    /** jspt --restarts: each particle's consensus class and stability ({@link RestartFiles}, refinemulti.md §16.5). */
    public static final String PARTICLE_STABILITY = "particle_stability.txt";
    /** jspt --restarts: how reproducible each consensus class was ({@link RestartFiles}, refinemulti.md §16.5). */
    public static final String CLASS_REPRODUCIBILITY = "class_reproducibility.txt";
    /** jspt: each particle's class in the last classifying iteration and its score margin over the next class ({@link ParticleMargins}, refinemulti.md §16.6). */
    public static final String PARTICLE_MARGINS = "particle_margins.txt";
    /** {@code jspt evaluate}'s report, written into the run folder. */
    public static final String EVALUATION = "evaluation.json";

    /** Matches {@link #averages(int)}; group 1 is NN. */
    public static final Pattern AVERAGES_NN = Pattern.compile("class_avgs_(\\d{2,})\\.hdf");
    /** Matches {@link #fsc}; group 1 is NN, group 2 the class. */
    public static final Pattern FSC = Pattern.compile("fsc_(\\d{2,})_(\\d+)\\.txt");
    /** Matches {@link #particleParms}; group 1 is NN. */
    public static final Pattern PARTICLE_PARMS = Pattern.compile("particle_parms_(\\d+)\\.json");
    /** Matches {@link #scorePlotData}; group 1 is the iteration tag, group 2 the reference tag. */
    public static final Pattern SCORE_PLOT_DATA = Pattern.compile("spt_cccs_(\\d+)_(\\d+)\\.txt");

    private RunFileNames() {}

    /** jspt's user-facing iteration number NN (1-based), 2 digits at least. */
    public static String nn(int nn) { return String.format(Locale.ROOT, "%02d", nn); }

    /** {@code v} zero-padded to {@code width} digits (EMAN2's str(v).zfill(width)). */
    public static String pad(int v, int width) { return String.format(Locale.ROOT, "%0" + width + "d", v); }

    /** EMAN2's iteration tag of 0-based iteration {@code it}: str(it).zfill(len(str(--iter))). */
    public static String iterTag(int it, int iterations) { return pad(it, String.valueOf(iterations).length()); }

    /** EMAN2's reference tag of class {@code k}, width from the initial number of references (§7.2). */
    public static String refTag(int k, int initialK) { return pad(k, String.valueOf(initialK).length()); }

    /** {@code class_avgs_NN.hdf}: jspt's copy of iteration NN's averages. */
    public static String averages(int nn) { return "class_avgs_" + nn(nn) + ".hdf"; }

    /** {@code class_avgs_iter<tag>.hdf}: EMAN2's averages of one iteration with --savesteps. */
    public static String averagesStep(String iterTag) { return "class_avgs_iter" + iterTag + ".hdf"; }

    /** {@code fsc_NN_<k>.txt}: the half-map FSC of class k in iteration NN. */
    public static String fsc(int nn, String refTag) { return "fsc_" + nn(nn) + "_" + refTag + ".txt"; }

    /** {@code particle_parms_NN.json}: every particle's class, score and xform.align3d in iteration NN. */
    public static String particleParms(int nn) { return "particle_parms_" + nn(nn) + ".json"; }

    /** {@code sptali_rm_<it>_<ref>.json}: EMAN2's alignments of every particle against one reference. */
    public static String sptali(String iterTag, String refTag) { return "sptali_rm_" + iterTag + "_" + refTag + ".json"; }

    /** {@code spt_cccs_<it>_<ref>.txt}: --plots score data. */
    public static String scorePlotData(String iterTag, String refTag) { return "spt_cccs_" + iterTag + "_" + refTag + ".txt"; }

    /** {@code classmx_<tag>.hdf}: EMAN2's initial class matrix. */
    public static String classmx(String iterTag) { return "classmx_" + iterTag + ".hdf"; }

    /**
     * The stem of a reference file: {@code ref<i>} (initial), or {@code ref<i>_iter<tag>} (--savesteps, tag = the
     * previous iteration); {@code .hdf}, {@code _preproc.hdf} or {@code _preprocfine.hdf} follow.
     * @param iterTag null for the initial reference
     */
    public static String referenceStem(String refTag, String iterTag) { return "ref" + refTag + (iterTag == null ? "" : "_iter" + iterTag); }

    /** {@code class<k>_ptcl.hdf}: --saveali's aligned members of class k. */
    public static String alignedMembers(String refTag) { return "class" + refTag + "_ptcl.hdf"; }
}

package org.jspt.refine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspt.align.Aligner;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.io.ImageStack;
import org.jspt.io.ImageStacks;
import org.jspt.proc.ProcessorSpec;
import org.jspt.refine.mask.ReferenceMask;
import org.jspt.refine.options.AlignParams;
import org.jspt.refine.options.AverageParams;
import org.jspt.refine.options.FilterChain;
import org.jspt.refine.options.InputParams;
import org.jspt.refine.options.Modifier;
import org.jspt.refine.options.OutputParams;
import org.jspt.refine.options.PreprocessParams;
import org.jspt.refine.options.ReferenceParams;
import org.jspt.refine.options.RefineParams;
import org.jspt.refine.options.RestartParams;
import org.jspt.run.InixformsFile;

/**
 * The engine's one configuration, per run: everything {@link RefineMulti} reads
 * ({@code docs/reference/refinemulti.md}), made once from the validated {@link RefineParams} by {@link #from}.
 * Plain data (specs, not built objects); immutable.
 *
 * @param input the particle stack, absolute path
 * @param subset the first N particles only (0: all)
 * @param apix pixel size overriding the headers (0: from the headers)
 * @param inixforms particle index → transform applied before building references from the data (empty: none)
 * @param refPreprocess --refpreprocess: references given as files get the full chain in iteration 0
 * @param alignment how particles are aligned (also shipped to workers)
 * @param averaging how class averages are made
 * @param output the optional outputs
 * @param weights --weights: auto, ctf, premultiplied or none (per-particle Fourier weights, docs/weights.md)
 * @param restarts jspt --restarts and --minstability (§16.5, {@link org.jspt.refine.restarts.BootstrapRestarts})
 * @param gold jspt --goldstandard and --goldmaxang (§7.9)
 */
public record RefineConfig(String input, int subset, double apix, int iterations, ReferenceSource references,
                           Map<Integer, Transform> inixforms, boolean refPreprocess,
                           AlignmentConfig alignment, AveragingConfig averaging, OutputConfig output, String weights,
                           RestartParams restarts, RefineParams.GoldStandard gold) {
    /** Without gold-standard iterations. */
    public RefineConfig(String input, int subset, double apix, int iterations, ReferenceSource references,
                        Map<Integer, Transform> inixforms, boolean refPreprocess,
                        AlignmentConfig alignment, AveragingConfig averaging, OutputConfig output, String weights,
                        RestartParams restarts) {
        this(input, subset, apix, iterations, references, inixforms, refPreprocess, alignment, averaging, output, weights, restarts,
                RefineParams.GoldStandard.NONE);
    }

    /** One classification (no --restarts). */
    public RefineConfig(String input, int subset, double apix, int iterations, ReferenceSource references,
                        Map<Integer, Transform> inixforms, boolean refPreprocess,
                        AlignmentConfig alignment, AveragingConfig averaging, OutputConfig output, String weights) {
        this(input, subset, apix, iterations, references, inixforms, refPreprocess, alignment, averaging, output, weights, RestartParams.NONE);
    }

    /** Without a --weights choice: auto (weights used when the input carries them). */
    public RefineConfig(String input, int subset, double apix, int iterations, ReferenceSource references,
                        Map<Integer, Transform> inixforms, boolean refPreprocess,
                        AlignmentConfig alignment, AveragingConfig averaging, OutputConfig output) {
        this(input, subset, apix, iterations, references, inixforms, refPreprocess, alignment, averaging, output, "auto");
    }

    /** The same run with other --restarts settings. */
    public RefineConfig withRestarts(RestartParams r) {
        return new RefineConfig(input, subset, apix, iterations, references, inixforms, refPreprocess, alignment, averaging, output, weights, r, gold);
    }

    /** The same run with other --goldstandard settings. */
    public RefineConfig withGold(RefineParams.GoldStandard g) {
        return new RefineConfig(input, subset, apix, iterations, references, inixforms, refPreprocess, alignment, averaging, output, weights, restarts, g);
    }

    /** --seed, the base of every random choice (kept in {@link AlignmentConfig}, which workers receive). */
    public long seed() { return alignment.seed(); }

    /**
     * The engine's configuration from validated parameters: modifier objects become their specs (null = off),
     * the {@code --maskfile} volume and the {@code --inixforms} transforms are read. Only files the validator
     * already checked are read.
     * @throws IOException if the mask or inixforms file cannot be read (they were readable at validation)
     */
    public static RefineConfig from(RefineParams p) throws IOException {
        PreprocessParams pre = p.preprocess();
        Volume maskFile = null;
        if (pre.maskfile().isPresent()) {
            try (ImageStack s = ImageStacks.open(pre.maskfile().get())) {
                maskFile = s.read(0);
            }
        }
        PreprocessChain.Settings coarse = settings(pre, pre.coarse(), maskFile);
        PreprocessChain.Settings fine = pre.fineNeeded() ? settings(pre, pre.fine(), maskFile) : null;

        AlignParams a = p.align();
        List<ProcessorSpec> perClass = new ArrayList<>();
        for (Optional<Modifier<Aligner>> m : a.coarse()) perClass.add(spec(m));

        ReferenceParams r = p.references();
        ReferenceSource source = switch (r.source()) {
            case FILES -> new ReferenceSource.Files(r.files().stream().map(Path::toString).toList(), r.k(), r.refrandphase());
            case DATA, CLASSMX -> new ReferenceSource.FromData(r.method().optionValue(), r.k(), r.btref(), r.hacref(),
                    r.ssaref(), r.subset4ref(), r.classmx().orElse(null), r.grouping());
        };
        Map<Integer, Transform> inixforms = r.inixforms().isPresent() ? InixformsFile.read(r.inixforms().get()) : Map.of();

        AverageParams v = p.average();
        AveragingConfig averaging = new AveragingConfig(v.averager().value(), v.keep(), v.keepsig(),
                spec(v.preavgproc1()), spec(v.preavgproc2()),
                v.tiltAxis().map(AverageParams.TiltAxisWeight::axis).orElse(-1),
                v.tiltAxis().map(AverageParams.TiltAxisWeight::edgeWeight).orElse(1.0), v.weighbyscore(),
                v.syms(), v.breaksym(), spec(v.autocenter()), spec(v.autocentermask()), v.autocenterpreprocess(), v.anneal());

        OutputParams o = p.output();
        InputParams in = p.input();
        int subset = in.count() < in.stackSize() ? in.count() : 0;
        // The engine opens the input by this path, resolved against the folder the options were given in, so a run
        // resumed from another directory reads the same stack; the name as given is RefineMulti#inputName.
        String input = in.path().toAbsolutePath().normalize().toString();
        AlignmentConfig alignment = new AlignmentConfig(coarse, fine, a.tweak(), perClass, a.aligncmp().spec(), spec(a.fine()),
                spec(a.faligncmp()), a.npeakstorefine(), a.randomizewedge(), p.seed(),
                p.focusMask().isPresent() ? p.focusMask().get().volume(in.box()) : null,
                p.refMask().isPresent() ? ReferenceMask.of(p.refMask().get(), in.box()) : null);
        OutputConfig output = new OutputConfig(spec(v.postprocess()), o.output().orElse(null), o.saveali(), o.savesteps(),
                pre.savepreproc(), o.plots());
        return new RefineConfig(input, subset, in.apixOverride() ? in.apix() : 0, o.iter(), source, inixforms,
                r.refpreprocess(), alignment, averaging, output, p.weights(), p.restarts(), p.gold());
    }

    private static PreprocessChain.Settings settings(PreprocessParams pre, FilterChain c, Volume maskFile) {
        return new PreprocessChain.Settings(spec(pre.mask()), maskFile, pre.normproc().orElse(null), spec(pre.threshold()),
                spec(c.lowpass()), spec(c.highpass()), spec(c.preprocess()), pre.clip(), c.shrink());
    }

    private static <T> ProcessorSpec spec(Optional<Modifier<T>> m) {
        return m.map(Modifier::spec).orElse(null);
    }
}

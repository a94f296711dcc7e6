package org.jspt.refine.options;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspt.align.AlignRegistry;
import org.jspt.align.Aligner;
import org.jspt.align.Comparator;
import org.jspt.average.AveragerFactory;
import org.jspt.average.Averagers;
import org.jspt.geom.Symmetry;
import org.jspt.proc.Catalog;
import org.jspt.proc.Processor;
import org.jspt.proc.ProcessorSpec;
import org.jspt.proc.Registry;
import org.jspt.refine.options.mask.FocusMask;
import org.jspt.refine.options.mask.RefMask;

/**
 * Checks a refinemulti command line completely, before anything is computed or written, and turns it
 * into {@link RefineParams} ({@code docs/reference/refinemulti.md} §2.2, §4.5, §5, §6, §11). Every problem found is
 * reported, one line each naming its option, in one {@link UsageException}. Reads image headers (never
 * voxels, except small files named inside modifier strings) and creates nothing on disk.
 * Immutable; thread-safe if its catalogs are.
 */
public final class RefineValidator {
    /** The registries modifier options are parsed with. */
    public record Catalogs(Catalog<Processor> processors, Catalog<Aligner> aligners, Catalog<Comparator> comparators,
                           Catalog<AveragerFactory> averagers) {
        /** jspt's own registries. */
        public static Catalogs standard() {
            return new Catalogs(Registry.processors(), AlignRegistry.aligners(), AlignRegistry.comparators(), Averagers.catalog());
        }
    }

    /** The centring processors {@code --autocenter} accepts (they report the shift in {@code xform.align3d}). */
    static final List<String> CENTERING = List.of("xform.centerofmass", "xform.centeracf");

    private static final String[] PROCESSOR_OPTIONS = {"mask", "normproc", "threshold", "preprocess", "preprocessfine",
            "lowpass", "lowpassfine", "highpass", "highpassfine", "postprocess", "autocenter", "autocentermask",
            "preavgproc1", "preavgproc2"};

    private final Catalogs catalogs;

    public RefineValidator(Catalogs catalogs) { this.catalogs = catalogs; }

    /** A validator over jspt's registries. */
    public static RefineValidator standard() { return new RefineValidator(Catalogs.standard()); }

    /**
     * Validates {@code o}.
     * @param cwd the working directory that relative file names are resolved against
     * @throws UsageException listing every problem found
     */
    public RefineParams validate(RefineOptions o, Path cwd) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (!o.positionals().isEmpty()) warnings.add("positional arguments ignored (give the particles with --input): " + String.join(" ", o.positionals()));
        ModifierParser parser = new ModifierParser(cwd, problems);

        Parallelism parallel = null;
        try {
            parallel = Parallelism.parse(o.string("parallel"));
        } catch (IllegalArgumentException e) {
            problems.add("--parallel: " + e.getMessage());
        }
        String fftplan = o.string("fftplan");
        if (!List.of("measure", "estimate").contains(fftplan)) {
            Path f = cwd.resolve(fftplan);
            try {
                org.jspt.image.FftPlans.Wisdom.parse(java.nio.file.Files.readString(f));
            } catch (java.io.IOException | RuntimeException e) {
                problems.add("--fftplan: must be measure, estimate or a run's checkpoint/fft_plans.txt; " + fftplan + ": "
                        + (java.nio.file.Files.isRegularFile(f) ? e.getMessage() : "no such file"));
            }
        }
        InputParams input = input(o, parser, problems);
        OutputParams output = output(o, problems);
        checkNumbers(o, problems);
        ReferenceParams refs = new ReferenceChecks(o, parser, problems, warnings).check(input);

        int k = refs == null ? 0 : refs.k();
        List<String> symNames = new ArrayList<>();
        List<Symmetry> syms = symmetries(o, k, symNames, problems, warnings);
        if (refs != null && refs.source() != ReferenceParams.Source.FILES && refs.method() == ReferenceParams.RefGenMethod.SSA) {
            for (int i = 0; i < symNames.size(); i++) {
                if (syms.size() == symNames.size() && isC1(syms.get(i))) {
                    problems.add("--refgenmethod: ssa needs a symmetry other than c1 (--sym or --syms); class " + i + " has c1");
                    break;
                }
            }
        }

        int shrink = o.integer("shrink"), shrinkfine = o.integer("shrinkfine");
        if (shrink < shrinkfine) {
            warnings.add("--shrink: raised from " + shrink + " to --shrinkfine = " + shrinkfine);
            shrink = shrinkfine;
        }
        AlignerOptions aligners = new AlignerOptions(o, parser, problems, warnings);
        AlignerOptions.Strings strings = aligners.edit(input == null ? 0 : input.apix(), input == null ? 0 : input.box(), shrink, shrinkfine);

        Map<String, Optional<Modifier<Processor>>> procs = new LinkedHashMap<>();
        for (String name : PROCESSOR_OPTIONS) {
            if (name.equals("normproc")) continue;
            procs.put(name, parser.parse(name, o.string(name), catalogs.processors()));
        }
        procs.get("autocenter").ifPresent(m -> {
            if (!CENTERING.contains(m.name())) problems.add("--autocenter: '" + m.text() + "' is not a centring processor; use " + String.join(" or ", CENTERING));
        });
        Optional<ProcessorSpec> normproc = normproc(o, parser, input, problems);
        Optional<Path> maskfile = maskfile(o, parser, problems);
        Optional<Modifier<AveragerFactory>> averager = parser.required("averager", o.string("averager"), catalogs.averagers(), "an averager");
        Optional<AverageParams.TiltAxisWeight> tilt = tiltAxis(o.string("weighbytiltaxis"), problems);
        // NB: parsed even when the references are invalid, so that aligner problems are reported in the same run
        AlignParams align = aligners.build(strings, symNames.isEmpty() ? List.of("c1") : symNames, catalogs.aligners(), catalogs.comparators());

        PreprocessParams pre = null;
        if (input != null) {
            pre = preprocess(o, procs, normproc, maskfile, input.box(), shrink, shrinkfine, align != null && align.fineOn());
            checkBox("coarse", pre.coarse(), pre, problems);
            if (pre.fineNeeded()) checkBox("fine", pre.fine(), pre, problems);
        }
        String weights = o.string("weights");
        try {
            weights = org.jspt.ctf.ParticleWeights.Mode.parse(weights).name().toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!(o.real("anneal") >= 0) || Double.isInfinite(o.real("anneal"))) problems.add("--anneal: must be a finite number ≥ 0 (0: hard classes), got " + o.real("anneal"));
        RestartParams restarts = RestartParams.check(o.integer("restarts"), o.real("minstability"), problems);
        RefineParams.GoldStandard gold = RefineParams.GoldStandard.check(o.integer("goldstandard"), o.real("goldmaxang"), o.integer("restarts"), problems);
        // ReferenceChecks already turned --grouping into contiguous for references not built from the data.
        boolean split = refs != null && refs.grouping() == ReferenceParams.Grouping.SPLIT;
        Optional<FocusMask> focus = FocusMask.forRun(o.string("focusmask"), split, parser::resolve, input == null ? 0 : input.box(), problems);
        // The jspt refinement paths mask their references unless told otherwise; EMAN2's own runs do not (§16.7).
        Optional<RefMask> refMask = RefMask.forRun(o.string("refmask"), split || gold.iterations() > 0, parser::resolve, input == null ? 0 : input.box(), problems);
        if (!problems.isEmpty() || input == null || refs == null || align == null || averager.isEmpty() || parallel == null) {
            if (problems.isEmpty()) problems.add("--input: the options could not be checked");
            throw new UsageException(problems);
        }
        AverageParams avg = new AverageParams(averager.get(), o.real("keep"), o.flag("keepsig"), o.flag("weighbyscore"), tilt,
                procs.get("preavgproc1"), procs.get("preavgproc2"), syms, symNames, o.flag("breaksym"),
                procs.get("autocenter"), procs.get("autocentermask"), o.flag("autocenterpreprocess"), procs.get("postprocess"),
                o.real("anneal"));
        Map<String, Object> effective = new LinkedHashMap<>(o.values());
        effective.put("align", strings.align());
        effective.put("falign", strings.falign());
        effective.put("search", strings.search());
        effective.put("searchfine", strings.searchfine());
        effective.put("shrink", shrink);
        effective.put("parallel", parallel.toString());
        if (focus.isPresent() && focus.get().isWhole()) effective.put("focusmask", FocusMask.WHOLE);
        effective.put("refmask", refMask.map(RefMask::text).orElse(RefMask.NONE));
        return new RefineParams(input, refs, pre, align, avg, output, parallel, o.integer("verbose"), o.integer("ppid"),
                o.integer("seed"), weights, focus, refMask, restarts, gold, warnings, effective, new ArrayList<>(o.given()), o.argv());
    }

    private static InputParams input(RefineOptions o, ModifierParser parser, List<String> problems) {
        String in = o.string("input");
        if (in == null || in.isBlank()) {
            problems.add("--input: the particle stack is required");
            return null;
        }
        Path p = parser.resolve(in);
        StackHeader h;
        try {
            h = StackHeader.read(p);
        } catch (IOException e) {
            problems.add("--input: cannot read " + p + ": " + e.getMessage());
            return null;
        }
        String bad = h.volumeProblem(p);
        if (bad != null) {
            problems.add("--input: " + bad);
            return null;
        }
        int subset = o.integer("subset");
        int count = subset > 0 ? Math.min(subset, h.count()) : h.count();
        double apixOpt = o.real("apix");
        boolean override = apixOpt > 0;
        double apix = override ? apixOpt : h.apix();
        if (!(apix > 0) || !Double.isFinite(apix)) {
            problems.add("--input: " + p + " has pixel size " + apix + "; give --apix");
            return null;
        }
        return new InputParams(in, p, h.count(), count, h.nx(), apix, override);
    }

    private static OutputParams output(RefineOptions o, List<String> problems) {
        String path = o.string("path");
        String stem = path == null || path.isBlank() ? OutputParams.DEFAULT_STEM : path.strip();
        if (stem.endsWith("/")) problems.add("--path: '" + path + "' must name a folder stem, not end in '/'");
        String out = o.string("output");
        Optional<String> output = Optional.empty();
        if (out != null && !out.isBlank() && !out.equalsIgnoreCase("none")) {
            if (!out.endsWith(".hdf")) problems.add("--output: '" + out + "' must end in .hdf");
            else if (out.contains("/") || out.contains("\\")) problems.add("--output: '" + out + "' must be a file name (it is written inside the run folder)");
            else output = Optional.of(out);
        }
        return new OutputParams(stem, o.integer("iter"), o.flag("savesteps"), o.flag("saveali"), o.flag("saveallalign"),
                o.flag("plots"), output);
    }

    /** Plain numeric ranges. */
    private static void checkNumbers(RefineOptions o, List<String> problems) {
        if (o.integer("subset") < 0) problems.add("--subset: must be >= 0, got " + o.integer("subset"));
        if (o.integer("iter") < 1) problems.add("--iter: must be >= 1, got " + o.integer("iter"));
        if (o.integer("npeakstorefine") < 1) problems.add("--npeakstorefine: must be >= 1, got " + o.integer("npeakstorefine"));
        double keep = o.real("keep");
        if (!Double.isFinite(keep)) problems.add("--keep: must be a finite number, got " + keep);
        else if (!o.flag("keepsig") && keep <= 0) problems.add("--keep: must be > 0, got " + keep);
        if (!(o.real("precision") > 0) || !Double.isFinite(o.real("precision"))) problems.add("--precision: must be > 0, got " + o.real("precision"));
        if (!(o.real("radius") >= 0) || !Double.isFinite(o.real("radius"))) problems.add("--radius: must be >= 0, got " + o.real("radius"));
        if (!(o.real("apix") >= 0) || !Double.isFinite(o.real("apix"))) problems.add("--apix: must be >= 0, got " + o.real("apix"));
        if (!Double.isFinite(o.real("refrandphase")) || o.real("refrandphase") < 0) problems.add("--refrandphase: must be >= 0 (Å), got " + o.real("refrandphase"));
        if (o.integer("clip") < 0) problems.add("--clip: must be >= 0, got " + o.integer("clip"));
        if (o.integer("verbose") < 0) problems.add("--verbose: must be >= 0, got " + o.integer("verbose"));
    }

    /** Effective symmetry per class (§7.6.4): --syms padded with c1 or cut to K, else --sym, else c1. */
    private static List<Symmetry> symmetries(RefineOptions o, int k, List<String> names, List<String> problems, List<String> warnings) {
        String sym = o.string("sym");
        String one = sym == null || sym.isBlank() || sym.equalsIgnoreCase("none") ? "c1" : sym.strip();
        try {
            Symmetry.parse(one);
        } catch (IllegalArgumentException e) {
            problems.add("--sym: " + e.getMessage());
        }
        List<String> given = new ArrayList<>();
        String syms = o.string("syms");
        if (syms != null && !syms.isBlank()) for (String s : syms.split(",")) given.add(s.strip().isEmpty() ? "c1" : s.strip());
        List<Symmetry> out = new ArrayList<>();
        for (String s : given) {
            try {
                Symmetry.parse(s);
            } catch (IllegalArgumentException e) {
                problems.add("--syms: " + e.getMessage());
            }
        }
        if (k > 0 && !given.isEmpty() && given.size() != k) {
            warnings.add("--syms: " + given.size() + " symmetries for " + k + " references; "
                    + (given.size() < k ? "the others get c1" : "only the first " + k + " are used"));
        }
        for (int i = 0; i < k; i++) {
            String s = given.isEmpty() ? one : i < given.size() ? given.get(i) : "c1";
            names.add(s);
            try {
                out.add(Symmetry.parse(s));
            } catch (IllegalArgumentException e) {
                out.add(null); // reported above
            }
        }
        if (out.contains(null)) out.clear();
        return out;
    }

    private static boolean isC1(Symmetry s) { return s.kind() == Symmetry.Kind.C && s.fold() == 1; }

    /** --normproc, checked; normalize.mask is checked with a mask of ones (the real mask comes at run time). */
    private Optional<ProcessorSpec> normproc(RefineOptions o, ModifierParser parser, InputParams input, List<String> problems) {
        String text = o.string("normproc");
        Optional<ProcessorSpec> spec;
        try {
            spec = ProcessorSpec.parse(text);
            if (spec.isEmpty()) return spec;
            ProcessorSpec s = spec.get();
            if (s.values().get("mask") instanceof String file) s = s.with("mask", parser.resolver("normproc").apply(file));
            boolean needsMask = s.name().equals("normalize.mask") && !s.values().containsKey("mask");
            int n = input == null ? 2 : input.box();
            catalogs.processors().create(needsMask ? s.with("mask", org.jspt.image.Volume.cube(n)) : s, parser.resolver("normproc"));
            return Optional.of(s);
        } catch (IllegalArgumentException e) {
            problems.add("--normproc: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<Path> maskfile(RefineOptions o, ModifierParser parser, List<String> problems) {
        String s = o.string("maskfile");
        if (s == null || s.isBlank()) return Optional.empty();
        Path p = parser.resolve(s);
        try {
            StackHeader h = StackHeader.read(p);
            if (h.count() == 0) problems.add("--maskfile: " + p + " holds no images");
            else if (!h.cubic()) problems.add("--maskfile: " + p + " holds a " + h.shape() + " image; a cubic volume is required");
            else return Optional.of(p);
        } catch (IOException e) {
            problems.add("--maskfile: cannot read " + p + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    /** {@code A,B}: A an int > 0 (tilt-axis x in px), B a float (edge weight). */
    static Optional<AverageParams.TiltAxisWeight> tiltAxis(String s, List<String> problems) {
        if (s == null || s.isBlank()) return Optional.empty();
        String[] p = s.split(",");
        Integer a = p.length == 2 ? PythonNumbers.parseInt(p[0]) : null;
        Double b = p.length == 2 ? PythonNumbers.parseFloat(p[1]) : null;
        if (a == null || b == null || !Double.isFinite(b)) {
            problems.add("--weighbytiltaxis: '" + s + "' must be A,B with A an int (tilt-axis x, px) and B a float (edge weight)");
            return Optional.empty();
        }
        if (a <= 0) {
            problems.add("--weighbytiltaxis: the tilt-axis position A must be > 0, got " + a);
            return Optional.empty();
        }
        return Optional.of(new AverageParams.TiltAxisWeight(a, b));
    }

    private static PreprocessParams preprocess(RefineOptions o, Map<String, Optional<Modifier<Processor>>> procs,
                                               Optional<ProcessorSpec> normproc, Optional<Path> maskfile, int box,
                                               int shrink, int shrinkfine, boolean fineNeeded) {
        int clip = Math.max(0, o.integer("clip"));
        int clipped = clip > 0 ? clip : box;
        boolean like = o.flag("procfinelikecoarse");
        FilterChain coarse = new FilterChain(procs.get("lowpass"), procs.get("highpass"), procs.get("preprocess"),
                shrink, PreprocessParams.shrunkBox(clipped, shrink));
        // §4.2 (Spec): the *fine value if given, else the coarse one when procfinelikecoarse, else nothing
        FilterChain fine = new FilterChain(fineOr(procs, "lowpass", like), fineOr(procs, "highpass", like),
                fineOr(procs, "preprocess", like), shrinkfine, PreprocessParams.shrunkBox(clipped, shrinkfine));
        return new PreprocessParams(procs.get("mask"), maskfile, normproc, procs.get("threshold"), clip, box, coarse, fine,
                fineNeeded, like, o.flag("savepreproc"));
    }

    private static Optional<Modifier<Processor>> fineOr(Map<String, Optional<Modifier<Processor>>> procs, String name, boolean like) {
        Optional<Modifier<Processor>> f = procs.get(name + "fine");
        return f.isPresent() || !like ? f : procs.get(name);
    }

    private static void checkBox(String stage, FilterChain c, PreprocessParams pre, List<String> problems) {
        if (c.box() % 2 == 0 && c.box() >= 2) return;
        String opt = c.shrink() > 1 ? (stage.equals("fine") ? "--shrinkfine" : "--shrink") : pre.clip() > 0 ? "--clip" : "--input";
        problems.add(opt + ": the " + stage + " alignment box would be " + c.box() + " (box " + pre.clippedBox()
                + (pre.clip() > 0 ? " after --clip" : "") + ", shrink " + c.shrink() + "); an even box is needed");
    }
}

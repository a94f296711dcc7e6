package org.jspt.refine.options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspt.refine.options.ReferenceParams.RefGenMethod;
import org.jspt.refine.options.ReferenceParams.Grouping;
import org.jspt.refine.options.ReferenceParams.Source;
import org.jspt.run.InixformsFile;

/**
 * The reference-source rules of {@code docs/reference/refinemulti.md} §5.1–§5.4: {@code --ref} (repeated, cut or cycled
 * to K), building from the data ({@code --refgenmethod} and the {@code --hacref/--btref/--ssaref}
 * override), {@code --classmx} and {@code --inixforms}. Reads headers only. Records problems in the
 * caller's list and returns null when the references cannot be determined.
 */
final class ReferenceChecks {
    private final RefineOptions o;
    private final ModifierParser files;
    private final List<String> problems;
    private final List<String> warnings;

    ReferenceChecks(RefineOptions o, ModifierParser files, List<String> problems, List<String> warnings) {
        this.o = o;
        this.files = files;
        this.problems = problems;
        this.warnings = warnings;
    }

    /**
     * @param input the checked particle stack, or null if it is invalid (then only what does not depend on it is checked)
     */
    ReferenceParams check(InputParams input) {
        int nref = o.integer("nref");
        String ref = o.string("ref");
        String classmx = o.string("classmx");
        boolean haveRef = ref != null && !ref.isBlank();
        boolean haveClassmx = classmx != null && !classmx.isBlank();
        RefGenMethod method = method();
        Optional<Path> inixforms = inixforms();
        if (nref == 1) {
            problems.add("--nref: --nref must be > 1");
            return null;
        }
        if (haveRef && haveClassmx) {
            problems.add("--classmx: cannot be combined with --ref");
            return null;
        }
        Source source;
        int k;
        List<Path> refFiles = new ArrayList<>();
        Optional<Path> classmxPath = Optional.empty();
        if (haveRef) {
            source = Source.FILES;
            refFiles = refFiles(ref, nref, input);
            if (refFiles == null) return null;
            k = refFiles.size();
        } else if (haveClassmx) {
            source = Source.CLASSMX;
            classmxPath = Optional.of(files.resolve(classmx));
            k = classmxClasses(classmxPath.get(), nref, input);
            if (k < 0) return null;
        } else {
            source = Source.DATA;
            if (nref < 2) {
                problems.add("--nref: in the absence of --ref, --nref must be > 1 (got " + nref + ")");
                return null;
            }
            k = nref;
            if (input != null && k > input.count()) {
                problems.add("--nref: " + k + " references cannot be built from " + input.count() + " particles");
                return null;
            }
        }
        if (method == null) return null;
        ReferenceParams p = new ReferenceParams(source, k, refFiles, o.real("refrandphase"), method, o.integer("btref"),
                o.integer("hacref"), o.integer("ssaref"), o.integer("subset4ref") == null ? 0 : o.integer("subset4ref"),
                classmxPath, inixforms, o.flag("refpreprocess"), grouping(source));
        if (source == Source.DATA && method == RefGenMethod.HAC && input != null) {
            int m = p.subsetSize(input.count() / k);
            if (m < 3) problems.add("--refgenmethod: hac needs at least 3 particles per group, got " + m
                    + " (" + input.count() + " particles in " + k + " groups)");
        }
        if (source != Source.FILES && p.randomPhases()) warnings.add("--refrandphase: ignored; it applies to --ref references only");
        if (source == Source.FILES && !p.randomPhases() && refFiles.stream().distinct().count() < k) {
            warnings.add("--ref: the same reference is used for several classes without --refrandphase;"
                    + " identical references give every particle to the first class");
        }
        return p;
    }

    /** jspt --grouping (§16.1): contiguous (EMAN2), farthest or split; only references built from the data without --classmx use it. */
    private Grouping grouping(Source source) {
        String g = o.string("grouping");
        Grouping grouping = Grouping.parse(g);
        if (grouping == null) {
            problems.add("--grouping: unknown value '" + g + "'; use contiguous, farthest or split");
            return Grouping.CONTIGUOUS;
        }
        if (grouping != Grouping.CONTIGUOUS && source != Source.DATA) {
            warnings.add("--grouping " + g + ": ignored; it applies to references built from the data without --ref or --classmx");
            return Grouping.CONTIGUOUS;
        }
        return grouping;
    }

    /** --refgenmethod after the override, in this order, the last match winning: hacref, btref, ssaref (§5.2.2). */
    private RefGenMethod method() {
        String m = o.string("refgenmethod");
        RefGenMethod method = null;
        try {
            method = RefGenMethod.valueOf(m.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.add("--refgenmethod: unknown method '" + m + "'; known: bt, hac, ssa");
        }
        if (o.integer("hacref") > 0) method = RefGenMethod.HAC;
        if (o.integer("btref") > 0) method = RefGenMethod.BT;
        if (o.integer("ssaref") > 0) method = RefGenMethod.SSA;
        return method;
    }

    /** §5.1: one file repeated nref times; several cut to nref or cycled up to it; each readable and matching the particles. */
    private List<Path> refFiles(String ref, int nref, InputParams input) {
        List<String> names = new ArrayList<>();
        for (String s : ref.split(",")) if (!s.isBlank()) names.add(s.strip());
        if (names.size() == 1 && nref < 2) {
            problems.add("--nref: --nref must be > 1 with a single --ref (got " + nref + ")");
            return null;
        }
        int k = names.size() == 1 || nref >= 2 ? nref : names.size();
        if (names.size() > k) warnings.add("--ref: " + names.size() + " files for " + k + " references; only the first " + k + " are used");
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < k; i++) out.add(files.resolve(names.get(i % names.size())));
        Map<Path, Boolean> seen = new LinkedHashMap<>();
        boolean ok = true;
        for (Path p : out) if (seen.put(p, Boolean.TRUE) == null) ok &= checkReference(p, input);
        return ok ? out : null;
    }

    private boolean checkReference(Path p, InputParams input) {
        StackHeader h;
        try {
            h = StackHeader.read(p);
        } catch (IOException e) {
            problems.add("--ref: cannot read " + p + ": " + e.getMessage());
            return false;
        }
        String bad = h.volumeProblem(p);
        if (bad != null) {
            problems.add("--ref: " + bad);
            return false;
        }
        if (input == null) return true;
        if (h.nx() != input.box()) {
            problems.add("--ref: " + p + " has box " + h.nx() + " but the particles (--input) have box " + input.box());
            return false;
        }
        double apix = input.apixOverride() ? input.apix() : h.apix();
        if (!input.apixOverride() && Math.abs(apix - input.apix()) > 1e-3 * Math.max(apix, input.apix())) {
            problems.add("--ref: " + p + " has pixel size " + apix + " Å but the particles (--input) have " + input.apix()
                    + " Å (give --apix to override both)");
            return false;
        }
        if (apix <= 1.0) warnings.add("--ref: " + p + " has pixel size " + apix + " Å, most likely wrong");
        return notBlank(p);
    }

    /** §5.1 step 1: a reference whose voxels are all 0 is an error (EMAN2: "Empty/blank reference file"). One volume read. */
    private boolean notBlank(Path p) {
        try (org.jspt.io.ImageStack s = org.jspt.io.ImageStacks.open(p)) {
            for (float x : s.read(0).data) if (x != 0) return true;
        } catch (IOException e) {
            problems.add("--ref: cannot read " + p + ": " + e.getMessage());
            return false;
        }
        problems.add("--ref: " + p + ": Empty/blank reference file (every voxel is 0)");
        return false;
    }

    /** §5.3: K = nx of image 0; an explicitly given --nref must agree. -1 on a problem. */
    private int classmxClasses(Path p, int nref, InputParams input) {
        StackHeader h;
        try {
            h = StackHeader.read(p);
        } catch (IOException e) {
            problems.add("--classmx: cannot read " + p + ": " + e.getMessage());
            return -1;
        }
        if (h.count() == 0) {
            problems.add("--classmx: " + p + " holds no images");
            return -1;
        }
        int k = h.nx();
        if (o.isGiven("nref") && nref != k) {
            problems.add("--classmx: " + p + " has " + k + " classes but --nref is " + nref);
            return -1;
        }
        if (k < 2) {
            problems.add("--classmx: " + p + " has " + k + " class; at least 2 are needed");
            return -1;
        }
        if (input != null && h.ny() < input.count()) {
            problems.add("--classmx: " + p + " covers " + h.ny() + " particles but " + input.count() + " are used");
            return -1;
        }
        return k;
    }

    private Optional<Path> inixforms() {
        String s = o.string("inixforms");
        if (s == null || s.isBlank()) return Optional.empty();
        Path p = files.resolve(s);
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            problems.add("--inixforms: cannot read " + p);
            return Optional.empty();
        }
        try {
            InixformsFile.read(p);
        } catch (IOException | RuntimeException e) {
            problems.add("--inixforms: not a JSON file of transforms: " + e.getMessage());
            return Optional.empty();
        }
        return Optional.of(p);
    }
}

package org.jspt.refine.options;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspt.image.Volume;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.refine.options.ReferenceParams.RefGenMethod;
import org.jspt.refine.options.ReferenceParams.Source;
import org.jspt.refine.options.mask.FocusMask;
import org.jspt.refine.options.mask.RefMask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class RefineValidatorTest {
    @TempDir Path tmp;

    /** A stack of {@code count} volumes nx×ny×nz with some structure and the given pixel size. */
    public static void stack(Path file, int count, int nx, int ny, int nz, double apix) throws IOException {
        List<Volume> l = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Volume v = new Volume(nx, ny, nz);
            for (int j = 0; j < v.data.length; j++) v.data[j] = (float) Math.sin(0.1 * j + i);
            v.setApix(apix);
            l.add(v);
        }
        EmanHdf.write(file, l);
    }

    @BeforeEach
    void particles() throws IOException {
        stack(tmp.resolve("ptcls.hdf"), 6, 16, 16, 16, 4.0);
    }

    private RefineParams ok(String... args) {
        List<String> a = new ArrayList<>(List.of("--input=ptcls.hdf"));
        a.addAll(List.of(args));
        return TestCatalogs.validator().validate(RefineOptions.parse(a.toArray(String[]::new)), tmp);
    }

    /** Validation fails with a problem line that starts with {@code option + ": "} and contains {@code text}. */
    private UsageException bad(String option, String text, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> ok(args));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(option + ": ") && p.contains(text)), e.getMessage());
        return e;
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void defaultsBuildReferencesFromTheDataWithTheTreeAligner() throws IOException {
        List<String> before = files();
        RefineParams p = ok();
        assertEquals(before, files(), "validation writes nothing");
        assertEquals(6, p.input().count());
        assertEquals(16, p.input().box());
        assertEquals(4.0, p.input().apix());
        assertEquals(Source.DATA, p.references().source());
        assertEquals(3, p.classes());
        assertEquals(RefGenMethod.BT, p.references().method());
        assertEquals(3, p.align().coarse().size());
        assertEquals("rotate_translate_3d_tree", p.align().coarse(0).orElseThrow().text());
        assertTrue(p.align().tree());
        assertFalse(p.align().fineOn());
        assertEquals("ccc.tomo.thresh", p.align().aligncmp().name());
        assertEquals("mean.tomo", p.average().averager().value().name());
        assertEquals(List.of("c1", "c1", "c1"), p.average().symNames());
        assertFalse(p.average().symmetrise(0));
        assertEquals(16, p.preprocess().coarse().box());
        assertEquals(Runtime.getRuntime().availableProcessors(), p.parallel().threads());
        assertEquals("spt_refinemulti", p.output().pathStem());
        assertTrue(p.warnings().isEmpty(), p.warnings().toString());
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() {
        UsageException e = assertThrows(UsageException.class, () -> ok("--keep=0", "--subset=-1", "--lowpass=nosuch", "--parallel=mpi"));
        assertEquals(4, e.problems().size(), e.getMessage());
        assertEquals(String.join("\n", e.problems()), e.getMessage());
    }

    @Test
    void inputProblems() throws IOException {
        UsageException e = assertThrows(UsageException.class,
                () -> TestCatalogs.validator().validate(RefineOptions.parse("--nref=2"), tmp));
        assertTrue(e.problems().contains("--input: the particle stack is required"), e.getMessage());
        bad("--input", "cannot read", "--input=missing.hdf");
        stack(tmp.resolve("odd.hdf"), 4, 15, 15, 15, 4);
        bad("--input", "odd box", "--input=odd.hdf");
        stack(tmp.resolve("flat.hdf"), 4, 16, 16, 8, 4);
        bad("--input", "cubic", "--input=flat.hdf");
    }

    @Test
    void nrefRules() {
        bad("--nref", "--nref must be > 1", "--nref=1");
        bad("--nref", "--nref must be > 1", "--nref=0");
        bad("--nref", "3 references cannot be built from 2 particles", "--subset=2");
        assertEquals(2, ok("--nref=2", "--subset=2").classes());
        assertEquals(4, ok("--subset=4").input().count());
        assertEquals(6, ok("--subset=40").input().count());
        bad("--subset", ">= 0", "--subset=-1");
    }

    @Test
    void groupingIsAJsptExtensionForReferencesFromTheData() throws IOException {
        assertEquals(ReferenceParams.Grouping.CONTIGUOUS, ok().references().grouping(), "EMAN2's contiguous groups by default");
        assertEquals(ReferenceParams.Grouping.FARTHEST, ok("--grouping=farthest").references().grouping());
        assertEquals(ReferenceParams.Grouping.SPLIT, ok("--grouping=split").references().grouping());
        bad("--grouping", "unknown value 'random'", "--grouping=random");
        stack(tmp.resolve("a.hdf"), 1, 16, 16, 16, 4.0);
        assertEquals(ReferenceParams.Grouping.CONTIGUOUS, ok("--ref=a.hdf", "--nref=2", "--grouping=split").references().grouping(), "ignored with --ref");
    }

    @Test
    void goldStandardIterationsAreAJsptExtensionOffByDefault() {
        assertEquals(0, ok().gold().iterations(), "no gold-standard iterations by default (EMAN2)");
        assertEquals(10.0, ok().gold().maxang());
        RefineParams p = ok("--goldstandard=3", "--goldmaxang=6");
        assertEquals(3, p.gold().iterations());
        assertEquals(6.0, p.gold().maxang());
        bad("--goldstandard", "between 0 and 100", "--goldstandard=-1");
        bad("--goldmaxang", "(0, 180]", "--goldstandard=2", "--goldmaxang=0");
        bad("--goldstandard with --restarts", "run them separately", "--goldstandard=2", "--restarts=3");
    }

    @Test
    void fftPlanIsEstimateMeasureOrAPlansFile() throws IOException {
        assertEquals("estimate", ok().effectiveOptions().get("fftplan"), "estimated plans by default: the same bits in every run");
        assertEquals("measure", ok("--fftplan=measure").effectiveOptions().get("fftplan"));
        bad("--fftplan", "no such file", "--fftplan=fast");
        java.nio.file.Files.writeString(tmp.resolve("notplans.txt"), "size 48\n");
        bad("--fftplan", "not a jspt FFT plans file", "--fftplan=notplans.txt");
        java.nio.file.Files.writeString(tmp.resolve("plans.txt"), org.jspt.image.FftPlans.Wisdom.NONE.text());
        assertEquals("plans.txt", ok("--fftplan=plans.txt").effectiveOptions().get("fftplan"));
    }

    @Test
    void focusMaskIsASphereOrAVolumeOfTheParticlesBox() throws IOException {
        assertTrue(ok().focusMask().isEmpty(), "no focus mask by default (EMAN2)");
        FocusMask sphere = ok("--focusmask=1,-2,0.5,4").focusMask().orElseThrow();
        assertArrayEquals(new double[] {1, -2, 0.5, 4}, sphere.sphere());
        org.jspt.image.Volume m = sphere.volume(16);
        assertEquals(1f, m.data[(8 - 2) * 16 + 9 + 16 * 16 * 8], 1e-6f, "inside");
        assertEquals(0f, m.data[0], "far outside");
        FocusMask whole = ok("--focusmask=whole").focusMask().orElseThrow();
        assertTrue(whole.isWhole() && !sphere.isWhole());
        org.jspt.image.Volume w = whole.volume(16); // radius 16/2 − 3 = 5, edge to 8 px from the centre
        assertEquals(1f, w.get(8 + 5, 8, 8), 1e-6f, "inside to r");
        assertEquals(0.75f, w.get(8, 8 + 6, 8), 1e-6f, "a third of the way down the soft edge");
        assertEquals(0f, w.get(8, 8, 0), "the box face is outside");
        bad("--focusmask", "radius must be > 0", "--focusmask=0,0,0,0");
        bad("--focusmask", "not finite", "--focusmask=0,0,0,1e999");
        bad("--focusmask", "cannot read", "--focusmask=missing.hdf");
        stack(tmp.resolve("m16.hdf"), 1, 16, 16, 16, 4.0);
        stack(tmp.resolve("m12.hdf"), 1, 12, 12, 12, 4.0);
        assertEquals(tmp.resolve("m16.hdf"), ok("--focusmask=m16.hdf").focusMask().orElseThrow().file());
        bad("--focusmask", "the particles' box 16³ is required", "--focusmask=m12.hdf");
    }

    @Test
    void splitReferencesClassifyOverTheWholeParticleUnlessTheUserSaysOtherwise() {
        RefineParams split = ok("--nref=2", "--grouping=split");
        assertTrue(split.focusMask().orElseThrow().isWhole(), "split references share one frame: the whole-particle score is the default");
        assertEquals("whole", split.effectiveOptions().get("focusmask"), "the parameters file says which score classified");
        assertTrue(ok("--nref=2", "--grouping=split", "--focusmask=none").focusMask().isEmpty(), "none turns it off");
        assertFalse(ok("--nref=2", "--grouping=split", "--focusmask=0,0,0,4").focusMask().orElseThrow().isWhole(), "a given mask wins");
        assertTrue(ok("--nref=2", "--grouping=farthest").focusMask().isEmpty(), "other groupings keep EMAN2's score");
        assertTrue(ok("--nref=2", "--focusmask=none").focusMask().isEmpty());
    }

    @Test
    void referenceMaskIsAutoOnTheJsptPathsAndNoneForEman2sRuns() throws IOException {
        assertTrue(ok().refMask().isEmpty(), "EMAN2's runs align to unmasked averages");
        assertEquals("none", ok().effectiveOptions().get("refmask"));
        assertEquals(RefMask.Mode.AUTO, ok("--nref=2", "--grouping=split").refMask().orElseThrow().mode(), "split references: auto");
        assertEquals("auto", ok("--nref=2", "--grouping=split").effectiveOptions().get("refmask"), "the parameters file says which mask");
        assertEquals(RefMask.Mode.AUTO, ok("--goldstandard=2").refMask().orElseThrow().mode(), "gold-standard iterations: auto");
        assertTrue(ok("--nref=2", "--grouping=split", "--refmask=none").refMask().isEmpty(), "none turns it off");
        assertEquals(RefMask.Mode.SPHERE, ok("--refmask=sphere").refMask().orElseThrow().mode());
        RefMask fixed = ok("--refmask=1,-2,0.5,4").refMask().orElseThrow();
        assertEquals(RefMask.Mode.FIXED, fixed.mode());
        assertArrayEquals(new double[] {1, -2, 0.5, 4}, fixed.sphere());
        assertEquals("1.0,-2.0,0.5,4.0", ok("--refmask=1,-2,0.5,4").effectiveOptions().get("refmask"));
        bad("--refmask", "radius must be > 0", "--refmask=0,0,0,-1");
        bad("--refmask", "not finite", "--refmask=0,0,0,1e999");
        bad("--refmask", "cannot read", "--refmask=missing.hdf");
        stack(tmp.resolve("r16.hdf"), 1, 16, 16, 16, 4.0);
        stack(tmp.resolve("r12.hdf"), 1, 12, 12, 12, 4.0);
        assertEquals(tmp.resolve("r16.hdf"), ok("--refmask=r16.hdf").refMask().orElseThrow().file());
        bad("--refmask", "the particles' box 16³ is required", "--refmask=r12.hdf");
    }

    @Test
    void referenceFiles() throws IOException {
        stack(tmp.resolve("a.hdf"), 1, 16, 16, 16, 4.0);
        stack(tmp.resolve("b.hdf"), 1, 16, 16, 16, 4.0);
        stack(tmp.resolve("c.hdf"), 1, 16, 16, 16, 4.0);
        RefineParams one = ok("--ref=a.hdf", "--nref=2");
        assertEquals(Source.FILES, one.references().source());
        assertEquals(List.of(tmp.resolve("a.hdf"), tmp.resolve("a.hdf")), one.references().files());
        assertTrue(one.warnings().stream().anyMatch(w -> w.startsWith("--ref: the same reference")), one.warnings().toString());
        assertTrue(ok("--ref=a.hdf", "--nref=2", "--refrandphase=30").warnings().isEmpty());
        assertEquals(List.of("--refrandphase: ignored; it applies to --ref references only"), ok("--refrandphase=30").warnings());
        assertEquals(List.of(tmp.resolve("a.hdf"), tmp.resolve("b.hdf")), ok("--ref=a.hdf,b.hdf,c.hdf", "--nref=2").references().files());
        assertEquals(List.of(tmp.resolve("a.hdf"), tmp.resolve("b.hdf"), tmp.resolve("a.hdf"), tmp.resolve("b.hdf")),
                ok("--ref=a.hdf,b.hdf", "--nref=4", "--refrandphase=20").references().files(), "fewer files than --nref: cycled");
        assertEquals(3, ok("--ref=a.hdf,b.hdf,c.hdf", "--nref=0").classes(), "nref < 2 with several files: all of them");
        bad("--nref", "--nref must be > 1", "--ref=a.hdf", "--nref=0");
        bad("--ref", "cannot read", "--ref=a.hdf,nope.hdf");
    }

    @Test
    void referencesMustMatchTheParticles() throws IOException {
        stack(tmp.resolve("big.hdf"), 1, 20, 20, 20, 4.0);
        stack(tmp.resolve("fine.hdf"), 1, 16, 16, 16, 2.0);
        bad("--ref", "has box 20 but the particles (--input) have box 16", "--ref=big.hdf", "--nref=2");
        bad("--ref", "pixel size 2.0 Å but the particles (--input) have 4.0 Å", "--ref=fine.hdf", "--nref=2");
        RefineParams p = ok("--ref=fine.hdf", "--nref=2", "--apix=3");
        assertEquals(3.0, p.input().apix(), "--apix replaces both pixel sizes");
        stack(tmp.resolve("odd.hdf"), 1, 15, 15, 15, 4.0);
        bad("--ref", "odd box", "--ref=odd.hdf", "--nref=2");
        EmanHdf.write(tmp.resolve("blank.hdf"), List.of(Volume.cube(16).setApix(4.0)));
        bad("--ref", "Empty/blank reference file", "--ref=blank.hdf", "--nref=2");
    }

    @Test
    void refgenmethodAndItsOverrides() {
        bad("--refgenmethod", "unknown method 'xyz'; known: bt, hac, ssa", "--refgenmethod=xyz");
        assertEquals(RefGenMethod.HAC, ok("--refgenmethod=hac", "--nref=2").references().method());
        assertEquals(RefGenMethod.HAC, ok("--hacref=3", "--nref=2").references().method());
        assertEquals(RefGenMethod.BT, ok("--refgenmethod=ssa", "--hacref=3", "--btref=2", "--nref=2").references().method(), "btref wins over hacref");
        assertEquals(RefGenMethod.SSA, ok("--hacref=3", "--btref=2", "--ssaref=2", "--sym=c2", "--nref=2").references().method(), "ssaref wins over both");
        bad("--refgenmethod", "ssa needs a symmetry other than c1", "--refgenmethod=ssa");
        bad("--refgenmethod", "class 1 has c1", "--refgenmethod=ssa", "--syms=d2", "--nref=2");
        bad("--refgenmethod", "hac needs at least 3 particles per group", "--refgenmethod=hac");
    }

    @Test
    void subsetSizesOfReferenceBuilding() {
        ReferenceParams bt = ok("--nref=2").references();
        assertEquals(2, bt.subsetSize(3), "largest power of 2 <= the group size");
        assertEquals(8, new ReferenceParams(Source.DATA, 2, List.of(), 0, RefGenMethod.BT, 0, 0, 0, 0, java.util.Optional.empty(),
                java.util.Optional.empty(), false).subsetSize(13));
        assertEquals(4, new ReferenceParams(Source.DATA, 2, List.of(), 0, RefGenMethod.BT, 5, 0, 0, 0, java.util.Optional.empty(),
                java.util.Optional.empty(), false).subsetSize(13));
        assertEquals(10, new ReferenceParams(Source.DATA, 2, List.of(), 0, RefGenMethod.HAC, 0, 0, 0, 0, java.util.Optional.empty(),
                java.util.Optional.empty(), false).subsetSize(13));
        assertEquals(7, new ReferenceParams(Source.DATA, 2, List.of(), 0, RefGenMethod.SSA, 0, 0, 0, 7, java.util.Optional.empty(),
                java.util.Optional.empty(), false).subsetSize(13));
    }

    @Test
    void classmx() throws IOException {
        stack(tmp.resolve("cmx.hdf"), 9, 2, 6, 1, 1.0);
        RefineParams p = ok("--classmx=cmx.hdf");
        assertEquals(Source.CLASSMX, p.references().source());
        assertEquals(2, p.classes(), "K = nx of image 0; the default --nref 3 is not held against it");
        bad("--classmx", "has 2 classes but --nref is 3", "--classmx=cmx.hdf", "--nref=3");
        stack(tmp.resolve("a.hdf"), 1, 16, 16, 16, 4.0);
        bad("--classmx", "cannot be combined with --ref", "--classmx=cmx.hdf", "--ref=a.hdf");
        bad("--classmx", "cannot read", "--classmx=none.hdf");
    }

    @Test
    void inixformsAndMaskfile() throws IOException {
        Files.writeString(tmp.resolve("x.json"), "{\"subtomo_0\": {\"__class__\": \"Transform\", \"matrix\": \"[1,0,0,0,0,1,0,0,0,0,1,0]\"}}");
        Files.writeString(tmp.resolve("broken.json"), "{not json");
        assertEquals(tmp.resolve("x.json"), ok("--inixforms=x.json").references().inixforms().orElseThrow());
        bad("--inixforms", "not a JSON file", "--inixforms=broken.json");
        bad("--inixforms", "cannot read", "--inixforms=missing.json");
        stack(tmp.resolve("m.hdf"), 1, 16, 16, 16, 4.0);
        assertEquals(tmp.resolve("m.hdf"), ok("--maskfile=m.hdf").preprocess().maskfile().orElseThrow());
        bad("--maskfile", "cannot read", "--maskfile=nomask.hdf");
    }

    @Test
    void modifierStringsGoThroughTheRegistries() {
        bad("--lowpass", "no such processor 'filter.lowpass.gaus'", "--lowpass=filter.lowpass.gaus:cutoff_freq=0.1");
        bad("--preprocessfine", "unknown parameter 'cutof_freq'", "--preprocessfine=filter.lowpass.gauss:cutof_freq=0.1");
        bad("--mask", "must have the form key=value", "--mask=mask.sharp:outer_radius");
        bad("--align", "no such aligner 'rotate_translate'", "--align=rotate_translate");
        bad("--align", "unknown parameter 'delt'", "--align=rotate_translate_3d:delt=4");
        bad("--aligncmp", "no such comparator 'cc'", "--aligncmp=cc");
        bad("--aligncmp", "a comparator is required", "--aligncmp=None");
        bad("--faligncmp", "no such comparator", "--align=rotate_translate_3d", "--falign=refine_3d_grid", "--faligncmp=xyz");
        bad("--averager", "no such averager 'mean.tom'", "--averager=mean.tom");
        bad("--averager", "an averager is required", "--averager=none");
        bad("--normproc", "no such processor", "--normproc=normalize.msk");
        bad("--postprocess", "no such processor", "--postprocess=xyz");
        bad("--autocenter", "not a centring processor", "--autocenter=normalize");
        bad("--align", "alt0 and alt1 are equal", "--align=rotate_translate_3d_grid:alt0=5:alt1=5");
        RefineParams p = ok("--normproc=normalize.mask", "--mask=mask.sharp:outer_radius=6", "--autocenter=xform.centerofmass",
                "--preavgproc1=normalize", "--postprocess=filter.lowpass.gauss:cutoff_freq=0.1", "--averager=median");
        assertTrue(p.preprocess().normproc(Volume.cube(16)).isPresent(), "normalize.mask is built with the run's mask");
        assertEquals("mask.sharp", p.preprocess().mask().orElseThrow().name());
        assertEquals("median", p.average().averager().value().name());
        assertEquals("normalize", p.average().preavgproc1().orElseThrow().name());
        assertTrue(p.average().preavgproc2().isEmpty());
        assertTrue(ok("--lowpass=None", "--mask=none").preprocess().coarse().lowpass().isEmpty());
    }

    @Test
    void theStandardRegistriesAreUsedByDefault() {
        UsageException e = assertThrows(UsageException.class, () -> RefineValidator.standard()
                .validate(RefineOptions.parse("--input=ptcls.hdf", "--align=no_such_aligner"), tmp));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("--align: 'no_such_aligner': no such aligner 'no_such_aligner'")), e.getMessage());
    }

    @Test
    void theRealAlignersAcceptTheKeysTheEditsAdd() {
        RefineValidator v = RefineValidator.standard();
        RefineParams p = v.validate(RefineOptions.parse("--input=ptcls.hdf", "--nref=2", "--align=rotate_translate_3d:delta=30",
                "--syms=c2", "--falign=refine_3d_grid:delta=3:range=6", "--search=3", "--searchfine=1"), tmp);
        assertEquals("rotate_translate_3d", p.align().coarse(0).orElseThrow().value().name());
        assertEquals("rotate_translate_3d:delta=30:search=3:sym=c2", p.align().coarse(0).orElseThrow().text());
        assertEquals("refine_3d_grid:delta=3:range=6:search=1", p.align().fine().orElseThrow().text());
        assertEquals("ccc.tomo.thresh", p.align().aligncmp().value().name());
        RefineParams r = v.validate(RefineOptions.parse("--input=ptcls.hdf", "--nref=2", "--radius=100", "--sym=c2", "-v", "10"), tmp);
        assertEquals("refine_3d_grid", r.align().fine().orElseThrow().value().name());
        assertEquals(2, r.align().coarse().size());
    }

    @Test
    void simpleValueChecks() {
        bad("--keep", "must be > 0", "--keep=0");
        assertEquals(-1.0, ok("--keep=-1", "--keepsig").average().keep(), "with --keepsig, --keep is a sigma multiplier");
        bad("--iter", ">= 1", "--iter=0");
        bad("--npeakstorefine", ">= 1", "--npeakstorefine=0");
        bad("--output", "must end in .hdf", "--output=final.mrc");
        bad("--output", "must be a file name", "--output=sub/final.hdf");
        assertEquals("final.hdf", ok("--output=final.hdf").output().output().orElseThrow());
        bad("--parallel", "expected thread:N", "--parallel=mpi:4");
        assertEquals(3, ok("--parallel=thread:3").parallel().threads());
        assertEquals(1, ok("--parallel=None").parallel().threads());
        assertEquals("local[2]", ok("--parallel=spark:local[2]").parallel().sparkMaster());
        bad("--sym", "unknown symmetry 'q5'", "--sym=q5");
        bad("--syms", "unknown symmetry 'x'", "--syms=c2,x");
        bad("--path", "must name a folder stem", "--path=runs/");
        assertEquals("foo", ok("--path=foo").output().pathStem());
    }

    @Test
    void weighbytiltaxis() {
        AverageParams.TiltAxisWeight w = ok("--weighbytiltaxis=100,0.5").average().tiltAxis().orElseThrow();
        assertEquals(100, w.axis());
        assertEquals(0.5, w.edgeWeight());
        assertEquals(0.5, w.weight(0), 1e-12);
        assertEquals(1.0, w.weight(100), 1e-12);
        assertEquals(0.75, w.weight(150), 1e-12, "mirrored to x = 50");
        bad("--weighbytiltaxis", "must be A,B", "--weighbytiltaxis=12");
        bad("--weighbytiltaxis", "must be A,B", "--weighbytiltaxis=1.5,0.2");
        bad("--weighbytiltaxis", "must be A,B", "--weighbytiltaxis=a,b");
        bad("--weighbytiltaxis", "must be > 0", "--weighbytiltaxis=0,0.5");
    }

    @Test
    void preprocessedBoxesMustBeEven() throws IOException {
        stack(tmp.resolve("p20.hdf"), 6, 20, 20, 20, 4.0);
        bad("--shrink", "coarse alignment box would be 7", "--input=p20.hdf", "--shrink=3");
        bad("--shrink", "box would be 5 (box 18 after --clip, shrink 4)", "--clip=18", "--shrink=4");
        bad("--clip", "box would be 17", "--clip=17");
        bad("--shrinkfine", "fine alignment box would be 7", "--input=p20.hdf", "--align=rotate_translate_3d",
                "--falign=refine_3d_grid", "--shrink=4", "--shrinkfine=3");
        RefineParams p = ok("--input=p20.hdf", "--shrink=2", "--clip=24");
        assertEquals(12, p.preprocess().coarse().box());
        assertEquals(24, p.preprocess().clippedBox());
        assertEquals(10, ok("--input=p20.hdf", "--shrink=2").preprocess().coarse().box(), "floor(20/2 + 0.5)");
    }

    @Test
    void shrinkIsRaisedToShrinkfine() {
        RefineParams p = ok("--shrinkfine=2");
        assertEquals(2, p.preprocess().coarse().shrink());
        assertEquals(8, p.preprocess().coarse().box());
        assertEquals(2, p.effectiveOptions().get("shrink"));
        assertTrue(p.warnings().stream().anyMatch(w -> w.startsWith("--shrink: raised from 0 to --shrinkfine = 2")));
    }

    @Test
    void fineFiltersFollowProcfinelikecoarse() {
        String lp = "--lowpass=filter.lowpass.gauss:cutoff_freq=0.1";
        RefineParams like = ok(lp, "--highpass=filter.highpass.gauss:cutoff_freq=0.01", "--highpassfine=filter.highpass.gauss:cutoff_freq=0.02");
        assertEquals("filter.lowpass.gauss:cutoff_freq=0.1", like.preprocess().fine().lowpass().orElseThrow().text());
        assertEquals("filter.highpass.gauss:cutoff_freq=0.02", like.preprocess().fine().highpass().orElseThrow().text());
        RefineParams unlike = ok(lp, "--procfinelikecoarse=false");
        assertTrue(unlike.preprocess().fine().lowpass().isEmpty());
        assertTrue(unlike.preprocess().coarse().lowpass().isPresent());
    }

    @Test
    void theTreeAlignerTurnsFineAlignmentOffWithAWarning() {
        RefineParams p = ok("--falign=refine_3d_grid:delta=2:range=6");
        assertFalse(p.align().fineOn());
        assertEquals("", p.effectiveOptions().get("falign"));
        assertTrue(p.warnings().stream().anyMatch(w -> w.startsWith("--falign: ignored")), p.warnings().toString());
        assertTrue(ok().warnings().isEmpty(), "no warning when --falign was not given");
    }

    @Test
    void aligner62ReconciliationInTheValidator() {
        RefineParams p = ok("--align=rotate_translate_3d:search=3:delta=12:dphi=12", "--search=6",
                "--falign=refine_3d_grid:delta=2:range=6");
        assertEquals("rotate_translate_3d:search=6:delta=12:dphi=12", p.align().coarse(0).orElseThrow().text());
        assertEquals(6, p.align().search());
        assertEquals("refine_3d_grid:delta=2:range=6:search=2", p.align().fine().orElseThrow().text());
        assertTrue(p.preprocess().fineNeeded());
        RefineParams q = ok("--align=rotate_translate_3d:search=3:delta=12", "--falign=refine_3d_grid:search=1");
        assertEquals(3, q.align().search(), "--search left at 8 takes the string's value");
        assertEquals(1, q.align().searchfine());
        assertEquals(3, q.effectiveOptions().get("search"));
    }

    @Test
    void alignNoneMeansNoCoarseSearch() {
        RefineParams p = ok("--align=None", "--falign=refine_3d_grid");
        assertTrue(p.align().coarse(0).isEmpty());
        assertTrue(p.align().fineOn());
    }

    @Test
    void perClassSymmetry() {
        RefineParams p = ok("--syms=d2,c4", "--align=rotate_translate_3d:delta=30");
        assertEquals(List.of("d2", "c4", "c1"), p.average().symNames(), "padded with c1");
        assertEquals("rotate_translate_3d:delta=30:search=8:sym=d2", p.align().coarse(0).orElseThrow().text());
        assertEquals("rotate_translate_3d:delta=30:search=8:sym=c4", p.align().coarse(1).orElseThrow().text());
        assertEquals("rotate_translate_3d:delta=30:search=8", p.align().coarse(2).orElseThrow().text());
        assertTrue(p.average().symmetrise(0));
        assertFalse(p.average().symmetrise(2));
        assertFalse(ok("--syms=d2", "--breaksym").average().symmetrise(0));
        assertTrue(p.warnings().contains("--syms: 2 symmetries for 3 references; the others get c1"), p.warnings().toString());
        RefineParams cut = ok("--syms=d2,c4,c3,c5", "--nref=2");
        assertEquals(List.of("d2", "c4"), cut.average().symNames(), "cut to K");
        assertTrue(cut.warnings().contains("--syms: 4 symmetries for 2 references; only the first 2 are used"), cut.warnings().toString());
        RefineParams one = ok("--sym=d3");
        for (int k = 0; k < 3; k++) assertEquals("rotate_translate_3d_tree:sym=d3", one.align().coarse(k).orElseThrow().text());
        assertEquals("rotate_translate_3d_tree:sym=c2", ok("--sym=d3", "--align=rotate_translate_3d_tree:sym=c2").align().coarse(0).orElseThrow().text());
    }

    @Test
    void radiusComputesBothAlignerStrings() {
        RefineParams p = ok("--radius=100", "--sym=c2");
        assertEquals("rotate_translate_3d:search=8:delta=4.07:dphi=4.07:sym=c2", p.align().coarse(0).orElseThrow().text());
        assertEquals("refine_3d_grid:range=4.59:delta=2.29:search=2", p.align().fine().orElseThrow().text());
        assertFalse(p.align().tree());
        RefineParams v = ok("--radius=100", "-v", "10");
        assertTrue(v.align().coarse(0).orElseThrow().text().endsWith(":verbose=1"));
        assertTrue(v.align().fine().orElseThrow().text().endsWith(":verbose=1"));
    }

    @Test
    void positionalArgumentsGiveAWarning() {
        RefineParams p = ok("stray.hdf");
        assertEquals(List.of("positional arguments ignored (give the particles with --input): stray.hdf"), p.warnings());
    }
}

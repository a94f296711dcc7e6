package org.jspt.refine.options;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class RefineOptionsTest {
    private static UsageException bad(String... args) {
        return assertThrows(UsageException.class, () -> RefineOptions.parse(args));
    }

    @Test
    void realDefaults() {
        RefineOptions o = RefineOptions.parse();
        assertEquals(3, o.integer("nref"));
        assertEquals("rotate_translate_3d_tree", o.string("align"));
        assertEquals("ccc.tomo.thresh", o.string("aligncmp"));
        assertEquals("ccc.tomo.thresh", o.string("faligncmp"));
        assertEquals("mean.tomo", o.string("averager"));
        assertEquals("", o.string("falign"));
        assertEquals(1.0, o.real("keep"));
        assertEquals(8, o.integer("search"));
        assertEquals(2, o.integer("searchfine"));
        assertEquals(1, o.integer("npeakstorefine"));
        assertEquals(1, o.integer("iter"));
        assertEquals("bt", o.string("refgenmethod"));
        assertEquals(-1, o.integer("ppid"));
        assertEquals(1.0, o.real("precision"));
        assertTrue(o.flag("procfinelikecoarse"));
        assertFalse(o.flag("keepsig"));
        assertNull(o.string("input"));
        assertNull(o.string("sym"));
        assertNull(o.integer("subset4ref"));
        assertEquals("thread:" + Runtime.getRuntime().availableProcessors(), o.string("parallel"));
        assertEquals(ArgParser.Action.RUN, o.action());
        assertTrue(o.given().isEmpty());
    }

    @Test
    void bothValueFormsAndLastRepetitionWins() {
        RefineOptions o = RefineOptions.parse("--input", "a.hdf", "--nref=4", "--keep", "0.5", "--keep=0.7", "--sym=d7");
        assertEquals("a.hdf", o.string("input"));
        assertEquals(4, o.integer("nref"));
        assertEquals(0.7, o.real("keep"));
        assertEquals("d7", o.string("sym"));
        assertTrue(o.isGiven("nref") && o.isGiven("keep") && !o.isGiven("iter"));
        // the value keeps everything after the first '=' (modifier strings have their own '=')
        assertEquals("filter.lowpass.gauss:cutoff_freq=0.05", RefineOptions.parse("--lowpass=filter.lowpass.gauss:cutoff_freq=0.05").string("lowpass"));
    }

    @Test
    void uniquePrefixesAreAccepted() {
        RefineOptions o = RefineOptions.parse("--shrinkf", "2", "--inp", "x.hdf", "--npeaks=3", "--refg", "hac", "--weighbys");
        assertEquals(2, o.integer("shrinkfine"));
        assertEquals("x.hdf", o.string("input"));
        assertEquals(3, o.integer("npeakstorefine"));
        assertEquals("hac", o.string("refgenmethod"));
        assertTrue(o.flag("weighbyscore"));
    }

    @Test
    void anExactNameWinsOverLongerNames() {
        RefineOptions o = RefineOptions.parse("--shrink", "3", "--search=4", "--align=None", "--sym", "c2");
        assertEquals(3, o.integer("shrink"));
        assertEquals(0, o.integer("shrinkfine"));
        assertEquals(4, o.integer("search"));
        assertEquals(2, o.integer("searchfine"));
        assertEquals("None", o.string("align"));
        assertEquals("c2", o.string("sym"));
        assertEquals("", o.string("syms"));
    }

    @Test
    void anAmbiguousPrefixListsTheCandidates() {
        UsageException e = bad("--shr", "2");
        assertEquals("ambiguous option: --shr could match --shrink, --shrinkfine", e.getMessage());
        assertTrue(bad("--ver").getMessage().contains("--verbose, --version"), "built-in options share the prefix space");
    }

    @Test
    void unknownOptionsAndBadValuesNameTheOption() {
        assertEquals("unrecognized arguments: --nosuch", bad("--nosuch").getMessage());
        assertEquals("unrecognized arguments: -x", bad("-x").getMessage());
        assertEquals("argument --nref: invalid int value: '2.5'", bad("--nref=2.5").getMessage());
        assertEquals("argument --keep: invalid float value: 'half'", bad("--keep", "half").getMessage());
        assertEquals("argument --iter: expected one argument", bad("--iter").getMessage());
        assertEquals("argument --iter: expected one argument", bad("--iter", "--nref", "2").getMessage());
        assertEquals("argument --saveali: ignored explicit argument 'yes'", bad("--saveali=yes").getMessage());
        assertTrue(bad("-v", "high").getMessage().startsWith("argument --verbose/-v: invalid int value"));
    }

    @Test
    void numbersParseLikePython() {
        RefineOptions o = RefineOptions.parse("--nref", " 0_4 ", "--search", "-1", "--keep=.5", "--radius", "1e2", "--apix=+2.", "--shrink=+2");
        assertEquals(4, o.integer("nref"));
        assertEquals(-1, o.integer("search"), "a negative number is a value, not an option");
        assertEquals(0.5, o.real("keep"));
        assertEquals(100.0, o.real("radius"));
        assertEquals(2.0, o.real("apix"));
        assertEquals(2, o.integer("shrink"));
        assertEquals(Double.POSITIVE_INFINITY, RefineOptions.parse("--keep=inf").real("keep"));
        bad("--keep=1.0f");
        bad("--nref=1_");
        bad("--nref=0x10");
    }

    @Test
    void procfinelikecoarseParsesBooleans() {
        for (String f : new String[] {"false", "False", "FALSE", "0", "no", "NO"}) {
            assertFalse(RefineOptions.parse("--procfinelikecoarse=" + f).flag("procfinelikecoarse"), f);
            assertFalse(RefineOptions.parse("--procfinelikecoarse", f).flag("procfinelikecoarse"), f);
        }
        for (String t : new String[] {"true", "True", "1", "yes", "YES"}) assertTrue(RefineOptions.parse("--procfinelikecoarse=" + t).flag("procfinelikecoarse"), t);
        RefineOptions bare = RefineOptions.parse("--procfinelikecoarse", "--nref", "4");
        assertTrue(bare.flag("procfinelikecoarse"));
        assertEquals(4, bare.integer("nref"));
        assertTrue(bad("--procfinelikecoarse=maybe").getMessage().startsWith("argument --procfinelikecoarse: invalid bool value: 'maybe'"));
    }

    @Test
    void verboseShortAndLongForms() {
        assertEquals(3, RefineOptions.parse("-v", "3").integer("verbose"));
        assertEquals(4, RefineOptions.parse("-v4").integer("verbose"));
        assertEquals(5, RefineOptions.parse("--verbose=5").integer("verbose"));
        assertEquals(6, RefineOptions.parse("--verb", "6").integer("verbose"));
    }

    @Test
    void positionalArgumentsAreKeptAside() {
        RefineOptions o = RefineOptions.parse("stack.hdf", "--nref=2", "-", "--", "--iter=3");
        assertEquals(List.of("stack.hdf", "-", "--iter=3"), o.positionals());
        assertEquals(1, o.integer("iter"));
        assertEquals(List.of("stack.hdf", "--nref=2", "-", "--", "--iter=3"), o.argv());
    }

    @Test
    void builtInActions() {
        assertEquals(ArgParser.Action.HELP, RefineOptions.parse("--input=x", "-h").action());
        assertEquals(ArgParser.Action.HELP, RefineOptions.parse("--he").action());
        assertEquals(ArgParser.Action.VERSION, RefineOptions.parse("--version").action());
        assertEquals(ArgParser.Action.GENERATE_DOC, RefineOptions.parse("--gen").action());
    }

    @Test
    void helpListsEveryOptionWithTypeAndDefault() {
        String h = RefineOptions.helpText();
        for (OptionDef d : RefineOptionTable.OPTIONS) {
            assertTrue(h.contains("--" + d.name()), d.name());
            assertTrue(h.contains("(" + d.type().docWord() + ", default " + d.defaultText() + ") " + d.description()), d.name());
        }
        assertTrue(h.contains("(string, default rotate_translate_3d_tree)"));
        assertTrue(h.contains("-v, --verbose"));
    }

    @Test
    void generateDocIsEman2WikiTable() {
        List<String> lines = RefineOptions.generateDoc().lines().toList();
        assertEquals("||option||type||description||", lines.get(0));
        assertEquals(RefineOptionTable.OPTIONS.size() + 1, lines.size());
        for (int i = 1; i < lines.size(); i++) assertTrue(lines.get(i).matches("\\|\\|--[a-z0-9]+\\|\\|(string|int|float|bool)\\|\\|[^|]+\\|\\|"), lines.get(i));
        assertTrue(lines.contains("||--nref||int||" + RefineOptionTable.get("nref").description() + "||"));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("||--keep||float||")));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("||--saveali||bool||")));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("||--align||string||")));
    }

    /** EMAN2's options of e2spt_refinemulti.py. */
    private static final List<String> EMAN2_OPTIONS = List.of(("input ref nref refgenmethod subset4ref subset apix path syms output classmx refpreprocess refrandphase "
            + "hacref ssaref btref radius iter savesteps saveali saveallalign sym mask maskfile normproc threshold preprocess "
            + "preprocessfine lowpass lowpassfine highpass highpassfine postprocess procfinelikecoarse npeakstorefine align "
            + "aligncmp falign faligncmp averager keep keepsig inixforms breaksym randomizewedge savepreproc autocenter "
            + "autocentermask autocenterpreprocess shrink shrinkfine search searchfine parallel ppid verbose plots "
            + "notmatchimgs preavgproc1 preavgproc2 weighbytiltaxis weighbyscore clip precision tweak").split(" "));

    @Test
    void tableHasEveryEman2OptionOnce() {
        List<String> names = RefineOptionTable.OPTIONS.stream().map(OptionDef::name).toList();
        assertEquals(names.size(), names.stream().distinct().count());
        for (String n : EMAN2_OPTIONS) assertTrue(names.contains(n), n);
    }

    /**
     * jspt's own options (--seed, --weights, --grouping, --focusmask, …) must not take a prefix away from EMAN2:
     * the shortest prefix that names an option uniquely among EMAN2's options still names it in jspt.
     */
    @Test
    void jsptOptionsKeepEveryEman2UniquePrefix() {
        List<String> space = new java.util.ArrayList<>(EMAN2_OPTIONS);
        space.addAll(List.of("help", "version")); // argparse's own
        for (String n : EMAN2_OPTIONS) {
            String prefix = null;
            for (int len = 1; len <= n.length() && prefix == null; len++) {
                String p = n.substring(0, len);
                if (p.equals(n) || space.stream().filter(o -> o.startsWith(p)).count() == 1) prefix = p;
            }
            boolean flag = RefineOptionTable.get(n).type() == OptionType.FLAG;
            RefineOptions given = flag ? RefineOptions.parse("--" + prefix) : RefineOptions.parse("--" + prefix + "=1");
            assertTrue(given.isGiven(n), "--" + prefix + " must still mean --" + n);
        }
        RefineOptions f = RefineOptions.parse("--focus", "1,2,3,4");
        assertEquals("1,2,3,4", f.string("focusmask"));
    }
}

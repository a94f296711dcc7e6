package org.jspt.refine.options;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class AlignerStringsTest {
    @Test
    void searchIsAppendedToRotateTranslate3dWithoutOne() {
        assertEquals(new AlignerStrings.Edited("rotate_translate_3d:delta=12:dphi=12:search=5", 5),
                AlignerStrings.reconcileSearch("rotate_translate_3d:delta=12:dphi=12", 5));
        assertEquals("rotate_translate_3d:delta=12:search=8", AlignerStrings.reconcileSearch("rotate_translate_3d:delta=12", 8).text());
        assertEquals("rotate_translate_3d:delta=12", AlignerStrings.reconcileSearch("rotate_translate_3d:delta=12", 0).text(),
                "--search 0 appends nothing");
    }

    @Test
    void aNonDefaultSearchReplacesTheValueInPlaceKeepingEveryOtherParameter() {
        // EMAN2 kept only the last key=value after search (dropping delta=12 here); jspt keeps all.
        AlignerStrings.Edited e = AlignerStrings.reconcileSearch("rotate_translate_3d:search=3:delta=12:dphi=10:sym=c2", 6);
        assertEquals("rotate_translate_3d:search=6:delta=12:dphi=10:sym=c2", e.text());
        assertEquals(6, e.search());
    }

    @Test
    void theDefaultSearchLetsTheStringWinAndTakesItsValue() {
        AlignerStrings.Edited e = AlignerStrings.reconcileSearch("rotate_translate_3d:delta=12:search=3:dphi=12", 8);
        assertEquals("rotate_translate_3d:delta=12:search=3:dphi=12", e.text());
        assertEquals(3, e.search());
        assertThrows(IllegalArgumentException.class, () -> AlignerStrings.reconcileSearch("rotate_translate_3d:search=x", 8));
    }

    @Test
    void treeAndOtherAlignersAreLeftAlone() {
        assertEquals(new AlignerStrings.Edited("rotate_translate_3d_tree", 5), AlignerStrings.reconcileSearch("rotate_translate_3d_tree", 5));
        assertEquals("rotate_translate_3d:searchx=2", AlignerStrings.reconcileSearch("rotate_translate_3d:searchx=2", 5).text(),
                "search cannot be combined with searchx/y/z");
        assertEquals("None", AlignerStrings.reconcileSearch("None", 5).text());
        assertTrue(AlignerStrings.isTree("rotate_translate_3d_tree:sym=c2"));
        assertFalse(AlignerStrings.isTree("rotate_translate_3d"));
    }

    @Test
    void fineSearchRules() {
        assertEquals(new AlignerStrings.Edited("refine_3d_grid:delta=3:range=12:search=2", 2),
                AlignerStrings.reconcileSearchFine("refine_3d_grid:delta=3:range=12", 2));
        assertEquals(new AlignerStrings.Edited("refine_3d_grid:delta=3:search=4:range=12", 4),
                AlignerStrings.reconcileSearchFine("refine_3d_grid:delta=3:search=1:range=12", 4));
        assertEquals(new AlignerStrings.Edited("refine_3d_grid:search=1:delta=3", 1),
                AlignerStrings.reconcileSearchFine("refine_3d_grid:search=1:delta=3", 2));
        assertEquals(new AlignerStrings.Edited("", 2), AlignerStrings.reconcileSearchFine("", 2));
    }

    @Test
    void symIsAppendedToRotateAlignersOnly() {
        assertEquals("rotate_translate_3d_tree:sym=d7", AlignerStrings.withSym("rotate_translate_3d_tree", "d7"));
        assertEquals("rotate_translate_3d:delta=10:sym=c4", AlignerStrings.withSym("rotate_translate_3d:delta=10", "c4"));
        assertEquals("rotate_translate_3d:sym=c2", AlignerStrings.withSym("rotate_translate_3d:sym=c2", "c4"), "a given sym wins");
        assertEquals("rotate_translate_3d_tree", AlignerStrings.withSym("rotate_translate_3d_tree", "c1"));
        assertEquals("rotate_translate_3d_tree", AlignerStrings.withSym("rotate_translate_3d_tree", "C1"));
        assertEquals("rotate_translate_3d_grid:daz=5", AlignerStrings.withSym("rotate_translate_3d_grid:daz=5", "c4"));
        assertEquals("refine_3d_grid", AlignerStrings.withSym("refine_3d_grid", "c4"));
        assertEquals("None", AlignerStrings.withSym("None", "c4"));
    }

    @Test
    void gridAlignerWithAnEmptyRangeIsRejected() {
        assertEquals(1, AlignerStrings.gridRangeProblems("rotate_translate_3d_grid:alt0=10:alt1=10.0").size());
        assertEquals(2, AlignerStrings.gridRangeProblems("rotate_translate_3d_grid:phi0=1:phi1=1:az0=0:az1=0").size());
        assertTrue(AlignerStrings.gridRangeProblems("rotate_translate_3d_grid:alt0=0:alt1=10").isEmpty());
        assertTrue(AlignerStrings.gridRangeProblems("rotate_translate_3d_grid:alt1=10").isEmpty());
    }

    @Test
    void radiusExampleOfTheSpec() {
        // docs/reference/refinemulti.md §6.3: r = 100 Å, apix 4, no shrink, precision 1 → fine 2.29°, range 4.59°, coarse 4.07°
        AlignerStrings.RadiusSteps s = AlignerStrings.radiusSteps(100, 4, 64, 0, 0, 1, 8, 2);
        assertEquals(2.29, s.fineStep(), 1e-12);
        assertEquals(4.59, s.range(), 1e-12);
        assertEquals(4.07, s.coarseStep(), 1e-12);
        assertEquals("rotate_translate_3d:search=8:delta=4.07:dphi=4.07", s.coarseAligner());
        assertEquals("refine_3d_grid:range=4.59:delta=2.29:search=2", s.fineAligner());
    }

    @Test
    void radiusUsesTheShrunkPixelSizeAndPrecision() {
        // shrink 2: coarse pixel 8 Å → 1-px step 360/(2π·12.5) = 4.58°, which beats angDist/2.25 = 4.07
        AlignerStrings.RadiusSteps s = AlignerStrings.radiusSteps(100, 4, 64, 2, 0, 1, 8, 2);
        assertEquals(4.58, s.coarseStep(), 1e-12);
        assertEquals(2.29, s.fineStep(), 1e-12);
        AlignerStrings.RadiusSteps p = AlignerStrings.radiusSteps(100, 4, 64, 0, 0, 2, 8, 2);
        assertEquals(4.58, p.fineStep(), 1e-12);
        // searchC: > 1 kept as given; 0 and 1 kept; negative → N/2 − 2, divided by the shrink
        assertEquals(0, AlignerStrings.radiusSteps(100, 4, 64, 0, 0, 1, 0, 2).searchCoarse());
        assertEquals(1, AlignerStrings.radiusSteps(100, 4, 64, 0, 0, 1, 1, 2).searchCoarse());
        assertEquals(30, AlignerStrings.radiusSteps(100, 4, 64, 0, 0, 1, -1, 2).searchCoarse());
        assertEquals(15, AlignerStrings.radiusSteps(100, 4, 64, 2, 0, 1, -1, 2).searchCoarse());
        assertEquals(12, AlignerStrings.radiusSteps(100, 4, 64, 2, 0, 1, 12, 2).searchCoarse());
    }

    @Test
    void parallelForms() {
        assertEquals(Parallelism.threads(4), Parallelism.parse("thread:4"));
        assertEquals(Parallelism.threads(1), Parallelism.parse("None"));
        assertEquals(Parallelism.threads(1), Parallelism.parse("none"));
        assertEquals("local[2]", Parallelism.parse("spark:local[2]").sparkMaster());
        assertEquals(Parallelism.Kind.SPARK, Parallelism.parse("spark:spark://node7:7077").kind());
        assertEquals("spark:local[*]", Parallelism.parse("spark:local[*]").toString());
        for (String bad : new String[] {"thread:0", "thread:", "thread:x", "mpi:4", "spark:", "spark:local[0]", "spark:yarn", "4", ""}) {
            assertThrows(IllegalArgumentException.class, () -> Parallelism.parse(bad), bad);
        }
    }
}

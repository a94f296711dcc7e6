package org.jspt.align;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.jspt.geom.OrientationGenerator;
import org.jspt.geom.Symmetry;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.junit.jupiter.api.Test;

/** Aligner behaviour beyond the contract: EMAN2's scores, symmetry, parameters, the ssa method's aligner. */
class AlignerBehaviourTest {
    static final Transform P = Transform.eman(60, 30, 90, 1, -2, 1);

    @Test
    void rotateTranslate3dScoresAsEman2ForCccCccTomoAndCccTomoThresh() {
        Volume ref = AlignTestData.phantom(24, 11), particle = AlignTestData.moved(ref, P);
        Aligner a = AlignTestSupport.build("rotate_translate_3d:delta=30:dphi=30:search=3");

        AlignResult ccc = a.alignBest(particle, ref, new Ccc(null, true));
        assertEquals(-1.0, ccc.score(), 1e-4, "the verified example scores −1");

        // ccc.tomo: score = −(normalised ccf of the rotated reference against the particle) at its peak
        AlignResult tomo = a.alignBest(particle, ref, new CccTomo(true, null));
        assertTrue(Transform.angleBetween(tomo.xform(), P.inverse()) < 0.01);
        assertTrue(tomo.xform().approxEquals(P.inverse(), 1e-4), tomo.xform().toString());
        Volume rotated = AlignTestData.moved(ref, P.rotationOnly());
        Volume cf = Ccf.compute(rotated, particle);
        Ccf.normalize(cf);
        int[] p = Ccf.maxLocationWrap(cf, 3, 3, 3);
        assertArrayEquals(new int[] {-1, 2, -1}, p);
        assertEquals(-Ccf.at(cf, p[0], p[1], p[2]), tomo.score(), 1e-5);

        // ccc.tomo.thresh: the score is cmp(particle, reference transformed by T), T = result⁻¹
        CccTomoThresh th = new CccTomoThresh();
        AlignResult thr = a.alignBest(particle, ref, th);
        assertTrue(thr.xform().approxEquals(P.inverse(), 1e-4));
        assertEquals(th.compare(particle, AlignTestData.moved(ref, thr.xform().inverse())), thr.score(), 1e-6);
        assertTrue(thr.coverage() > 0 && thr.coverage() <= 1, "coverage " + thr.coverage());
    }

    @Test
    void symmetryRestrictsTheSearchAndTheResultIsTheTruthUpToAnOperator() {
        Volume ref = AlignTestData.symmetric(24, 21, "c4");
        Transform pose = Transform.eman(180, 30, 60, 1, 0, -1); // ≡ Euler(0, 30, 60) under c4
        Volume particle = AlignTestData.moved(ref, pose);
        RotateTranslate3d a = (RotateTranslate3d) AlignTestSupport.build("rotate_translate_3d:sym=c4:delta=30:dphi=30");
        RotateTranslate3d c1 = (RotateTranslate3d) AlignTestSupport.build("rotate_translate_3d:delta=30:dphi=30");
        assertTrue(a.directions().size() * 3 < c1.directions().size(), a.directions().size() + " vs " + c1.directions().size());
        AlignResult best = a.alignBest(particle, ref, new Ccc(null, true));
        double bestErr = Double.MAX_VALUE;
        for (Transform g : Symmetry.parse("c4").operators()) {
            Transform truth = pose.compose(g).inverse();
            if (best.xform().approxEquals(truth, 1e-3)) bestErr = 0;
            bestErr = Math.min(bestErr, Transform.angleBetween(best.xform(), truth));
        }
        assertTrue(bestErr < 0.01, "no c4 operator makes " + best.xform() + " the truth; closest " + bestErr + "°");
        // the particle moved by the result is the reference
        assertTrue(new Ccc(null, true).compare(ref, AlignTestData.moved(particle, best.xform())) < -0.95);
    }

    @Test
    void parametersAreValidatedAsInEman2() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AlignTestSupport.build("rotate_translate_3d:search=3:searchx=2"));
        assertTrue(e.getMessage().contains("search"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AlignTestSupport.build("rotate_translate_3d:orientgen=saff"));
        assertTrue(e.getMessage().contains("saff") && e.getMessage().contains("eman"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AlignTestSupport.build("rotate_translate_3d:delta=10:n=100"));
        e = assertThrows(IllegalArgumentException.class, () -> AlignTestSupport.build("rotate_translate_3d:maxshift=3"));
        assertTrue(e.getMessage().contains("searchx") && e.getMessage().contains("dphi"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AlignTestSupport.build("refine_3d_grid:sym=c2"));
        assertThrows(IllegalArgumentException.class, () -> AlignTestSupport.build("rotate_translate_3d_grid:search=2:searchz=1"));
        assertThrows(IllegalArgumentException.class, () -> AlignTestSupport.build("translational:search=2"));
        assertThrows(IllegalArgumentException.class, () -> AlignTestSupport.build("nosuchaligner"));
        // n instead of delta: EMAN2's c1, δ = 30 gives 49 directions
        RotateTranslate3d byN = (RotateTranslate3d) AlignTestSupport.build("rotate_translate_3d:n=49");
        assertEquals(49, byN.directions().size());
        assertEquals(new OrientationGenerator(30, 0, true).directions(Symmetry.parse("c1")).size(), 49);
        assertEquals(36, ((RotateTranslate3d) AlignTestSupport.build("rotate_translate_3d:phi0=0:phi1=360:dphi=10")).phis().size());
    }

    @Test
    void translationalClampsToMaxshiftAndCentresWithoutAReference() {
        Volume ref = AlignTestData.phantom(24, 14);
        Volume particle = VolumeTransforms.translateInt(ref, 2, -3, 1);
        AlignResult r = AlignTestSupport.build("translational:maxshift=2").alignBest(particle, ref, null);
        assertArrayEquals(new double[] {-2, 2, -1}, r.xform().translation(), "maxshift=2 clamps the window");
        Volume blob = Volume.cube(24);
        AlignTestData.addBlob(blob, 12 + 2, 12 - 3, 12 + 1, 2, 1);
        AlignResult c = ((Translational) AlignTestSupport.build("translational")).selfCentre(blob);
        assertArrayEquals(new double[] {-2, 3, -1}, c.xform().translation());
    }

    @Test
    void symalignquatPutsTheSymmetryAxisBackOnZ() {
        Volume sym = AlignTestData.symmetric(24, 31, "c4");
        Transform m = Transform.eman(0, 8, 0, 1, 0, 0); // tilt the c4 axis by 8° and shift by 1 px
        Volume particle = AlignTestData.moved(sym, m);
        AlignResult r = AlignTestSupport.build("symalignquat:sym=c4:maxiter=300").alignBest(particle, null, new Ccc(null, true));
        Transform total = r.xform().compose(m);
        double[] z = {0, 0, 1};
        total.rotate(z, z);
        assertTrue(Math.abs(z[2]) > Math.cos(Math.toRadians(1.5)), "axis after alignment " + java.util.Arrays.toString(z) + ", " + r.xform());
        assertTrue(Math.hypot(total.tx(), total.ty()) < 0.5, "residual shift " + total);
        double before = new Ccc(null, true).compare(particle, new org.jspt.proc.xform.ApplySym(Symmetry.parse("c4")).apply(particle));
        assertTrue(r.score() < before, "score " + r.score() + " vs unaligned " + before);
    }

    @Test
    void alignmentsBuildFromStringsAndRefineFromTheCoarseSolution() {
        Aligner a = Alignments.aligner("rotate_translate_3d:delta=30:dphi=30", "c4", null);
        assertEquals(((RotateTranslate3d) AlignTestSupport.build("rotate_translate_3d:sym=c4:delta=30")).directions().size(),
                ((RotateTranslate3d) a).directions().size());
        assertNull(Alignments.aligner("none", "c4", null));
        assertEquals("ccc.tomo.thresh", Alignments.comparator(null, null).name());
        Volume ref = AlignTestData.phantom(24, 11), particle = AlignTestData.moved(ref, P);
        Alignments.Outcome o = Alignments.align(particle, ref, AlignTestSupport.build("rotate_translate_3d:delta=30:dphi=30"),
                Alignments.comparator("ccc", null), Alignments.aligner("refine_3d_grid:delta=3:range=3", null, null), null);
        assertNotNull(o.fine());
        // NB: the refinement moves the particle (a second interpolation), so it scores a little below the coarse −1
        assertTrue(o.fine().score() < -0.97, "refined score " + o.fine().score());
        assertTrue(Transform.angleBetween(o.fine().xform(), P.inverse()) < 0.01, o.fine().toString());
        assertTrue(Transform.angleBetween(o.best().xform(), P.inverse()) < 0.01);
        List<AlignResult> three = a.align(particle, ref, new Ccc(null, true), 3);
        assertEquals(3, three.size());
    }
}

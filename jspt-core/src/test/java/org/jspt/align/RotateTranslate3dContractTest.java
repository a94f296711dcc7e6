package org.jspt.align;

import org.jspt.geom.Transform;
import org.jspt.image.Volume;

/** Spec §7.2's verified example: particle = P(reference), P = Euler(60, 30, 90) + (1, −2, 1); best = P⁻¹. */
class RotateTranslate3dContractTest extends AlignerContractTest {
    static final Transform P = Transform.eman(60, 30, 90, 1, -2, 1);

    @Override Aligner aligner() { return AlignTestSupport.build("rotate_translate_3d:delta=30:dphi=30:search=3"); }

    @Override Case makeCase() {
        Volume ref = AlignTestData.phantom(24, 11);
        return new Case(AlignTestData.moved(ref, P), ref, P.inverse(), new Ccc(null, true), 0.01, 0.01);
    }
}

package org.jspt.align;

import org.jspt.geom.Transform;
import org.jspt.image.Volume;

/** The particle moves: particle = T⁻¹(reference) with T on the grid and an integer shift; the result is T itself. */
class RotateTranslate3dGridContractTest extends AlignerContractTest {
    static final Transform T = Transform.translation(1, -1, 2).compose(Transform.eman(30, 30, 60));

    @Override Aligner aligner() {
        return AlignTestSupport.build("rotate_translate_3d_grid:alt0=0:alt1=60:dalt=30:daz=30:dphi=30:searchx=3:searchy=3:searchz=3");
    }

    @Override Case makeCase() {
        Volume ref = AlignTestData.phantom(24, 12);
        return new Case(AlignTestData.moved(ref, T.inverse()), ref, T, new Ccc(null, true), 0.01, 0.01);
    }
}

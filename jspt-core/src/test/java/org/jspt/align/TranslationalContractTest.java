package org.jspt.align;

import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;

/** Spec §7.7's verified example: particle = reference shifted by (2, −3, 1) gives the translation (−2, 3, −1). */
class TranslationalContractTest extends AlignerContractTest {
    @Override Aligner aligner() { return AlignTestSupport.build("translational"); }

    @Override Case makeCase() {
        Volume ref = AlignTestData.phantom(24, 14);
        return new Case(VolumeTransforms.translateInt(ref, 2, -3, 1), ref, Transform.translation(-2, 3, -1),
                new Ccc(null, true), 0, 1e-9);
    }
}

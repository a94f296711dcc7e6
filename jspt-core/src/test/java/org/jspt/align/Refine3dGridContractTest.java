package org.jspt.align;

import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.proc.ProcessorSpec;

/** Local search with ccc.tomo.thresh: the start is one local grid rotation away from the truth. */
class Refine3dGridContractTest extends AlignerContractTest {
    static final String SPEC = "refine_3d_grid:delta=2:range=4:search=3";
    static final Transform T = Transform.translation(-1, 2, 0).compose(Transform.eman(40, 50, 70));
    static final Transform LOCAL = ((Refine3dGrid) AlignTestSupport.build(SPEC)).localRotations().get(13); // alt 2°, az ≈ 57°
    static final Transform START = LOCAL.inverse().compose(T.rotationOnly());

    @Override Aligner aligner() {
        return AlignRegistry.aligners().create(ProcessorSpec.parse(SPEC).orElseThrow().with("xform.align3d", START), null);
    }

    @Override Case makeCase() {
        Volume ref = AlignTestData.phantom(24, 13);
        return new Case(AlignTestData.moved(ref, T.inverse()), ref, T, new CccTomoThresh(), 0.01, 0.01);
    }
}

package org.jspt.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspt.align.AlignRegistry;
import org.jspt.align.AlignResult;
import org.jspt.align.FourierComparator;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.proc.ProcessorSpec;
import org.junit.jupiter.api.Test;

/**
 * --align None transforms each reference once per iteration ({@link IdentitySearch}); its scores must be
 * those of {@link IdentityAligner}, which transforms both volumes for every pair, to the bit.
 */
class IdentitySearchTest {
    private static Volume noisyBlob(int n, long seed, double cx) {
        Random r = new Random(seed);
        Volume v = Volume.cube(n);
        for (int z = 0; z < n; z++) for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
            double dx = x - n / 2 - cx, dy = y - n / 2, dz = z - n / 2;
            v.data[v.index(x, y, z)] = (float) (Math.exp(-(dx * dx + dy * dy + dz * dz) / 8) + 0.3 * r.nextGaussian());
        }
        return v.setApix(4.0);
    }

    @Test
    void scoresAreThoseOfTheIdentityAlignerBitForBit() {
        List<Volume> refs = List.of(noisyBlob(16, 1, 0), noisyBlob(16, 2, 2), noisyBlob(16, 3, -3));
        for (String c : List.of("ccc.tomo.thresh", "ccc.tomo.thresh:sigmaimg=0.8:sigmawith=0.2", "ccc.tomo", "fsc.tomo.auto")) {
            FourierComparator cmp = (FourierComparator) AlignRegistry.comparators().create(ProcessorSpec.parse(c).orElseThrow(), null);
            IdentitySearch search = new IdentitySearch(refs, cmp);
            assertEquals(3, search.size());
            for (int p = 0; p < 4; p++) {
                Volume particle = noisyBlob(16, 10 + p, p - 2);
                List<List<AlignResult>> got = search.align(particle, 1);
                for (int k = 0; k < refs.size(); k++) {
                    AlignResult want = new IdentityAligner().align(particle, refs.get(k), cmp, 1).get(0);
                    assertEquals(1, got.get(k).size());
                    assertEquals(Double.doubleToRawLongBits(want.score()), Double.doubleToRawLongBits(got.get(k).get(0).score()),
                            c + ", particle " + p + ", reference " + k);
                    assertSame(Transform.identity(), got.get(k).get(0).xform());
                }
            }
        }
    }

    @Test
    void theRunsAlignmentToolsUseItForAlignNoneOnly() {
        List<Volume> refs = List.of(noisyBlob(16, 1, 0), noisyBlob(16, 2, 2));
        ProcessorSpec cmp = ProcessorSpec.parse("ccc.tomo.thresh").orElseThrow();
        List<ProcessorSpec> none = new ArrayList<>();
        none.add(null);
        none.add(null);
        AlignmentConfig allNone = new AlignmentConfig(PreprocessChain.Settings.none(), null, false, none, cmp, null, cmp, 1, false, 1);
        assertEquals(IdentitySearch.class, new AlignmentTools(allNone, 16).stages(refs, true, 1).coarse().getClass());
        List<ProcessorSpec> mixed = new ArrayList<>(none);
        mixed.set(1, ProcessorSpec.parse("rotate_translate_3d:search=1:delta=90:dphi=90").orElseThrow());
        AlignmentConfig oneSearched = new AlignmentConfig(PreprocessChain.Settings.none(), null, false, mixed, cmp, null, cmp, 1, false, 1);
        assertEquals(false, new AlignmentTools(oneSearched, 16).stages(refs, true, 1).coarse() instanceof IdentitySearch);
    }
}

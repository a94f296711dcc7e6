package org.jspt.refine;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspt.align.AlignResult;
import org.jspt.average.Averagers;
import org.jspt.exec.ThreadExecutor;
import org.jspt.geom.Transform;
import org.jspt.image.CrossCorrelation;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.sim.ClassSource;
import org.jspt.sim.SimulationParams;
import org.jspt.sim.Simulator;
import org.junit.jupiter.api.Test;

/** The bt and hac bookkeeping, checked with an oracle aligner that knows every volume's true frame. */
class ReferenceBuilderTest {
    /** Each volume carries its pose in the header; the oracle returns pose_fixed · pose_moving⁻¹. */
    private static final PairAligner ORACLE = (moving, fixed) -> new AlignResult(
            fixed.header().getTransform("test.pose").compose(moving.header().getTransform("test.pose").inverse()),
            -CrossCorrelation.pearson(fixed, VolumeTransforms.apply(moving,
                    fixed.header().getTransform("test.pose").compose(moving.header().getTransform("test.pose").inverse()))));

    private static List<Volume> particles(Simulator sim, int n) {
        List<Volume> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Volume v = sim.particle(i);
            v.header().put("test.pose", sim.truth().get(i).pose());
            l.add(v);
        }
        return l;
    }

    @Test
    void binaryTreeAndHacAverageEveryParticleInTheFirstOnesFrame() {
        int box = 32;
        Simulator sim = new Simulator(List.of(ClassSource.phantom("snowman", box, 4)), new SimulationParams(box, 4, 12, 0.5, 60, 2, 41, 8));
        List<Volume> raw = particles(sim, 8);
        Volume expected = VolumeTransforms.apply(sim.truthMap(0), sim.truth().get(0).pose());
        try (ThreadExecutor ex = new ThreadExecutor(2)) {
            ReferenceBuilder b = new ReferenceBuilder(Averagers.parse("mean.tomo"), ORACLE, UnaryOperator.identity(), ex);
            Volume bt = b.binaryTree(raw);
            double ccBt = CrossCorrelation.pearson(bt, expected), ccOne = CrossCorrelation.pearson(raw.get(0), expected);
            assertTrue(ccBt > 0.8 && ccBt > ccOne + 0.2, "bt average of 8 in particle 0's frame: " + ccBt + " (one particle: " + ccOne + ")");
            Volume hac = b.hierarchical(raw.subList(0, 6));
            double ccHac = CrossCorrelation.pearson(hac, VolumeTransforms.apply(sim.truthMap(0), hac.header().getTransform("test.pose")));
            assertTrue(ccHac > 0.75, "hac average in its first member's frame: " + ccHac);
            assertThrows(IllegalArgumentException.class, () -> b.hierarchical(raw.subList(0, 2)));
        }
    }


    // ---- bt depth-first: the same tree as level by level, with O(log m) partial averages ----

    /** Random 12³ volumes, each a noisy blob at its own offset, so the aligner finds a different shift per pair. */
    private static List<Volume> blobs(int m, long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        List<Volume> l = new ArrayList<>();
        int n = 12;
        for (int i = 0; i < m; i++) {
            Volume v = new Volume(n, n, n);
            float[] d = v.data;
            double cx = 6 + rng.nextDouble(-2, 2), cy = 6 + rng.nextDouble(-2, 2), cz = 6 + rng.nextDouble(-2, 2);
            for (int z = 0, j = 0; z < n; z++)
                for (int y = 0; y < n; y++)
                    for (int x = 0; x < n; x++, j++) {
                        double r2 = (x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz);
                        d[j] = (float) (Math.exp(-r2 / 6) + 0.3 * rng.nextGaussian());
                    }
            l.add(v);
        }
        return l;
    }

    /** A real aligner (whole-voxel translation by CCF) that records every (moving, fixed) pair by content. */
    private static PairAligner recording(java.util.Set<String> pairs) {
        org.jspt.align.Aligner t = org.jspt.align.Alignments.aligner("translational", null, null);
        org.jspt.align.Comparator ccc = org.jspt.align.Alignments.comparator("ccc", null);
        return (moving, fixed) -> {
            pairs.add(java.util.Arrays.hashCode(moving.data) + "->" + java.util.Arrays.hashCode(fixed.data));
            return t.align(moving, fixed, ccc, 1).get(0);
        };
    }

    /** The level-by-level bt as it was written before the depth-first one (the oracle). */
    private static Volume levelWise(List<Volume> leaves, PairAligner aligner, org.jspt.average.AveragerFactory averager, UnaryOperator<Volume> centring) {
        List<Volume> cur = leaves;
        while (cur.size() > 1) {
            List<Volume> next = new ArrayList<>();
            for (int j = 0; j < cur.size() / 2; j++) {
                Volume fixed = cur.get(2 * j), moving = cur.get(2 * j + 1);
                AlignResult r = aligner.align(moving, fixed);
                org.jspt.average.Averager a = averager.newAverager();
                a.add(fixed);
                a.add(VolumeTransforms.apply(moving, r.xform()));
                next.add(centring.apply(a.finish()));
            }
            cur = next;
        }
        return cur.get(0);
    }

    @Test
    void depthFirstBinaryTreeMakesTheSamePairsAndTheSameVolumeAsLevelByLevel() {
        UnaryOperator<Volume> centring = v -> { // not linear, so a different grouping of the sums would show
            Volume c = v.copy();
            for (int i = 0; i < c.data.length; i++) c.data[i] = (float) Math.tanh(c.data[i]);
            return c;
        };
        for (String avg : List.of("mean", "mean.tomo")) {
            for (int m : new int[] {1, 2, 8, 64}) { // 64 = four executor chunks: chunk subtrees are merged too
                List<Volume> leaves = blobs(m, 100 + m);
                java.util.Set<String> expectedPairs = java.util.concurrent.ConcurrentHashMap.newKeySet();
                Volume expected = levelWise(leaves, recording(expectedPairs), Averagers.parse(avg), centring);
                for (int threads : new int[] {1, 2}) {
                    java.util.Set<String> pairs = java.util.concurrent.ConcurrentHashMap.newKeySet();
                    try (ThreadExecutor ex = new ThreadExecutor(threads)) {
                        ReferenceBuilder b = new ReferenceBuilder(Averagers.parse(avg), recording(pairs), centring, ex);
                        Volume got = b.binaryTree(m, leaves::get);
                        assertArrayEquals(expected.data, got.data, avg + ", m = " + m + ", " + threads + " threads: voxels differ");
                    }
                    assertEquals(m - 1, pairs.size(), "m − 1 distinct pairs");
                    assertEquals(expectedPairs, pairs, avg + ", m = " + m + ", " + threads + " threads: pairs (moving->fixed)");
                }
            }
        }
    }

    @Test
    void binaryTreeHoldsLogarithmicallyManyPartialAverages() {
        int m = 1024, threads = 2;
        java.util.concurrent.atomic.AtomicInteger live = new java.util.concurrent.atomic.AtomicInteger(), peak = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        // Every leaf read makes one more volume; every pair turns two volumes into one.
        PairAligner counting = (moving, fixed) -> {
            live.decrementAndGet();
            return new AlignResult(Transform.identity(), 0);
        };
        java.util.function.IntFunction<Volume> leaf = i -> {
            reads.incrementAndGet();
            peak.accumulateAndGet(live.incrementAndGet(), Math::max);
            Volume v = new Volume(4, 4, 4);
            v.data[0] = i;
            return v;
        };
        try (ThreadExecutor ex = new ThreadExecutor(threads)) {
            Volume root = new ReferenceBuilder(Averagers.parse("mean"), counting, UnaryOperator.identity(), ex).binaryTree(m, leaf);
            // The mean of the pair means is the mean of 0..m-1.
            assertEquals((m - 1) / 2.0, root.data[0], 1e-3);
        }
        assertEquals(m, reads.get(), "each leaf read once");
        assertEquals(1, live.get(), "one volume left");
        // log2(m) + 1 in the merged counter, plus per in-flight chunk (2 per thread) log2(CHUNK) + 1.
        int bound = 2 * 10 + 2 * threads * (4 + 1) + threads;
        assertTrue(peak.get() <= bound, "at most " + bound + " partial averages alive, saw " + peak.get() + " (level by level holds " + m + ")");
    }

    @Test
    void binaryTreeNeedsAPowerOfTwo() {
        try (ThreadExecutor ex = new ThreadExecutor(1)) {
            ReferenceBuilder b = new ReferenceBuilder(Averagers.parse("mean"), (mv, fx) -> new AlignResult(Transform.identity(), 0), UnaryOperator.identity(), ex);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.binaryTree(6, i -> new Volume(4, 4, 4)));
            assertTrue(e.getMessage().contains("power of 2") && e.getMessage().contains("6"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> b.binaryTree(0, i -> new Volume(4, 4, 4)));
        }
    }

    @Test
    void selfSymmetryStreamsItsParticlesIntoOneSymmetricAverage() {
        int box = 16, m = 20; // two executor chunks: their averagers are merged
        Simulator sim = new Simulator(List.of(ClassSource.phantom("ring", box, 8)), new SimulationParams(box, 8, 20, 2, 90, 1, 7, m));
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        org.jspt.geom.Symmetry c2 = org.jspt.geom.Symmetry.c(2);
        try (ThreadExecutor ex = new ThreadExecutor(2)) {
            ReferenceBuilder b = new ReferenceBuilder(Averagers.parse("mean"), ORACLE, UnaryOperator.identity(), ex);
            Volume avg = b.selfSymmetry(m, i -> {
                reads.incrementAndGet();
                return sim.particle(i);
            }, c2, new PreprocessChain(box, PreprocessChain.Settings.none()), 3);
            assertEquals(m, reads.get(), "each particle read once");
            assertEquals(m, avg.header().getInt("ptcl_repr", 0), "every chunk's averager merged into the result");
            Volume again = new org.jspt.proc.xform.ApplySym(c2).apply(avg);
            assertTrue(CrossCorrelation.pearson(avg, again) > 0.999, "the average is c2-symmetric");
            assertThrows(IllegalArgumentException.class, () -> b.selfSymmetry(m, sim::particle, org.jspt.geom.Symmetry.c(1),
                    new PreprocessChain(box, PreprocessChain.Settings.none()), 3));
        }
    }

    /** Runs everything on the calling thread and joins the chunks of a reduction in an odd grouping, not only left to right. */
    private static final class OddGroupingExecutor implements org.jspt.exec.ParticleExecutor {
        @Override public int parallelism() { return 1; }

        @Override
        public <R> List<R> map(int n, java.util.function.IntFunction<R> f) {
            List<R> out = new ArrayList<>();
            for (int i = 0; i < n; i++) out.add(f.apply(i));
            return out;
        }

        @Override
        public <A> A reduce(int n, java.util.function.Supplier<A> identity, ChunkAccumulator<A> accumulate, java.util.function.BinaryOperator<A> merge) {
            List<A> parts = new ArrayList<>();
            for (int s = 0; s < n; s += CHUNK) {
                A acc = identity.get();
                for (int i = s; i < Math.min(n, s + CHUNK); i++) acc = accumulate.add(acc, i);
                parts.add(acc);
            }
            if (parts.isEmpty()) return identity.get();
            // First c1+c2, c3+c4, … (same-level runs that are not sibling pairs), then c0 + (c1..c2) + … left to right.
            List<A> joined = new ArrayList<>(List.of(parts.get(0)));
            for (int i = 1; i < parts.size(); i += 2) joined.add(i + 1 < parts.size() ? merge.apply(parts.get(i), parts.get(i + 1)) : parts.get(i));
            A acc = joined.get(0);
            for (int i = 1; i < joined.size(); i++) acc = merge.apply(acc, joined.get(i));
            return acc;
        }

        @Override public void close() {}
    }

    @Test
    void binaryTreeIsTheSameWhenTheExecutorJoinsChunksInAnotherGrouping() {
        int m = 128; // 8 chunks of 16 leaves
        List<Volume> leaves = blobs(m, 5);
        java.util.Set<String> expectedPairs = java.util.concurrent.ConcurrentHashMap.newKeySet(), pairs = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Volume expected = levelWise(leaves, recording(expectedPairs), Averagers.parse("mean"), UnaryOperator.identity());
        Volume got = new ReferenceBuilder(Averagers.parse("mean"), recording(pairs), UnaryOperator.identity(), new OddGroupingExecutor())
                .binaryTree(m, leaves::get);
        assertArrayEquals(expected.data, got.data);
        assertEquals(expectedPairs, pairs);
    }
}

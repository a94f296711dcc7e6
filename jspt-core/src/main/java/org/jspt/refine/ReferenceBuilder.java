package org.jspt.refine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import org.jspt.align.AlignRegistry;
import org.jspt.align.AlignResult;
import org.jspt.align.Aligner;
import org.jspt.average.Averager;
import org.jspt.average.AveragerFactory;
import org.jspt.exec.ParticleExecutor;
import org.jspt.geom.Symmetry;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.proc.Processors;
import org.jspt.proc.ProcessorSpec;
import org.jspt.proc.xform.ApplySym;

/**
 * Builds one initial reference from a group of raw particles ({@code docs/reference/refinemulti.md} §5.2.4): binary-tree
 * averaging ({@code bt}), hierarchical all-vs-all merging ({@code hac}) or self-symmetry alignment
 * ({@code ssa}). Volumes are aligned through a {@link PairAligner} (preprocessed copies) and averaged raw.
 *
 * <p>Memory: bt and ssa read their particles on demand and hold O(log m) (bt) or O(threads) (ssa) volumes
 * besides the workers' buffers; hac aligns all against all, so it holds its m particles and the current
 * averages (m = {@code --hacref}, 10 by default).
 */
public final class ReferenceBuilder {
    private final AveragerFactory averager;
    private final PairAligner aligner;
    private final UnaryOperator<Volume> centring; // identity when --autocenter is off
    private final ParticleExecutor executor;

    public ReferenceBuilder(AveragerFactory averager, PairAligner aligner, UnaryOperator<Volume> centring, ParticleExecutor executor) {
        this.averager = averager;
        this.aligner = aligner;
        this.centring = centring;
        this.executor = executor;
    }

    /** bt on volumes already in memory (tests, small groups): {@link #binaryTree(int, IntFunction)} over the list. */
    public Volume binaryTree(List<Volume> level) {
        return binaryTree(level.size(), level::get);
    }

    /**
     * bt: level 0 is the m leaves; at each level, entry j+1 is aligned onto entry j (fixed) and the two averaged
     * into entry j/2 of the next level, until one volume is left (§5.2.4). Evaluated depth-first: a pair is
     * combined as soon as both halves exist (a binary counter of partial averages), so at most about log2(m)
     * partial averages per worker are alive instead of a whole level, and leaves are read only when needed.
     * The pairs, their order (fixed = the earlier half) and therefore the result are exactly those of the
     * level-by-level order. Parallel over fixed chunks of {@link ParticleExecutor#CHUNK} leaves; the chunks'
     * subtrees are merged in index order by the calling thread ({@link ParticleExecutor#reduce}).
     * @param m    number of leaves, a power of 2 (the subset size of §5.2.4 is one)
     * @param leaf reads leaf i, i in [0, m); called once per leaf, from any worker thread
     */
    public Volume binaryTree(int m, IntFunction<Volume> leaf) {
        if (m < 1) throw new IllegalArgumentException("bt: no particles in the group");
        if (Integer.bitCount(m) != 1) throw new IllegalArgumentException("bt: the number of particles must be a power of 2, got " + m);
        if (m == 1) return leaf.apply(0);
        PartialTree t = executor.reduce(m, PartialTree::new, (acc, i) -> acc.push(new TreeNode(0, i, leaf.apply(i)), this::pairAverage),
                (left, right) -> left.append(right, this::pairAverage));
        return t.root();
    }

    /** One bt pair: {@code moving} aligned onto {@code fixed}, averaged with it (fixed untransformed), then centred. */
    private Volume pairAverage(Volume fixed, Volume moving) {
        AlignResult r = aligner.align(moving, fixed);
        Averager a = averager.newAverager();
        a.add(fixed);
        a.add(VolumeTransforms.apply(moving, r.xform()));
        return centring.apply(a.finish());
    }

    /** A complete bt subtree: the average of leaves [start, start + 2^level). */
    private record TreeNode(int level, int start, Volume average) {}

    /**
     * The subtrees of a contiguous run of leaves in leaf order: the binary counter of a depth-first bt. A
     * pushed subtree that completes a sibling pair (same level, the left one starting at a multiple of twice
     * its size) is combined with it at once, repeatedly. Runs may be joined in any grouping (left to right or
     * as a tree), as long as each join is of adjacent runs: the pairs are always those of the level order.
     */
    private static final class PartialTree {
        private final ArrayDeque<TreeNode> stack = new ArrayDeque<>();

        PartialTree push(TreeNode node, BinaryOperator<Volume> combine) {
            TreeNode n = node;
            if (!stack.isEmpty() && stack.peekLast().start() + (1 << stack.peekLast().level()) != n.start()) {
                throw new IllegalStateException("bt: leaves " + n.start() + "… do not follow the run ending at "
                        + (stack.peekLast().start() + (1 << stack.peekLast().level())));
            }
            while (!stack.isEmpty()) {
                TreeNode left = stack.peekLast();
                int size = 1 << n.level();
                if (left.level() != n.level() || left.start() % (2 * size) != 0) break; // not siblings (yet)
                stack.pollLast();
                n = new TreeNode(n.level() + 1, left.start(), combine.apply(left.average(), n.average()));
            }
            stack.addLast(n);
            return this;
        }

        /** Adds the subtrees of the leaves right after this run's. */
        PartialTree append(PartialTree right, BinaryOperator<Volume> combine) {
            for (TreeNode n : right.stack) push(n, combine);
            return this;
        }

        Volume root() {
            if (stack.size() != 1) throw new IllegalStateException("bt: " + stack.size() + " subtrees left, expected 1");
            return stack.peekLast().average();
        }
    }

    /** A volume of the hac tree: its raw members and their accumulated transforms. */
    private record Node(Volume average, List<Integer> members, List<Transform> xforms) {}

    /**
     * hac: rounds of all-vs-all alignment; the best pairs whose members have not appeared earlier in the
     * sorted list are merged (averaging the raw members with their accumulated transforms, then
     * {@code normalize}); stop when one volume is left, no merge happens, or after m − 1 rounds.
     */
    public Volume hierarchical(List<Volume> raw) {
        int m = raw.size();
        if (m < 3) throw new IllegalArgumentException("hac needs at least 3 particles per reference, got " + m);
        List<Node> fresh = new ArrayList<>(), old = new ArrayList<>();
        for (int i = 0; i < m; i++) fresh.add(new Node(raw.get(i), List.of(i), List.of(Transform.identity())));
        record Pair(Node a, Node b, AlignResult r) {}
        List<Pair> pending = new ArrayList<>();
        Volume last = null;
        var normalize = Processors.parse("normalize").orElseThrow();
        for (int round = 0; round < m - 1; round++) {
            List<Node[]> todo = new ArrayList<>();
            for (int i = 0; i < fresh.size(); i++) {
                for (int j = i + 1; j < fresh.size(); j++) todo.add(new Node[] {fresh.get(i), fresh.get(j)});
                for (Node o : old) todo.add(new Node[] {fresh.get(i), o});
            }
            List<AlignResult> rs = executor.map(todo.size(), t -> aligner.align(todo.get(t)[1].average(), todo.get(t)[0].average()));
            for (int t = 0; t < todo.size(); t++) pending.add(new Pair(todo.get(t)[0], todo.get(t)[1], rs.get(t)));
            pending.sort(Comparator.comparingDouble(p -> p.r().score())); // stable: earlier pairs win ties
            Set<Node> tried = identitySet(), gone = identitySet();
            List<Node> merged = new ArrayList<>();
            for (Pair p : pending) {
                boolean free = !tried.contains(p.a()) && !tried.contains(p.b());
                tried.add(p.a());
                tried.add(p.b());
                if (free) {
                    merged.add(merge(p.a(), p.b(), p.r().xform(), raw, normalize));
                    gone.add(p.a());
                    gone.add(p.b());
                }
            }
            if (merged.isEmpty()) break;
            last = merged.get(merged.size() - 1).average();
            List<Node> nextOld = new ArrayList<>();
            for (Node n : fresh) if (!gone.contains(n)) nextOld.add(n);
            for (Node n : old) if (!gone.contains(n)) nextOld.add(n);
            pending.removeIf(p -> gone.contains(p.a()) || gone.contains(p.b())); // pairs still valid carry over
            fresh = merged;
            old = nextOld;
            if (fresh.size() + old.size() <= 1) break;
        }
        return last != null ? last : raw.get(0);
    }

    private static Set<Node> identitySet() { return Collections.newSetFromMap(new IdentityHashMap<>()); }

    private Node merge(Node a, Node b, Transform rab, List<Volume> raw, org.jspt.proc.Processor normalize) {
        Averager avg = averager.newAverager();
        List<Integer> members = new ArrayList<>();
        List<Transform> xf = new ArrayList<>();
        for (int i = 0; i < a.members().size(); i++) {
            members.add(a.members().get(i));
            xf.add(a.xforms().get(i));
        }
        for (int i = 0; i < b.members().size(); i++) {
            members.add(b.members().get(i));
            xf.add(rab.compose(b.xforms().get(i)));
        }
        for (int i = 0; i < members.size(); i++) {
            Transform t = xf.get(i);
            Volume v = raw.get(members.get(i));
            avg.add(t.equals(Transform.identity()) ? v : VolumeTransforms.apply(v, t));
        }
        return new Node(normalize.apply(avg.finish()), members, xf);
    }

    /** ssa on volumes already in memory: {@link #selfSymmetry(int, IntFunction, Symmetry, PreprocessChain, long)} over the list. */
    public Volume selfSymmetry(List<Volume> raw, Symmetry sym, PreprocessChain preprocess, long seed) {
        return selfSymmetry(raw.size(), raw::get, sym, preprocess, seed);
    }

    /**
     * ssa: each particle is aligned to its own symmetrised copy (symalignquat from 10 random starts, the
     * lowest score kept), transformed, symmetrised, and the results averaged. Streams: particles are read
     * when needed and added to per-chunk averagers merged in index order, so memory does not grow with m.
     * @param raw reads raw particle i, i in [0, m), from any worker thread
     * @param preprocess the coarse chain (alignment is done on preprocessed copies)
     */
    public Volume selfSymmetry(int m, IntFunction<Volume> raw, Symmetry sym, PreprocessChain preprocess, long seed) {
        if (sym.order() == 1) throw new IllegalArgumentException("ssa needs a symmetry other than c1 (--sym)");
        if (m < 1) throw new IllegalArgumentException("ssa: no particles in the group");
        double scale = (double) preprocess.clipBox() / preprocess.outputBox();
        ApplySym symmetrise = new ApplySym(sym);
        Averager avg = executor.reduce(m, averager::newAverager, (acc, i) -> {
            Volume r = raw.apply(i);
            Volume v = preprocess.apply(r);
            SplittableRandom rng = new SplittableRandom(seed * 31 + i);
            AlignResult best = null;
            for (int s = 0; s < 10; s++) {
                Transform start = Transform.eman(360 * rng.nextDouble(), Math.toDegrees(Math.acos(2 * rng.nextDouble() - 1)), 360 * rng.nextDouble());
                Aligner a = AlignRegistry.aligners().create(ProcessorSpec.parse("symalignquat:sym=" + sym.name()).orElseThrow()
                        .with("xform.align3d", start), null);
                AlignResult res = a.align(v, v, AlignRegistry.comparators().create(ProcessorSpec.parse("ccc").orElseThrow(), null), 1).get(0);
                if (best == null || res.score() < best.score()) best = res;
            }
            Transform t = best.xform();
            t = t.withTranslation(t.tx() * scale, t.ty() * scale, t.tz() * scale);
            acc.add(symmetrise.apply(VolumeTransforms.apply(r, t)));
            return acc;
        }, (left, right) -> {
            left.merge(right);
            return left;
        });
        return avg.finish();
    }
}

package org.jspt.refine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
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
 * Builds one initial reference from a group of raw particles ({@code refinemulti.md} §5.2.4): binary-tree
 * averaging ({@code bt}), hierarchical all-vs-all merging ({@code hac}) or self-symmetry alignment
 * ({@code ssa}). Volumes are aligned through a {@link PairAligner} (preprocessed copies) and averaged raw.
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

    /** bt: pairs (j, j+1) aligned (j+1 moves onto j) and averaged, level by level, until one volume is left. */
    public Volume binaryTree(List<Volume> level) {
        if (level.isEmpty()) throw new IllegalArgumentException("bt: no particles in the group");
        List<Volume> cur = level;
        while (cur.size() > 1) {
            List<Volume> prev = cur;
            cur = executor.map(prev.size() / 2, j -> {
                Volume fixed = prev.get(2 * j), moving = prev.get(2 * j + 1);
                AlignResult r = aligner.align(moving, fixed);
                Averager a = averager.newAverager();
                a.add(fixed);
                a.add(VolumeTransforms.apply(moving, r.xform()));
                return centring.apply(a.finish());
            });
        }
        return cur.get(0);
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

    /**
     * ssa: each particle is aligned to its own symmetrised copy (symalignquat from 10 random starts, the
     * lowest score kept), transformed, symmetrised, and the results averaged.
     * @param preprocess the coarse chain (alignment is done on preprocessed copies)
     */
    public Volume selfSymmetry(List<Volume> raw, Symmetry sym, PreprocessChain preprocess, long seed) {
        if (sym.order() == 1) throw new IllegalArgumentException("ssa needs a symmetry other than c1 (--sym)");
        double scale = (double) preprocess.clipBox() / preprocess.outputBox();
        ApplySym symmetrise = new ApplySym(sym);
        List<Volume> aligned = executor.map(raw.size(), i -> {
            Volume v = preprocess.apply(raw.get(i));
            SplittableRandom rng = new SplittableRandom(seed * 31 + i);
            AlignResult best = null;
            for (int s = 0; s < 10; s++) {
                Transform start = Transform.eman(360 * rng.nextDouble(), Math.toDegrees(Math.acos(2 * rng.nextDouble() - 1)), 360 * rng.nextDouble());
                Aligner a = AlignRegistry.aligners().create(ProcessorSpec.parse("symalignquat:sym=" + sym.name()).orElseThrow()
                        .with("xform.align3d", start), null);
                AlignResult r = a.align(v, v, AlignRegistry.comparators().create(ProcessorSpec.parse("ccc").orElseThrow(), null), 1).get(0);
                if (best == null || r.score() < best.score()) best = r;
            }
            Transform t = best.xform();
            t = t.withTranslation(t.tx() * scale, t.ty() * scale, t.tz() * scale);
            return symmetrise.apply(VolumeTransforms.apply(raw.get(i), t));
        });
        Averager avg = averager.newAverager();
        for (Volume v : aligned) avg.add(v);
        return avg.finish();
    }
}

package org.jspt.run;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.SplittableRandom;
import org.jspt.align.AlignResult;
import org.jspt.geom.Transform;
import org.jspt.io.eman2.EmanJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-particle run files are streamed, with the bytes of the whole-file writers they replace. */
class StreamedRunFilesTest {
    @TempDir Path tmp;

    private static ParticleParms.Entry entry(int p) {
        SplittableRandom r = new SplittableRandom(p * 7919L + 5);
        return new ParticleParms.Entry("parts.hdf", p, r.nextInt(3), -r.nextDouble(),
                Transform.eman(360 * r.nextDouble(), 180 * r.nextDouble(), 360 * r.nextDouble(), r.nextDouble() * 4 - 2, 0.25, -1.5));
    }

    /** The text of the in-memory writer: every entry in a map, EmanJson sorts the keys. */
    private static String wholeText(List<ParticleParms.Entry> es) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (ParticleParms.Entry e : es) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("class", e.classIndex());
            v.put("score", e.score());
            v.put("xform.align3d", e.xform());
            root.put(ParticleParms.key(e.file(), e.index()), v);
        }
        return EmanJson.toText(root);
    }

    @Test
    void particleParmsAreStreamedInKeyOrderWithTheSameBytes() throws Exception {
        for (int n : new int[] {0, 1, 10, 11, 101, 1234}) {
            List<ParticleParms.Entry> es = new ArrayList<>();
            for (int p = 0; p < n; p++) es.add(entry(p));
            Path f = tmp.resolve("particle_parms_" + n + ".json");
            ParticleParms.write(f, n, es::get);
            assertEquals(wholeText(es), Files.readString(f, StandardCharsets.US_ASCII), n + " particles");
            List<ParticleParms.Entry> shuffled = new ArrayList<>(es);
            Collections.shuffle(shuffled, new java.util.Random(n));
            Path g = tmp.resolve("list_" + n + ".json");
            ParticleParms.write(g, shuffled);
            assertEquals(wholeText(es), Files.readString(g, StandardCharsets.US_ASCII), n + " particles, any order");
            List<ParticleParms.Entry> back = ParticleParms.read(f); // transforms come back rounded to float32
            for (int p = 0; p < n; p++) assertEquals(es.get(p).classIndex(), back.get(p).classIndex(), "particle " + p);
            List<ParticleParms.Entry> streamed = new ArrayList<>(); // the report's reader: file (key) order, same entries
            ParticleParms.forEach(f, streamed::add);
            List<Integer> keyOrder = new ArrayList<>();
            PrimitiveIterator.OfInt it = ParticleParms.keyOrder(n);
            while (it.hasNext()) keyOrder.add(it.nextInt());
            assertEquals(keyOrder, streamed.stream().map(ParticleParms.Entry::index).toList(), n + " particles");
            streamed.sort(java.util.Comparator.comparingInt(ParticleParms.Entry::index));
            assertEquals(back, streamed, n + " particles");
        }
    }

    @Test
    void keyOrderIsTheStringOrderOfTheKeys() {
        for (int n : new int[] {1, 2, 9, 10, 11, 99, 100, 101, 1000, 4321}) {
            List<String> keys = new ArrayList<>();
            for (int p = 0; p < n; p++) keys.add(ParticleParms.key("a.hdf", p));
            Collections.sort(keys);
            PrimitiveIterator.OfInt it = ParticleParms.keyOrder(n);
            for (String k : keys) assertEquals(k, ParticleParms.key("a.hdf", it.nextInt()), n + " particles");
            assertFalse(it.hasNext());
        }
    }

    @Test
    void sptaliIsStreamedWithTheSameBytes() throws Exception {
        RunOutputs out = new RunOutputs(tmp, "parts.hdf", 120, 2, 3);
        AlignResult[][] res = new AlignResult[120][2];
        for (int p = 0; p < 120; p++) if (p % 7 != 3) res[p][1] = new AlignResult(entry(p).xform(), entry(p).score());
        out.writeSptali(0, 1, res);
        Map<String, Object> m = new LinkedHashMap<>();
        for (int p = 0; p < 120; p++) if (res[p][1] != null) m.put(String.format("subtomo_%03d", p), List.of(res[p][1].xform(), res[p][1].score()));
        assertEquals(EmanJson.toText(m), Files.readString(tmp.resolve("sptali_rm_0_1.json"), StandardCharsets.US_ASCII));
    }

    private static Assignment assignment(int n, int shift) {
        AlignResult[][] r = new AlignResult[n][2];
        for (int p = 0; p < n; p++) for (int k = 0; k < 2; k++) r[p][k] = new AlignResult(Transform.identity(), k == (p + shift) % 2 || p % 5 == 0 && k == 0 ? -1 : -0.5);
        return Assignment.classify(r, new boolean[] {true, true});
    }

    @Test
    void membershipIsAppendedAndAResumedRunCutsWhatItRedoes() throws Exception {
        Assignment a0 = assignment(12, 0), a1 = assignment(12, 1), a2 = assignment(12, 0);
        RunOutputs out = new RunOutputs(tmp, "parts.hdf", 12, 2, 3);
        out.appendMembership(0, a0, null, 2);
        out.appendMembership(1, a1, a0, 2);
        Path f = tmp.resolve(RunFileNames.MEMBERSHIP);
        String two = Files.readString(f);
        assertEquals("ITERATION 0\nCLASS 0: 0,2,4,5,6,8,10\nCLASS 1: 1,3,7,9,11\n\nITERATION 1\nCLASS 0: 0,1*,3*,5,7*,9*,10,11*\nCLASS 1: 2*,4*,6*,8*\n", two);
        out.appendMembership(2, a2, a1, 2);
        String three = Files.readString(f);
        assertTrue(three.startsWith(two + "\nITERATION 2\n"), three);
        // A resumed run (new writer) redoing iteration 1 keeps iteration 0 only, then continues.
        RunOutputs resumed = new RunOutputs(tmp, "parts.hdf", 12, 2, 3);
        resumed.appendMembership(1, a1, a0, 2);
        assertEquals(two, Files.readString(f));
        resumed.appendMembership(2, a2, a1, 2);
        assertEquals(three, Files.readString(f));
        // Torn by a crash while appending iteration 2: the separator alone, a torn header, a torn class line.
        for (String torn : new String[] {"\n", "\nITERA", "\nITERATION 2\nCLASS 0: 0,1"}) {
            Files.writeString(f, two + torn);
            new RunOutputs(tmp, "parts.hdf", 12, 2, 3).appendMembership(2, a2, a1, 2);
            assertEquals(three, Files.readString(f), "after " + torn.replace("\n", "\\n"));
        }
    }
}

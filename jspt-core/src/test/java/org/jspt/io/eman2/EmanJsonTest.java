package org.jspt.io.eman2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspt.Fixtures;
import org.jspt.geom.Transform;
import org.jspt.io.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EMAN2 JSON files: exact text (expected strings produced by EMAN2 or by CPython's json + EMAN2's regex). */
class EmanJsonTest {
    @TempDir Path tmp;

    @Test
    void readsTheEman2ExampleAndWritesItBackByteIdentical() throws IOException {
        Path src = Fixtures.eman2("sptali_example.json");
        Map<String, Object> m = EmanJson.read(src);
        assertEquals(List.of("subtomo_0", "subtomo_1", "subtomo_2"), List.copyOf(m.keySet()));
        List<?> rec = (List<?>) m.get("subtomo_1");
        Transform t = assertInstanceOf(Transform.class, rec.get(0));
        assertEquals(-0.6, (Double) rec.get(1), 0);
        assertEquals(1.5, t.tx(), 0);
        assertEquals(0.957331, t.get(0, 0), 0);
        Path out = tmp.resolve("copy.json");
        EmanJson.write(out, m);
        assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(out));
        assertEquals(Files.readString(src), EmanJson.toText(m));
    }

    @Test
    void matrixStringsAsEman2WritesThem() {
        assertEquals("[1,0,0,2.5,0,1,0,-1,0,0,1,0]", EmanJson.matrixString(Transform.translation(2.5, -1, 0)));
        // Built from Euler angles, EMAN2's formula yields negative zeros (−sin(0)·cos(az) etc.); so does ours.
        assertEquals("[1,0,0,2.5,-0,1,0,-1,0,-0,1,0]", EmanJson.matrixString(Transform.eman(0, 0, 0, 2.5, -1, 0)));
        assertEquals("[0.5,0.866025,0,0,-0.866025,0.5,0,0,0,-0,1,0]", EmanJson.matrixString(Transform.eman(60, 0, 0)));
        assertEquals("[0.5,0.866025,0,0,-0.866025,0.5,0,0,0,-0,1,0]", EmanJson.matrixString(Transform.eman(0, 0, 60)));
        assertEquals("[0.5,0.866025,0,0,-0.75,0.433013,0.5,0,0.433013,-0.25,0.866025,0]",
                EmanJson.matrixString(Transform.eman(60, 30, 0)));
        assertEquals("[1,0,0,1.23457,0,1,0,-1.2345e-05,0,0,1,1e+07]",
                EmanJson.matrixString(Transform.translation(1.23456789, -0.000012345, 1e7)));
    }

    @Test
    void transformObjectEncoding() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("xf", Transform.translation(2.5, -1, 0));
        assertEquals("{\n\"xf\": {\n\"__class__\": \"Transform\",\n\"matrix\": \"[1,0,0,2.5,0,1,0,-1,0,0,1,0]\"\n}\n}", EmanJson.toText(m));
    }

    @Test
    void transformMatrixMayBeAnArray() {
        Object v = EmanJson.parseValue("{\"__class__\": \"Transform\", \"matrix\": [1,0,0,3, 0,1,0,0, 0,0,1,-1.5]}");
        assertEquals(Transform.translation(3, 0, -1.5), v);
        assertThrows(IllegalArgumentException.class, () -> EmanJson.parseValue("{\"__class__\": \"Transform\", \"matrix\": [1,0]}"));
        assertThrows(IllegalArgumentException.class, () -> EmanJson.parseValue("{\"__class__\": \"Transform\", \"matrix\": \"[1,0,x]\"}"));
    }

    @Test
    void matrixStringRoundTripKeepsNegativeZero() {
        Transform t = (Transform) EmanJson.parseValue("{\"__class__\": \"Transform\", \"matrix\": \"[0.5,0.866025,0,0,-0.866025,0.5,0,0,0,-0,1,0]\"}");
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(t.get(2, 1)));
        assertEquals("[0.5,0.866025,0,0,-0.866025,0.5,0,0,0,-0,1,0]", EmanJson.matrixString(t));
    }

    @Test
    void nestedArraysFoldUpToTheFirstClosingBracket() {
        Map<String, Object> m = Map.of("a", List.of(List.of(1, 2), List.of(3, 4)));
        assertEquals("{\n\"a\": [[1,2],\n[3,4]\n]\n}", EmanJson.toText(m));
    }

    @Test
    void matchesPythonJsonDumpsWithEman2Folding() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("b", List.of(List.of(1, 2), List.of(3, 4)));
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("z", 1.5);
        a.put("y", List.of(Map.of("k", "v"), 2));
        a.put("x", List.of());
        data.put("a", a);
        data.put("nan", Double.NaN);
        data.put("inf", new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
        data.put("s", "\u00e9\"\\\n\t" + (char) 1 + "~" + (char) 0x7f + new String(Character.toChars(0x1F600)));
        data.put("t", true);
        data.put("n", null);
        data.put("i", -7);
        data.put("big", new BigInteger("12345678901234567890"));
        data.put("e", Map.of());
        data.put("f", List.of(0.1, 1e-05, 100.0, 1e16, -0.0));
        data.put("Z", "[x]");
        // text printed by CPython 3: json.dumps(data, indent=0, sort_keys=True), then EMAN2's re.sub
        String want = String.join("\n",
                "{", "\"Z\": \"[x]\",", "\"a\": {", "\"x\": [],", "\"y\": [", "{", "\"k\": \"v\"", "},", "2", "],", "\"z\": 1.5", "},",
                "\"b\": [[1,2],", "[3,4]", "],", "\"big\": 12345678901234567890,", "\"e\": {},",
                "\"f\": [0.1,1e-05,100.0,1e+16,-0.0],", "\"i\": -7,", "\"inf\": [Infinity,-Infinity],", "\"n\": null,",
                "\"nan\": NaN,", "\"s\": \"\\u00e9\\\"\\\\\\n\\t\\u0001~\\u007f\\ud83d\\ude00\",", "\"t\": true", "}");
        assertEquals(want, EmanJson.toText(data));
    }

    @Test
    void nonFiniteTokensRoundTrip() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0));
        Path f = tmp.resolve("nf.json");
        EmanJson.write(f, m);
        assertEquals("{\n\"x\": [NaN,Infinity,-Infinity,-0.0]\n}", Files.readString(f));
        List<?> back = (List<?>) EmanJson.read(f).get("x");
        assertTrue(Double.isNaN((Double) back.get(0)));
        assertEquals(Double.POSITIVE_INFINITY, back.get(1));
        assertEquals(Double.NEGATIVE_INFINITY, back.get(2));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) back.get(3)));
    }

    @Test
    void float32ScoresPrintAsWidenedDoubles() {
        assertEquals("{\n\"s\": -0.43209999799728394\n}", EmanJson.toText(Map.of("s", -0.4321f)));
    }

    @Test
    void keysSortByCodePoint() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1);
        m.put("B", 2);
        m.put("\uFF01", 3); // BMP char above the surrogates
        m.put(new String(Character.toChars(0x1F600)), 4);
        m.put("a10", 5);
        m.put("a9", 6);
        String text = EmanJson.toText(m);
        int[] pos = {text.indexOf("\"B\""), text.indexOf("\"a10\""), text.indexOf("\"a9\""), text.indexOf("\"b\""),
            text.indexOf("\\uff01"), text.indexOf("\\ud83d")};
        int[] sorted = pos.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, pos, text);
    }

    @Test
    void valueTypesOnRead() {
        Map<?, ?> m = (Map<?, ?>) EmanJson.parseValue("{\"i\": 3, \"d\": 3.0, \"b\": false, \"n\": null, \"s\": \"x\", "
                + "\"big\": 123456789012345678901, \"img\": {\"__image__\": [\"f.hdf\", 0]}}");
        assertEquals(3L, m.get("i"));
        assertEquals(3.0, m.get("d"));
        assertEquals(false, m.get("b"));
        assertTrue(m.containsKey("n"));
        assertEquals(new BigInteger("123456789012345678901"), m.get("big"));
        assertEquals(Map.of("__image__", List.of("f.hdf", 0L)), m.get("img"));
    }

    @Test
    void emptyMapIsBraces() {
        assertEquals("{}", EmanJson.toText(Map.of()));
    }

    @Test
    void malformedFilesAreFormatExceptions() throws IOException {
        Path f = tmp.resolve("bad.json");
        Files.writeString(f, "[1, 2]", StandardCharsets.US_ASCII);
        FormatException e = assertThrows(FormatException.class, () -> EmanJson.read(f));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("expected a JSON object"), e.getMessage());
        Files.writeString(f, "{\"a\": ", StandardCharsets.US_ASCII);
        assertThrows(FormatException.class, () -> EmanJson.read(f));
        Files.writeString(f, "{} {}", StandardCharsets.US_ASCII);
        assertThrows(FormatException.class, () -> EmanJson.read(f));
    }

    @Test
    void unsupportedValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> EmanJson.toText(Map.of("x", new Object())));
    }

    @Test
    void writeReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path f = tmp.resolve("a.json");
        Files.writeString(f, "old");
        EmanJson.write(f, Map.of("k", 1));
        assertEquals("{\n\"k\": 1\n}", Files.readString(f));
        try (var s = Files.list(tmp)) {
            assertEquals(List.of(f), s.toList());
        }
    }
}

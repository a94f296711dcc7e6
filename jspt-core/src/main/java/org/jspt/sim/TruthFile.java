package org.jspt.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspt.geom.Transform;
import org.jspt.io.AtomicFiles;
import org.jspt.io.FormatException;

/**
 * {@code truth.json}: the known classes and poses of a simulation.
 * <pre>{"box", "apix", "snr", "tilt", "res", "seed", "classes": [labels],
 *  "particles": [{"index", "class", "label", "rotation": [[3×3]], "translation": [x, y, z]}]}</pre>
 * where particle = truth map moved by x' = R·x + t (EMAN2 Transform semantics, centred voxel
 * coordinates, t in voxels). snr is written as the string "inf" when there is no noise.
 */
public record TruthFile(SimulationParams params, List<String> labels, List<ParticleTruth> particles) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path path) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("box", params.box());
        root.put("apix", params.apix());
        if (Double.isInfinite(params.snr())) root.put("snr", "inf");
        else root.put("snr", params.snr());
        root.put("tilt", params.tilt());
        root.put("res", params.res());
        root.put("seed", params.seed());
        root.put("shift", params.maxShift());
        int[] counts = new int[labels.size()];
        for (ParticleTruth t : particles) counts[t.classIndex()]++;
        if (java.util.Arrays.stream(counts).allMatch(c -> c == params.perClass())) {
            root.put("per_class", params.perClass());
        } else { // imbalanced classes (simulate --per-class N1,N2,...): one count per class
            ArrayNode pc = root.putArray("per_class");
            for (int c : counts) pc.add(c);
        }
        ArrayNode cls = root.putArray("classes");
        labels.forEach(cls::add);
        ArrayNode ps = root.putArray("particles");
        for (ParticleTruth t : particles) {
            ObjectNode o = ps.addObject();
            o.put("index", t.index());
            o.put("class", t.classIndex());
            o.put("label", t.label());
            ArrayNode r = o.putArray("rotation");
            for (int i = 0; i < 3; i++) {
                ArrayNode row = r.addArray();
                for (int j = 0; j < 3; j++) row.add(t.pose().get(i, j));
            }
            ArrayNode tr = o.putArray("translation");
            for (double c : t.pose().translation()) tr.add(c);
        }
        AtomicFiles.writeString(path, JSON.writeValueAsString(root) + "\n");
    }

    public static TruthFile read(Path path) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.newBufferedReader(path));
        } catch (NoSuchFileException e) {
            throw new FormatException(path, "no such file");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new FormatException(path, "not valid JSON: " + e.getOriginalMessage());
        }
        try {
            JsonNode snrNode = need(root, "snr", path);
            double snr = snrNode.isTextual() && snrNode.asText().equalsIgnoreCase("inf") ? Double.POSITIVE_INFINITY : snrNode.asDouble();
            List<String> labels = new ArrayList<>();
            need(root, "classes", path).forEach(n -> labels.add(n.asText()));
            List<ParticleTruth> ps = new ArrayList<>();
            for (JsonNode p : need(root, "particles", path)) {
                double[][] r = new double[3][3];
                JsonNode rot = need(p, "rotation", path);
                for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) r[i][j] = rot.get(i).get(j).asDouble();
                JsonNode t = need(p, "translation", path);
                int cls = need(p, "class", path).asInt();
                if (cls < 0 || cls >= labels.size()) throw new FormatException(path, "particle " + p.path("index").asInt() + " has class " + cls + " but there are " + labels.size() + " classes");
                ps.add(new ParticleTruth(need(p, "index", path).asInt(), cls, p.path("label").asText(labels.get(cls)),
                        Transform.of(r, new double[] {t.get(0).asDouble(), t.get(1).asDouble(), t.get(2).asDouble()})));
            }
            SimulationParams params = new SimulationParams(need(root, "box", path).asInt(), need(root, "apix", path).asDouble(),
                    root.path("res").asDouble(0), snr, root.path("tilt").asDouble(90), root.path("shift").asDouble(0),
                    root.path("seed").asLong(0), Math.max(1, root.path("per_class").asInt(1)));
            return new TruthFile(params, labels, ps);
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new FormatException(path, "malformed truth file: " + e.getMessage());
        }
    }

    private static JsonNode need(JsonNode n, String key, Path path) throws FormatException {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) throw new FormatException(path, "missing key '" + key + "'");
        return v;
    }
}

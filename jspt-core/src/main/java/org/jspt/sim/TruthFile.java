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
import org.jspt.ctf.TiltScheme;
import org.jspt.geom.Transform;
import org.jspt.io.AtomicFiles;
import org.jspt.io.FormatException;

/**
 * {@code truth.json}: the known classes and poses of a simulation.
 * <pre>{"box", "apix", "snr", "tilt", "res", "seed", "classes": [labels],
 *  "particles": [{"index", "class", "label", "rotation": [[3×3]], "translation": [x, y, z]}]}</pre>
 * where particle = truth map moved by x' = R·x + t (EMAN2 Transform semantics, centred voxel
 * coordinates, t in voxels). snr is written as the string "inf" when there is no noise.
 *
 * <p>A tilt-series simulation ({@code tiltSeries} not null) adds a root object {@code "tilt_series"} (optics,
 * exposure filter, neighbours, ranges, and per tomogram its name and tilts [angle, pre-exposure, dose] in
 * acquisition order) and to each particle {@code "tomogram"}, {@code "defocus"}, {@code "defocus_u"},
 * {@code "defocus_v"}, {@code "defocus_angle"} (Å, degrees), {@code "position"} [x, y, z] (Å) and
 * {@code "tilt_range"} [min, max] (degrees); see {@link ParticleCtfTruth}. Without it the file is exactly
 * what the default mode always wrote.
 */
public record TruthFile(SimulationParams params, List<String> labels, List<ParticleTruth> particles, TiltSeriesTruth tiltSeries) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The truth of a default-mode (white noise + wedge) simulation. */
    public TruthFile(SimulationParams params, List<String> labels, List<ParticleTruth> particles) {
        this(params, labels, particles, null);
    }

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
        if (tiltSeries != null) writeTiltSeries(root.putObject("tilt_series"), tiltSeries);
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
            if (tiltSeries != null) {
                ParticleCtfTruth c = tiltSeries.particles().get(t.index());
                o.put("tomogram", c.tomogram());
                o.put("defocus", c.defocus());
                o.put("defocus_u", c.defocusU());
                o.put("defocus_v", c.defocusV());
                o.put("defocus_angle", c.defocusAngle());
                o.putArray("position").add(c.x()).add(c.y()).add(c.z());
                o.putArray("tilt_range").add(c.tiltMin()).add(c.tiltMax());
            }
        }
        AtomicFiles.writeString(path, JSON.writeValueAsString(root) + "\n");
    }

    private static void writeTiltSeries(ObjectNode o, TiltSeriesTruth ts) {
        TiltSeriesParams p = ts.params();
        o.put("voltage", p.voltage());
        o.put("cs", p.cs());
        o.put("amp_contrast", p.ampContrast());
        o.put("phase_shift", p.phaseShift());
        o.put("astigmatism", p.astigmatism());
        o.put("exposure_filter", p.exposureFilter());
        o.put("neighbours", p.neighbours());
        o.putArray("defocus_range").add(p.defocusMin()).add(p.defocusMax());
        o.putArray("height_range").add(p.heightMin()).add(p.heightMax());
        o.putArray("x_range").add(p.xMin()).add(p.xMax());
        o.put("snr_per", "tilt image");
        ArrayNode tomos = o.putArray("tomograms");
        for (int i = 0; i < p.tomograms().size(); i++) {
            ObjectNode t = tomos.addObject();
            t.put("name", ts.tomogramNames().get(i));
            ArrayNode tilts = t.putArray("tilts");
            for (TiltScheme.Tilt tt : p.tomograms().get(i).tilts()) tilts.addArray().add(tt.angle()).add(tt.preExposure()).add(tt.dose());
        }
    }

    private static TiltSeriesTruth readTiltSeries(JsonNode o, List<ParticleTruth> particles, JsonNode ps, Path path) throws FormatException {
        List<TiltScheme> schemes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (JsonNode t : need(o, "tomograms", path)) {
            names.add(need(t, "name", path).asText());
            JsonNode tilts = need(t, "tilts", path);
            double[] a = new double[tilts.size()], d = new double[tilts.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = tilts.get(i).get(0).asDouble();
                d[i] = tilts.get(i).get(2).asDouble();
            }
            schemes.add(TiltScheme.ofAcquisition(a, d));
        }
        TiltSeriesParams p = new TiltSeriesParams(schemes, need(o, "defocus_range", path).get(0).asDouble(), o.get("defocus_range").get(1).asDouble(),
                need(o, "height_range", path).get(0).asDouble(), o.get("height_range").get(1).asDouble(),
                need(o, "x_range", path).get(0).asDouble(), o.get("x_range").get(1).asDouble(),
                need(o, "voltage", path).asDouble(), need(o, "cs", path).asDouble(), need(o, "amp_contrast", path).asDouble(),
                o.path("phase_shift").asDouble(0), o.path("astigmatism").asDouble(0), o.path("exposure_filter").asBoolean(true), o.path("neighbours").asInt(0));
        List<ParticleCtfTruth> cs = new ArrayList<>();
        for (JsonNode q : ps) {
            String tomo = need(q, "tomogram", path).asText();
            int ti = names.indexOf(tomo);
            if (ti < 0) throw new FormatException(path, "particle " + q.path("index").asInt() + ": unknown tomogram '" + tomo + "'");
            JsonNode pos = need(q, "position", path), range = need(q, "tilt_range", path);
            cs.add(new ParticleCtfTruth(tomo, ti, need(q, "defocus", path).asDouble(), need(q, "defocus_u", path).asDouble(), need(q, "defocus_v", path).asDouble(),
                    need(q, "defocus_angle", path).asDouble(), pos.get(0).asDouble(), pos.get(1).asDouble(), pos.get(2).asDouble(),
                    range.get(0).asDouble(), range.get(1).asDouble()));
        }
        if (cs.size() != particles.size()) throw new FormatException(path, "tilt-series truth for " + cs.size() + " of " + particles.size() + " particles");
        return new TiltSeriesTruth(p, names, cs);
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
            JsonNode ts = root.get("tilt_series");
            return new TruthFile(params, labels, ps, ts == null ? null : readTiltSeries(ts, ps, root.get("particles"), path));
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

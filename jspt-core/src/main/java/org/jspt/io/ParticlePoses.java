package org.jspt.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspt.geom.DynamoPose;
import org.jspt.geom.RelionPose;
import org.jspt.geom.StopgapPose;
import org.jspt.geom.Transform;
import org.jspt.io.eman2.LstFile;

/**
 * Per-particle classes and transforms from the particle files other programs use, as EMAN2 transforms: RELION
 * STAR files (3.0, 3.1+, RELION 5 tomography files: rlnAngle and rlnOrigin columns in the particle's box), STOPGAP
 * motivelists ({@code data_stopgap_motivelist}), Dynamo tables ({@code .tbl}) and EMAN2 lists ({@code .lst} with
 * {@code xform.align3d}). Each program's pose (reference → particle) is read with {@link RelionPose},
 * {@link StopgapPose} or {@link DynamoPose} and inverted, so {@link Pose#align3d()} is EMAN2's
 * {@code xform.align3d} (particle → reference) in pixels. Rows are returned in file order, which is stack order
 * for the files jspt writes and reads. Stateless and thread-safe.
 */
public final class ParticlePoses {
    /** One particle: its row (from 0), class (from 0; 0 when the file has none) and xform.align3d. */
    public record Pose(int row, int classIndex, Transform align3d) {}

    private ParticlePoses() {}

    /** True if jspt reads poses from this kind of file. */
    public static boolean handles(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".star") || n.endsWith(".tbl") || (n.endsWith(".lst") && LstFile.isLst(p));
    }

    /** @throws FormatException naming the file and the row of a missing or bad value */
    public static List<Pose> read(Path p) throws IOException {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".tbl")) return dynamo(p);
        if (n.endsWith(".lst")) return lst(p);
        if (n.endsWith(".star")) {
            List<Star.Block> blocks = Star.read(p);
            for (Star.Block b : blocks) if (b.loop() != null && b.loop().has("motl_idx")) return stopgap(p, b.loop());
            return relion(p, blocks);
        }
        throw new FormatException(p, "poses are read from .star (RELION, STOPGAP), .tbl (Dynamo) or .lst (EMAN2) files");
    }

    private static List<Pose> dynamo(Path p) throws IOException {
        List<Pose> out = new ArrayList<>();
        List<DynamoTable.Row> rows = DynamoTable.read(p);
        for (int r = 0; r < rows.size(); r++) {
            DynamoTable.Row x = rows.get(r);
            if (x.columns() < DynamoTable.NAROT) throw new FormatException(p, "row " + (r + 1) + " has " + x.columns() + " columns; poses need 9");
            DynamoPose d = new DynamoPose(x.get(DynamoTable.DX), x.get(DynamoTable.DY), x.get(DynamoTable.DZ), x.get(DynamoTable.TDROT),
                    x.get(DynamoTable.TILT), x.get(DynamoTable.NAROT));
            int cls = x.columns() >= DynamoTable.CLASS ? Math.max(0, (int) x.get(DynamoTable.CLASS) - 1) : 0;
            out.add(new Pose(r, cls, d.referenceToParticle().inverse()));
        }
        return out;
    }

    private static List<Pose> lst(Path p) throws IOException {
        List<Pose> out = new ArrayList<>();
        List<LstFile.Entry> es = LstFile.read(p);
        for (int r = 0; r < es.size(); r++) {
            Map<String, Object> v = es.get(r).values();
            if (!(v.get("xform.align3d") instanceof Transform t)) throw new FormatException(p, "record " + r + " has no xform.align3d");
            int cls = v.get("class") instanceof Number c ? c.intValue() : 0;
            out.add(new Pose(r, cls, t));
        }
        return out;
    }

    private static List<Pose> stopgap(Path p, Star.Table t) throws FormatException {
        List<Pose> out = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            StopgapPose s = new StopgapPose(num(p, t, r, "x_shift"), num(p, t, r, "y_shift"), num(p, t, r, "z_shift"), num(p, t, r, "phi"),
                    num(p, t, r, "psi"), num(p, t, r, "the"));
            int cls = t.has("class") ? Math.max(0, (int) num(p, t, r, "class") - 1) : 0;
            out.add(new Pose(r, cls, s.referenceToParticle().inverse()));
        }
        return out;
    }

    private static List<Pose> relion(Path p, List<Star.Block> blocks) throws IOException {
        Path particles = StarStack.optimisationSetParticles(blocks, p);
        if (particles != null) return read(particles);
        Star.Block pb = Star.block(blocks, "particles").orElse(null);
        Star.Table t = pb != null && pb.loop() != null ? pb.loop() : null;
        if (t == null) for (Star.Block b : blocks) if (b.loop() != null && b.loop().has("rlnAngleRot")) t = b.loop();
        if (t == null || !t.has("rlnAngleRot")) throw new FormatException(p, "no particles loop with _rlnAngleRot");
        Map<String, Double> apixByGroup = new HashMap<>();
        Star.Block ob = Star.block(blocks, "optics").orElse(null);
        if (ob != null && ob.loop() != null) {
            Star.Table o = ob.loop();
            String l = o.has("rlnImagePixelSize") ? "rlnImagePixelSize" : o.has("rlnPixelSize") ? "rlnPixelSize" : null;
            for (int r = 0; l != null && r < o.size(); r++) apixByGroup.put(o.has("rlnOpticsGroup") ? o.get(r, "rlnOpticsGroup") : "1", num(p, o, r, l));
        }
        boolean angst = t.has("rlnOriginXAngst");
        List<Pose> out = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            double apix = 1;
            if (angst) {
                Double a = t.has("rlnOpticsGroup") ? apixByGroup.get(t.get(r, "rlnOpticsGroup")) : apixByGroup.size() == 1 ? apixByGroup.values().iterator().next() : null;
                if (a == null && t.has("rlnImagePixelSize")) a = num(p, t, r, "rlnImagePixelSize");
                if (a == null) throw new FormatException(p, "particle " + (r + 1) + ": no pixel size for its optics group (needed for rlnOrigin*Angst)");
                apix = a;
            }
            String ox = angst ? "rlnOriginXAngst" : "rlnOriginX", oy = angst ? "rlnOriginYAngst" : "rlnOriginY", oz = angst ? "rlnOriginZAngst" : "rlnOriginZ";
            RelionPose pose = new RelionPose(num(p, t, r, "rlnAngleRot"), num(p, t, r, "rlnAngleTilt"), num(p, t, r, "rlnAnglePsi"),
                    t.has(ox) ? num(p, t, r, ox) : 0, t.has(oy) ? num(p, t, r, oy) : 0, t.has(oz) ? num(p, t, r, oz) : 0);
            int cls = t.has("rlnClassNumber") ? Math.max(0, (int) num(p, t, r, "rlnClassNumber") - 1) : 0;
            out.add(new Pose(r, cls, pose.referenceToParticle(apix).inverse()));
        }
        return out;
    }

    private static double num(Path p, Star.Table t, int r, String label) throws FormatException {
        if (!t.has(label)) throw new FormatException(p, "no column _" + label);
        try {
            return Double.parseDouble(t.get(r, label));
        } catch (NumberFormatException e) {
            throw new FormatException(p, "row " + (r + 1) + ": _" + label + " '" + t.get(r, label) + "' is not a number");
        }
    }
}

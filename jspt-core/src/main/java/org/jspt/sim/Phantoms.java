package org.jspt.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Built-in phantoms, so a simulation needs no files: asymmetric solids made of balls and rods, filled
 * with unit-weight point scatterers on a cubic lattice. Sizes scale with the box: the unit length is
 * L = 0.3 · box · apix Å and every phantom fits within about 1.1 L of its centre of mass, which leaves
 * room for shifts inside the box. None has a symmetry, so every pose is defined uniquely.
 */
public final class Phantoms {
    private record Ball(double x, double y, double z, double r) {}
    private record Rod(double x0, double y0, double z0, double x1, double y1, double z1, double r) {}
    private record Shape(String description, List<Ball> balls, List<Rod> rods) {}

    private static final Map<String, Shape> SHAPES = new LinkedHashMap<>();

    static {
        SHAPES.put("tripod", new Shape("a ball with three arms of different lengths, each ending in a ball",
                List.of(new Ball(0, 0, 0, 0.35), new Ball(0.95, 0, 0, 0.25), new Ball(0, 0.75, 0, 0.2), new Ball(0, 0, 0.6, 0.15)),
                List.of(new Rod(0, 0, 0, 0.95, 0, 0, 0.15), new Rod(0, 0, 0, 0, 0.75, 0, 0.15), new Rod(0, 0, 0, 0, 0, 0.6, 0.15))));
        SHAPES.put("dumbbell", new Shape("two unequal balls joined by a rod, with a knob on the smaller one",
                List.of(new Ball(-0.6, 0, 0, 0.42), new Ball(0.65, 0, 0, 0.3), new Ball(0.65, 0.38, 0, 0.15)),
                List.of(new Rod(-0.6, 0, 0, 0.65, 0, 0, 0.13))));
        SHAPES.put("ring", new Shape("a ring of balls with two knobs of different sizes",
                ring(), List.of()));
        SHAPES.put("lshape", new Shape("two perpendicular rods (an L) with a ball at one end and one above the corner",
                List.of(new Ball(-0.55, 0.8, 0, 0.3), new Ball(0.15, 0.1, 0.45, 0.22)),
                List.of(new Rod(-0.55, -0.55, 0, 0.85, -0.55, 0, 0.2), new Rod(-0.55, -0.55, 0, -0.55, 0.8, 0, 0.2))));
        SHAPES.put("snowman", new Shape("three stacked balls with a nose and one arm",
                List.of(new Ball(0, 0, -0.5, 0.45), new Ball(0, 0, 0.3, 0.33), new Ball(0, 0, 0.85, 0.2), new Ball(0.38, 0, 0.3, 0.1)),
                List.of(new Rod(0, 0, -0.1, 0, 0.9, 0.05, 0.08))));
    }

    private static List<Ball> ring() {
        List<Ball> b = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            double a = 2 * Math.PI * i / 12;
            b.add(new Ball(0.7 * Math.cos(a), 0.7 * Math.sin(a), 0, 0.2));
        }
        b.add(new Ball(0.7, 0, 0.3, 0.2));
        b.add(new Ball(0, -0.72, 0.1, 0.26));
        return b;
    }

    private Phantoms() {}

    /** Names of the built-in phantoms, in a fixed order. */
    public static List<String> names() { return List.copyOf(SHAPES.keySet()); }

    public static String description(String name) { return shape(name).description(); }

    private static Shape shape(String name) {
        Shape s = SHAPES.get(name);
        if (s == null) throw new IllegalArgumentException("unknown phantom '" + name + "'; known: " + String.join(", ", names()));
        return s;
    }

    /** The phantom's scatterers in Å (chain 'A'), for a box of {@code box} voxels of {@code apix} Å. */
    public static AtomModel build(String name, int box, double apix) {
        Shape s = shape(name);
        double unit = 0.3 * box * apix;
        double h = apix / 1.5; // lattice spacing: several points per voxel, so the solid is smooth
        int lim = (int) Math.ceil(1.3 * unit / h);
        List<double[]> pts = new ArrayList<>();
        for (int k = -lim; k <= lim; k++)
            for (int j = -lim; j <= lim; j++)
                for (int i = -lim; i <= lim; i++) {
                    double x = i * h / unit, y = j * h / unit, z = k * h / unit;
                    if (inside(s, x, y, z)) pts.add(new double[] {i * h, j * h, k * h});
                }
        int n = pts.size();
        double[] px = new double[n], py = new double[n], pz = new double[n], w = new double[n];
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            px[i] = pts.get(i)[0]; py[i] = pts.get(i)[1]; pz[i] = pts.get(i)[2]; w[i] = 1; c[i] = 'A';
        }
        return new AtomModel(px, py, pz, w, c);
    }

    private static boolean inside(Shape s, double x, double y, double z) {
        for (Ball b : s.balls()) {
            double dx = x - b.x(), dy = y - b.y(), dz = z - b.z();
            if (dx * dx + dy * dy + dz * dz <= b.r() * b.r()) return true;
        }
        for (Rod r : s.rods()) {
            double ax = r.x1() - r.x0(), ay = r.y1() - r.y0(), az = r.z1() - r.z0();
            double px = x - r.x0(), py = y - r.y0(), pz = z - r.z0();
            double t = (px * ax + py * ay + pz * az) / (ax * ax + ay * ay + az * az);
            t = Math.max(0, Math.min(1, t));
            double dx = px - t * ax, dy = py - t * ay, dz = pz - t * az;
            if (dx * dx + dy * dy + dz * dz <= r.r() * r.r()) return true;
        }
        return false;
    }
}

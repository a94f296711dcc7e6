package org.jspt.ctf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jspt.io.DynamoTable;
import org.jspt.io.FormatException;
import org.jspt.io.Star;
import org.jspt.io.StarStack;

/**
 * Where each particle's {@link FourierWeight} comes from, and the weights themselves on demand: per particle
 * a key (a weight file's absolute path, or a tilt range) and a convention; weights are built or read through
 * a bounded {@link WeightCache}, so they stream with the particles and a file shared by many particles is
 * read about once. Thread-safe.
 *
 * <p>Sources: a RELION STAR file's {@code rlnCtfImage} column (paths relative to the STAR file's folder, as
 * for {@code rlnImageName}); a Dynamo table's wedge columns (ftype 1: ymintilt/ymaxtilt per particle; ftype 0:
 * no weight); one tilt range for every particle.
 */
public final class ParticleWeights {
    /** The {@code --weights} choice. */
    public enum Mode {
        /** PREMULTIPLIED where data_optics says rlnCtfDataAreCtfPremultiplied = 1, else CTF. */
        AUTO,
        CTF,
        PREMULTIPLIED,
        /** Ignore any weights (EMAN2's behaviour: the wedge is detected from the data). */
        NONE;

        public static Mode parse(String s) {
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--weights must be auto, ctf, premultiplied or none, got '" + s + "'");
            }
        }
    }

    private static final String WEDGE = "wedge:";

    private final int box;
    private final String[] keys;
    private final WeightConvention[] conventions;
    private final WeightCache cache;

    private ParticleWeights(int box, String[] keys, WeightConvention[] conventions, long cacheBytes) {
        this.box = box;
        this.keys = keys;
        this.conventions = conventions;
        this.cache = new WeightCache(cacheBytes);
    }

    /** Number of particles described. */
    public int size() { return keys.length; }

    /** Particle i's weight (null when it has none), of an n³ box. */
    public FourierWeight weight(int i) {
        String key = keys[i];
        if (key == null) return null;
        WeightConvention c = conventions[i];
        FourierWeight w = cache.get(c + "|" + key, k -> load(key, c));
        if (w.n != box) throw new IllegalStateException("particle " + (i + 1) + ": its weight " + key + " is for a box of " + w.n + ", the particles are " + box);
        return w;
    }

    /** Particle i's weight file (absolute path) or null (no file: none, or a wedge). */
    public String file(int i) { return keys[i] == null || keys[i].startsWith(WEDGE) ? null : keys[i]; }

    /** Weights loaded from disk or built so far. */
    public long loads() { return cache.loads(); }

    private FourierWeight load(String key, WeightConvention c) throws IOException {
        if (key.startsWith(WEDGE)) {
            String[] r = key.substring(WEDGE.length()).split(":");
            return TiltRangeWedge.weight(box, Double.parseDouble(r[0]), Double.parseDouble(r[1]), c);
        }
        return WeightFiles.read(Path.of(key), c);
    }

    /**
     * The weights named by {@code rlnCtfImage} in a particle STAR file, or null if it has no such column or
     * mode is NONE. Checks that every file exists (a {@link FormatException} names the row otherwise).
     * @param count the particles used (the first {@code count} rows)
     */
    public static ParticleWeights fromStar(Path star, Mode mode, int box, int count) throws IOException {
        if (mode == Mode.NONE) return null;
        List<Star.Block> blocks = Star.read(star);
        Star.Table t = StarStack.particleTable(blocks, star);
        if (!t.has("rlnCtfImage")) return null;
        Path dir = star.toAbsolutePath().getParent();
        String[] keys = new String[count];
        WeightConvention[] conv = new WeightConvention[count];
        Star.Table optics = Star.block(blocks, "optics").map(Star.Block::loop).orElse(null);
        for (int r = 0; r < count; r++) {
            String name = t.get(r, "rlnCtfImage");
            Path p = dir.resolve(name).normalize();
            if (!Files.isRegularFile(p)) throw new FormatException(star, "particle " + (r + 1) + ": rlnCtfImage '" + name + "' not found (looked for " + p + ")");
            keys[r] = p.toString();
            conv[r] = switch (mode) {
                case CTF -> WeightConvention.CTF;
                case PREMULTIPLIED -> WeightConvention.PREMULTIPLIED;
                default -> premultiplied(optics, t, r) ? WeightConvention.PREMULTIPLIED : WeightConvention.CTF;
            };
        }
        return new ParticleWeights(box, keys, conv, WeightCache.DEFAULT_BYTES);
    }

    /** rlnCtfDataAreCtfPremultiplied of particle r's optics group (the only group if the particle names none). */
    private static boolean premultiplied(Star.Table optics, Star.Table particles, int r) {
        if (optics == null || !optics.has("rlnCtfDataAreCtfPremultiplied")) return false;
        String group = particles.has("rlnOpticsGroup") ? particles.get(r, "rlnOpticsGroup") : null;
        for (int o = 0; o < optics.size(); o++) {
            boolean match = group == null ? optics.size() == 1 : group.equals(optics.has("rlnOpticsGroup") ? optics.get(o, "rlnOpticsGroup") : "1");
            if (match) return Double.parseDouble(optics.get(o, "rlnCtfDataAreCtfPremultiplied")) == 1;
        }
        return false;
    }

    /**
     * Binary wedges from a Dynamo table's wedge columns: ftype 1 → the tilt range ymintilt..ymaxtilt about y
     * ({@link TiltRangeWedge}); ftype 0 → no weight. Other ftypes (2–4: two axes, cones) are refused.
     */
    public static ParticleWeights fromDynamo(Path table, List<DynamoTable.Row> rows, int box) throws FormatException {
        String[] keys = new String[rows.size()];
        WeightConvention[] conv = new WeightConvention[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            DynamoTable.Row row = rows.get(r);
            if (row.columns() < DynamoTable.YMAXTILT) throw new FormatException(table, "row " + (r + 1) + " has no wedge columns (13-15)");
            int ftype = (int) row.get(DynamoTable.FTYPE);
            if (ftype == 0) continue;
            if (ftype != 1) throw new FormatException(table, "row " + (r + 1) + ": ftype " + ftype + " is not supported (0: full range, 1: single tilt about y)");
            keys[r] = wedgeKey(row.get(DynamoTable.YMINTILT), row.get(DynamoTable.YMAXTILT));
            conv[r] = WeightConvention.CTF;
        }
        return new ParticleWeights(box, keys, conv, WeightCache.DEFAULT_BYTES);
    }

    /** The same binary wedge of tilts minDeg..maxDeg for each of {@code count} particles. */
    public static ParticleWeights tiltRange(int box, int count, double minDeg, double maxDeg) {
        String[] keys = new String[count];
        WeightConvention[] conv = new WeightConvention[count];
        java.util.Arrays.fill(keys, wedgeKey(minDeg, maxDeg));
        java.util.Arrays.fill(conv, WeightConvention.CTF);
        return new ParticleWeights(box, keys, conv, WeightCache.DEFAULT_BYTES);
    }

    private static String wedgeKey(double min, double max) { return WEDGE + min + ":" + max; }
}

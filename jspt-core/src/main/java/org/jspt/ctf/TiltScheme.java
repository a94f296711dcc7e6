package org.jspt.ctf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jspt.io.AtomicFiles;
import org.jspt.io.FormatException;

/**
 * The tilt images of one tomogram's tilt series, in acquisition order: each image's tilt angle (degrees, about
 * the y axis, see {@link TiltGeometry}), the exposure it had received before it was recorded (pre-exposure) and
 * its own exposure (e/Å²). Immutable.
 *
 * <p>Two textual forms:
 * <ul>
 * <li>compact, {@code MIN:MAX:STEP[:START]} (degrees) with an order and a dose per tilt given separately: the
 * tilts are START + k·STEP (k integer) within [MIN, MAX]; START (default 0, or MIN when 0 is outside the range)
 * is where a dose-symmetric or bidirectional series begins. E.g. {@code -54:62:3} gives −54, −51, …, +60.</li>
 * <li>a tilt-scheme file: one tilt image per line in acquisition order, "angle dose" (degrees, e/Å², separated
 * by white space), {@code #} starts a comment; see {@link #write}.</li>
 * </ul>
 */
public final class TiltScheme {
    /** One tilt image: angle in degrees, exposure before it and its own exposure in e/Å². */
    public record Tilt(double angle, double preExposure, double dose) {}

    private final List<Tilt> tilts;

    private TiltScheme(List<Tilt> tilts) {
        if (tilts.isEmpty()) throw new IllegalArgumentException("a tilt scheme needs at least one tilt");
        List<Double> seen = new ArrayList<>();
        for (Tilt t : tilts) {
            if (!(Math.abs(t.angle()) < 90)) throw new IllegalArgumentException("tilt angle " + t.angle() + "° is not in (−90, 90)");
            if (!(t.dose() >= 0) || Double.isInfinite(t.dose())) throw new IllegalArgumentException("dose " + t.dose() + " of tilt " + t.angle() + "° is not a non-negative number");
            for (double s : seen) if (Math.abs(s - t.angle()) < 1e-6) throw new IllegalArgumentException("tilt angle " + t.angle() + "° appears twice");
            seen.add(t.angle());
        }
        this.tilts = List.copyOf(tilts);
    }

    /** A scheme from angles in acquisition order and each image's dose; pre-exposures are the running sums. */
    public static TiltScheme ofAcquisition(double[] angles, double[] doses) {
        if (angles.length != doses.length) throw new IllegalArgumentException(angles.length + " angles but " + doses.length + " doses");
        List<Tilt> t = new ArrayList<>();
        double pre = 0;
        for (int i = 0; i < angles.length; i++) {
            t.add(new Tilt(angles[i], pre, doses[i]));
            pre += doses[i];
        }
        return new TiltScheme(t);
    }

    /**
     * The tilts START + k·STEP within [min, max] recorded in {@code order}, each with {@code dosePerTilt} e/Å².
     * @param start where a dose-symmetric or bidirectional series begins; must be inside [min, max]
     */
    public static TiltScheme range(double min, double max, double step, double start, TiltOrder order, double dosePerTilt) {
        if (!(min > -90 && max < 90 && min <= max)) throw new IllegalArgumentException("tilt range " + min + ":" + max + " must satisfy −90 < MIN ≤ MAX < 90");
        if (!(step > 0) || Double.isInfinite(step)) throw new IllegalArgumentException("tilt step must be > 0°, got " + step);
        if (!(start >= min - 1e-9 && start <= max + 1e-9)) throw new IllegalArgumentException("start angle " + start + "° is outside the range " + min + ":" + max);
        if (!(dosePerTilt >= 0) || Double.isInfinite(dosePerTilt)) throw new IllegalArgumentException("dose per tilt must be >= 0 e/Å², got " + dosePerTilt);
        List<Double> up = new ArrayList<>(), down = new ArrayList<>();
        for (int k = 1; start + k * step <= max + 1e-9; k++) up.add(start + k * step);
        for (int k = 1; start - k * step >= min - 1e-9; k++) down.add(start - k * step);
        List<Double> seq = new ArrayList<>();
        switch (order) {
            case SEQUENTIAL -> {
                for (int i = down.size() - 1; i >= 0; i--) seq.add(down.get(i));
                seq.add(start);
                seq.addAll(up);
            }
            case BIDIRECTIONAL -> {
                seq.add(start);
                seq.addAll(down);
                seq.addAll(up);
            }
            case DOSE_SYMMETRIC -> {
                seq.add(start);
                int u = 0, d = 0;
                if (u < up.size()) seq.add(up.get(u++));
                boolean negative = true;
                while (u < up.size() || d < down.size()) {
                    for (int g = 0; g < 2; g++) {
                        if (negative && d < down.size()) seq.add(down.get(d++));
                        else if (!negative && u < up.size()) seq.add(up.get(u++));
                    }
                    negative = !negative;
                }
            }
        }
        double[] a = new double[seq.size()], dose = new double[seq.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.round(seq.get(i) * 1e9) / 1e9; // 3·k exactly, not 2.9999999999
            dose[i] = dosePerTilt;
        }
        return ofAcquisition(a, dose);
    }

    /** Parses the compact form {@code MIN:MAX:STEP[:START]} (degrees). */
    public static TiltScheme parse(String spec, TiltOrder order, double dosePerTilt) {
        String[] f = spec.strip().split(":");
        if (f.length < 3 || f.length > 4) throw new IllegalArgumentException("tilt scheme '" + spec + "' is not MIN:MAX:STEP[:START] (degrees), e.g. -60:60:3");
        double[] v = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            try {
                v[i] = Double.parseDouble(f[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("tilt scheme '" + spec + "': '" + f[i] + "' is not a number");
            }
        }
        double start = f.length == 4 ? v[3] : (v[0] <= 0 && v[1] >= 0 ? 0 : v[0]);
        return range(v[0], v[1], v[2], start, order, dosePerTilt);
    }

    /** Reads a tilt-scheme file ("angle dose" per line in acquisition order; '#' comments). */
    public static TiltScheme read(Path path) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new FormatException(path, "no such file");
        }
        List<Double> angles = new ArrayList<>(), doses = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            int hash = l.indexOf('#');
            if (hash >= 0) l = l.substring(0, hash);
            l = l.strip();
            if (l.isEmpty()) continue;
            String[] f = l.split("\\s+");
            if (f.length != 2) throw new FormatException(path, "line " + (i + 1) + ": expected 'angle dose', found " + f.length + " values");
            try {
                angles.add(Double.parseDouble(f[0]));
                doses.add(Double.parseDouble(f[1]));
            } catch (NumberFormatException e) {
                throw new FormatException(path, "line " + (i + 1) + ": not a number: " + l);
            }
        }
        if (angles.isEmpty()) throw new FormatException(path, "no tilts (expected lines 'angle dose')");
        try {
            return ofAcquisition(angles.stream().mapToDouble(Double::doubleValue).toArray(), doses.stream().mapToDouble(Double::doubleValue).toArray());
        } catch (IllegalArgumentException e) {
            throw new FormatException(path, e.getMessage());
        }
    }

    /** Writes the tilt-scheme file {@link #read} reads, atomically. */
    public void write(Path path) throws IOException {
        AtomicFiles.writeString(path, toText());
    }

    /** The text of the tilt-scheme file. */
    public String toText() {
        StringBuilder sb = new StringBuilder("# jspt tilt scheme: one tilt image per line in acquisition order\n# angle(deg) dose(e/A^2)\n");
        for (Tilt t : tilts) sb.append(String.format(Locale.ROOT, "%.4f %.4f%n", t.angle(), t.dose()));
        return sb.toString();
    }

    /** The tilts in acquisition order. */
    public List<Tilt> tilts() { return tilts; }
    public int size() { return tilts.size(); }
    public double minAngle() { return tilts.stream().mapToDouble(Tilt::angle).min().orElseThrow(); }
    public double maxAngle() { return tilts.stream().mapToDouble(Tilt::angle).max().orElseThrow(); }
    public double totalDose() { return tilts.stream().mapToDouble(Tilt::dose).sum(); }
    /** The angles in acquisition order. */
    public double[] angles() { return tilts.stream().mapToDouble(Tilt::angle).toArray(); }

    /** The tilts sorted by angle (a copy). */
    public List<Tilt> byAngle() {
        List<Tilt> s = new ArrayList<>(tilts);
        s.sort(Comparator.comparingDouble(Tilt::angle));
        return s;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d tilts %.4g..%.4g°, %.4g e/Å² in total", size(), minAngle(), maxAngle(), totalDose());
    }
}

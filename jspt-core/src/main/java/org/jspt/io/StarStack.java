package org.jspt.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspt.image.Header;
import org.jspt.image.Volume;

/**
 * The particles listed in a RELION particle STAR file (RELION 3.0, 3.1+/4, or a RELION 5 tomography particles
 * file or optimisation set whose particles were extracted as 3-D subtomograms), read as a stack: one volume per row of the particles
 * loop ({@code data_particles}, or in a RELION 3.0 file the first loop with {@code rlnImageName}), in row order.
 *
 * <p>{@code rlnImageName} is a path to an MRC file holding one volume ({@code sub/p1.mrc}) or RELION's
 * {@code N@stack.mrcs} form, N counted from 1 (for a stack of volumes the {@code .mrcs} file must have ISPG 401,
 * see {@link Mrc}). Relative paths are resolved against the STAR file's folder, then the working directory (RELION's
 * project folder).
 *
 * <p><b>Pixel size</b>: {@code rlnImagePixelSize} (RELION 3.1+) or {@code rlnPixelSize} of the particle's
 * optics group in {@code data_optics} (by {@code rlnOpticsGroup}; the only group when the particles have no
 * such column), else the same labels in the particles loop, else the MRC header. All particles must have one
 * pixel size. Angles, origins and other columns are not used: refinemulti starts every particle from scratch.
 *
 * <p>{@link #open} checks, from headers only, that every listed file exists, that every index is in range and
 * that all particles have the same box; a {@link FormatException} names the STAR file, the row and the file.
 * Each image's header gets {@code source_path} (the member file) and {@code source_n} (0-based index in it).
 * Not thread-safe: open one per thread. Keeps the last member file open until the next member or close().
 */
public final class StarStack implements ImageStack {
    /** Where one particle is: file and 0-based index in it. */
    private record Member(Path file, int index) {}

    private final Path star;
    private final Star.Table particles;
    private final List<Member> members;
    private final double apix; // NaN: from the MRC header
    private Path openPath;
    private Mrc openFile;

    private StarStack(Path star, Star.Table particles, List<Member> members, double apix) {
        this.star = star;
        this.particles = particles;
        this.members = members;
        this.apix = apix;
    }

    /**
     * Reads the STAR file and checks every listed particle (headers only). A RELION 5 optimisation set (a block with
     * {@code _rlnTomoParticlesFile}) is followed to its particles file.
     */
    public static StarStack open(Path star) throws IOException {
        List<Star.Block> blocks = Star.read(star);
        Path particlesFile = optimisationSetParticles(blocks, star);
        if (particlesFile != null) return open(particlesFile);
        for (Star.Block b : blocks) {
            if ("1".equals(b.values().get("rlnTomoSubTomosAre2DStacks"))) {
                throw new FormatException(star, "its subtomograms are RELION 5 2-D stacks (rlnTomoSubTomosAre2DStacks 1); extract 3-D subtomograms "
                        + "(RELION 5 Extract subtomos with 'Write output as 2D stacks?' set to No) and give that particles file");
            }
        }
        Star.Table t = particleTable(blocks, star);
        Path dir = star.toAbsolutePath().getParent();
        List<Member> members = new ArrayList<>(t.size());
        for (int r = 0; r < t.size(); r++) members.add(member(star, dir, r, t.get(r, "rlnImageName")));
        StarStack s = new StarStack(star, t, members, pixelSize(blocks, t, star));
        s.checkMembers();
        return s;
    }

    /** The particles loop: data_particles if present, else the first loop with rlnImageName. */
    public static Star.Table particleTable(List<Star.Block> blocks, Path star) throws FormatException {
        Star.Block p = Star.block(blocks, "particles").orElse(null);
        if (p != null && p.loop() != null && p.loop().has("rlnImageName")) return p.loop();
        for (Star.Block b : blocks) if (b.loop() != null && b.loop().has("rlnImageName")) return b.loop();
        if (p != null && p.loop() != null && p.loop().has("rlnTomoName")) {
            throw new FormatException(star, "RELION 5 particles without _rlnImageName (picked, not extracted); extract 3-D subtomograms with RELION first");
        }
        throw new FormatException(star, "no loop with _rlnImageName (expected a data_particles block)");
    }

    /**
     * The particles file a RELION 5 optimisation set names ({@code _rlnTomoParticlesFile}), resolved as RELION does
     * (relative to the working directory, its project folder) or else relative to the set's folder; null if the
     * blocks are not an optimisation set.
     */
    public static Path optimisationSetParticles(List<Star.Block> blocks, Path star) throws FormatException {
        for (Star.Block b : blocks) {
            String f = b.values().get("rlnTomoParticlesFile");
            if (f == null && b.loop() != null && b.loop().has("rlnTomoParticlesFile") && b.loop().size() > 0) f = b.loop().get(0, "rlnTomoParticlesFile");
            if (f == null) continue;
            Path p = relative(star.toAbsolutePath().getParent(), f);
            if (p == null) throw new FormatException(star, "its particles file '" + f + "' (_rlnTomoParticlesFile) was not found");
            return p;
        }
        return null;
    }

    /**
     * A relative name as jspt and RELION look for it: from {@code dir} (the STAR file's folder), else from the
     * working directory (RELION resolves names from its project folder). Absolute names as given; null if missing.
     */
    public static Path relative(Path dir, String name) {
        Path p = Path.of(name);
        if (p.isAbsolute()) return Files.isRegularFile(p) ? p : null;
        for (Path base : new Path[] {dir, Path.of("").toAbsolutePath()}) {
            Path t = base.resolve(p).normalize();
            if (Files.isRegularFile(t)) return t;
        }
        return null;
    }

    private static Member member(Path star, Path dir, int row, String name) throws FormatException {
        int at = name.indexOf('@');
        int index = 0;
        String file = name;
        if (at >= 0) {
            try {
                index = Integer.parseInt(name.substring(0, at).strip()) - 1;
            } catch (NumberFormatException e) {
                throw new FormatException(star, "particle " + (row + 1) + ": rlnImageName '" + name + "' is not N@file");
            }
            if (index < 0) throw new FormatException(star, "particle " + (row + 1) + ": rlnImageName '" + name + "': N counts from 1");
            file = name.substring(at + 1);
        }
        Path p = relative(dir, file);
        if (p == null) {
            throw new FormatException(star, "particle " + (row + 1) + ": '" + name + "' not found (looked for " + dir.resolve(file).normalize()
                    + " and from the working directory)");
        }
        return new Member(p, index);
    }

    /** One pixel size for all particles, or NaN when the STAR file gives none. */
    private static double pixelSize(List<Star.Block> blocks, Star.Table t, Path star) throws FormatException {
        Map<String, Double> byGroup = new HashMap<>();
        Star.Block optics = Star.block(blocks, "optics").orElse(null);
        if (optics != null && optics.loop() != null) {
            Star.Table o = optics.loop();
            String label = o.has("rlnImagePixelSize") ? "rlnImagePixelSize" : o.has("rlnPixelSize") ? "rlnPixelSize" : null;
            for (int r = 0; label != null && r < o.size(); r++) {
                String g = o.has("rlnOpticsGroup") ? o.get(r, "rlnOpticsGroup") : "1";
                byGroup.put(g, number(star, "data_optics row " + (r + 1), label, o.get(r, label)));
            }
        }
        String own = t.has("rlnImagePixelSize") ? "rlnImagePixelSize" : t.has("rlnPixelSize") ? "rlnPixelSize" : null;
        double found = Double.NaN;
        for (int r = 0; r < t.size(); r++) {
            Double a = null;
            if (!byGroup.isEmpty()) {
                a = t.has("rlnOpticsGroup") ? byGroup.get(t.get(r, "rlnOpticsGroup")) : byGroup.size() == 1 ? byGroup.values().iterator().next() : null;
                if (a == null) throw new FormatException(star, "particle " + (r + 1) + ": no pixel size for its optics group in data_optics");
            } else if (own != null) {
                a = number(star, "particle " + (r + 1), own, t.get(r, own));
            }
            if (a == null) continue;
            if (!(a > 0)) throw new FormatException(star, "particle " + (r + 1) + ": pixel size " + a + " is not positive");
            if (Double.isNaN(found)) found = a;
            else if (Math.abs(a - found) > 1e-6 * found) {
                throw new FormatException(star, "particle " + (r + 1) + " has pixel size " + a + " Å but particle 1 has " + found + " Å; all particles must have one pixel size");
            }
        }
        return found;
    }

    private static double number(Path star, String where, String label, String text) throws FormatException {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new FormatException(star, where + ": _" + label + " '" + text + "' is not a number");
        }
    }

    /** Every member: index in range and the same box as particle 1 (reads each file's header once). */
    private void checkMembers() throws IOException {
        Map<Path, int[]> seen = new HashMap<>(); // file → {count, nx, ny, nz}
        int[] first = null;
        for (int r = 0; r < members.size(); r++) {
            Member m = members.get(r);
            int[] h = seen.get(m.file());
            if (h == null) {
                try (Mrc f = Mrc.open(m.file())) {
                    Header x = f.readHeader(0);
                    h = new int[] {f.size(), x.getInt("nx", 0), x.getInt("ny", 0), x.getInt("nz", 0)};
                }
                seen.put(m.file(), h);
            }
            if (m.index() >= h[0]) {
                throw new FormatException(star, "particle " + (r + 1) + ": " + name(r) + " asks for image " + (m.index() + 1) + " but " + m.file() + " holds " + h[0]);
            }
            if (first == null) first = h;
            else if (h[1] != first[1] || h[2] != first[2] || h[3] != first[3]) {
                throw new FormatException(star, "particle " + (r + 1) + " (" + m.file() + ") is " + h[1] + "x" + h[2] + "x" + h[3]
                        + " but particle 1 is " + first[1] + "x" + first[2] + "x" + first[3] + "; all particles must have the same box");
            }
        }
    }

    /** The particles loop as read (all columns, one row per particle, in stack order). */
    public Star.Table particles() { return particles; }

    /** Particle i's rlnImageName exactly as written in the STAR file. */
    public String name(int i) { return particles.get(i, "rlnImageName"); }

    /** The pixel size the STAR file gives (Å), or NaN if it gives none. */
    public double pixelSize() { return apix; }

    @Override public Path path() { return star; }
    @Override public int size() { return members.size(); }
    @Override public String formatName() { return "RELION STAR (" + members.size() + " particles)"; }

    @Override
    public Volume read(int i) throws IOException {
        Member m = member(i);
        Volume v = file(m).read(m.index());
        if (!Double.isNaN(apix)) v.setApix(apix);
        tag(v.header(), m);
        return v;
    }

    @Override
    public Header readHeader(int i) throws IOException {
        Member m = member(i);
        Header h = file(m).readHeader(m.index());
        if (!Double.isNaN(apix)) h.put("apix_x", (float) apix).put("apix_y", (float) apix).put("apix_z", (float) apix);
        return tag(h, m);
    }

    private Member member(int i) {
        if (i < 0 || i >= members.size()) throw new IndexOutOfBoundsException(star + ": image " + i + " of " + members.size());
        return members.get(i);
    }

    private Mrc file(Member m) throws IOException {
        if (!m.file().equals(openPath)) {
            close();
            openFile = Mrc.open(m.file());
            openPath = m.file();
        }
        return openFile;
    }

    private static Header tag(Header h, Member m) {
        return h.put("source_path", m.file().toString()).put("source_n", m.index());
    }

    @Override
    public void close() throws IOException {
        if (openFile != null) {
            Mrc f = openFile;
            openFile = null;
            openPath = null;
            f.close();
        }
    }
}

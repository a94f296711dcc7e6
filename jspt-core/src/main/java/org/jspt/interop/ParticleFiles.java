package org.jspt.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.jspt.image.Header;
import org.jspt.image.Volume;
import org.jspt.io.ImageStack;
import org.jspt.io.ImageStacks;
import org.jspt.io.Mrc;
import org.jspt.io.em.EmFile;

/**
 * Where each input particle lives, and writing particles one file each for programs that cannot read the input.
 *
 * <p>{@link #write} streams: one particle in memory at a time, each into a temporary folder beside the target that
 * replaces the target (and an earlier export's folder) only when every file is written, so a failed export leaves
 * the earlier folder as it was.
 */
public final class ParticleFiles {
    /** One particle's image: a file and the 0-based image index in it. */
    public record Location(Path file, int index) {
        /** True for a file RELION 3.1 reads as one 3-D volume: a single-volume MRC (not a stack). */
        public boolean relionReadable() {
            String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
            return index == 0 && (n.endsWith(".mrc") || n.endsWith(".map") || n.endsWith(".rec"));
        }
    }

    private ParticleFiles() {}

    /** The file and index of particle i of the stack (an EMAN2 list's or a STAR file's member, else the stack file itself). */
    public static Location locate(ImageStack s, int i) throws IOException {
        Header h = s.readHeader(i);
        if (h.has("data_source")) return new Location(Path.of(h.getString("data_source", "")), h.getInt("data_n", 0));
        if (h.has("source_path")) return new Location(Path.of(h.getString("source_path", "")), h.getInt("source_n", 0));
        return new Location(s.path().toAbsolutePath().normalize(), i);
    }

    /** Every particle's location, by index. */
    public static List<Location> locateAll(Path input) throws IOException {
        List<Location> out = new ArrayList<>();
        try (ImageStack s = ImageStacks.open(input)) {
            for (int i = 0; i < s.size(); i++) out.add(locate(s, i));
        }
        return out;
    }

    /**
     * Writes particles {@code indices} of {@code input} into {@code folder}, particle i as {@code name.apply(i)}
     * ({@code .em} names as EM, others as MRC), with pixel size {@code apix}.
     * @return the files written, in the order of {@code indices}
     */
    public static List<Path> write(Path input, List<Integer> indices, Path folder, IntFunction<String> name, double apix) throws IOException {
        Path parent = folder.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + folder.getFileName() + ".part");
        List<Path> out = new ArrayList<>();
        boolean done = false;
        try (ImageStack s = ImageStacks.open(input)) {
            for (int i : indices) {
                Volume v = s.read(i);
                v.setApix(apix);
                String n = name.apply(i);
                Path f = tmp.resolve(n);
                if (n.endsWith(".em")) EmFile.write(f, v);
                else Mrc.write(f, v);
                out.add(folder.resolve(n));
            }
            deleteTree(folder);
            Files.move(tmp, folder);
            done = true;
        } finally {
            if (!done) deleteTree(tmp);
        }
        return out;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) Files.delete(f);
        }
    }

    /** A path as RELION and EMAN2 open it: relative to the working directory when it is below it, else absolute. */
    public static String nameFromWorkingDirectory(Path p) {
        Path abs = p.toAbsolutePath().normalize(), cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}

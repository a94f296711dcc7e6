package org.jspt.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jspt.image.Volume;

/**
 * Opens and creates image stacks by file extension: {@code .hdf/.h5/.hdf5} EMAN2 HDF5;
 * {@code .mrc/.map/.rec/.mrcs} MRC; {@code .em} the TOM/Dynamo EM format; {@code .lst} starting with "#LSX"/"#LST"
 * an EMAN2 particle list ({@link org.jspt.io.eman2.LstStack}), any other {@code .txt/.lst} a list of files;
 * {@code .star} a RELION particle STAR file ({@link StarStack}); {@code .tbl} or a folder of {@code particle_NNNNNN.em}
 * files a Dynamo particle folder ({@link org.jspt.io.dynamo.DynamoFolderStack}); a pattern with {@code * ? [} a glob.
 */
public final class ImageStacks {
    private ImageStacks() {}

    /** Opens a file, list or glob for reading. */
    public static ImageStack open(String pathOrGlob) throws IOException {
        if (pathOrGlob.contains("*") || pathOrGlob.contains("?") || pathOrGlob.contains("[")) {
            if (!Files.exists(Path.of(pathOrGlob))) return FileListStack.fromGlob(pathOrGlob);
        }
        return open(Path.of(pathOrGlob));
    }

    public static ImageStack open(Path path) throws IOException {
        if (org.jspt.io.dynamo.DynamoFolderStack.isParticleFolder(path)) return org.jspt.io.dynamo.DynamoFolderStack.open(path);
        return switch (kind(path)) {
            case HDF -> EmanHdf.open(path);
            case MRC, MRCS -> Mrc.open(path);
            case EM -> org.jspt.io.em.EmFile.open(path);
            case LIST -> org.jspt.io.eman2.LstFile.isLst(path) ? org.jspt.io.eman2.LstStack.open(path, Path.of("").toAbsolutePath())
                    : FileListStack.fromListFile(path);
            case STAR -> StarStack.open(path);
            case DYNAMO -> org.jspt.io.dynamo.DynamoFolderStack.open(path);
        };
    }

    /**
     * A writer for a new stack at {@code path} (written under a temporary name, renamed on close).
     * {@code .mrc/.map/.rec} take exactly one volume; {@code .mrcs} takes images of one size.
     */
    public static ImageStackWriter create(Path path) throws IOException {
        return switch (kind(path)) {
            case HDF -> EmanHdf.create(path);
            case MRC -> new SingleVolumeWriter(path, false);
            case MRCS -> new LazyMrcsWriter(path);
            case EM -> new SingleVolumeWriter(path, true);
            case LIST, STAR, DYNAMO -> throw new IOException(path + ": cannot write a list or STAR file as an image stack; use .hdf or .mrcs");
        };
    }

    enum Kind { HDF, MRC, MRCS, EM, LIST, STAR, DYNAMO }

    static Kind kind(Path path) throws FormatException {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".hdf") || name.endsWith(".h5") || name.endsWith(".hdf5")) return Kind.HDF;
        if (name.endsWith(".mrcs")) return Kind.MRCS;
        if (name.endsWith(".mrc") || name.endsWith(".map") || name.endsWith(".rec")) return Kind.MRC;
        if (name.endsWith(".txt") || name.endsWith(".lst")) return Kind.LIST;
        if (name.endsWith(".star")) return Kind.STAR;
        if (name.endsWith(".em")) return Kind.EM;
        if (name.endsWith(".tbl")) return Kind.DYNAMO;
        throw new FormatException(path, "unknown file type; expected .hdf, .h5, .mrc, .mrcs, .map, .rec, .em, a .txt or .lst list, a .star file, "
                + "a Dynamo .tbl or particle folder");
    }

    /** One volume to an MRC or EM file. */
    private static final class SingleVolumeWriter implements ImageStackWriter {
        private final Path path;
        private final boolean em;
        private Volume volume;

        SingleVolumeWriter(Path path, boolean em) {
            this.path = path;
            this.em = em;
        }

        @Override public Path path() { return path; }
        @Override public int count() { return volume == null ? 0 : 1; }

        @Override
        public void append(Volume v) throws IOException {
            if (volume != null) throw new IOException(path + ": an " + (em ? "EM" : "MRC") + " file holds one volume; write stacks as .hdf or .mrcs");
            volume = v;
        }

        @Override
        public void close() throws IOException {
            if (volume == null) throw new IOException(path + ": no image was written");
            if (em) org.jspt.io.em.EmFile.write(path, volume);
            else Mrc.write(path, volume);
        }

        @Override public void abort() { volume = null; }
    }

    /** An .mrcs writer created at the first image, when the image size is known. */
    private static final class LazyMrcsWriter implements ImageStackWriter {
        private final Path path;
        private ImageStackWriter w;

        LazyMrcsWriter(Path path) { this.path = path; }

        @Override public Path path() { return path; }
        @Override public int count() { return w == null ? 0 : w.count(); }

        @Override
        public void append(Volume v) throws IOException {
            if (w == null) w = Mrc.createStack(path, v.nx, v.ny, v.nz);
            w.append(v);
        }

        @Override
        public void close() throws IOException {
            if (w == null) throw new IOException(path + ": no image was written");
            w.close();
        }

        @Override public void abort() { if (w != null) w.abort(); }
    }
}

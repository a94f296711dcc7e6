package org.jspt.io.mrc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspt.image.Header;
import org.jspt.image.Volume;
import org.jspt.io.FormatException;
import org.jspt.io.ImageStack;
import org.jspt.io.ImageStackWriter;

/**
 * An MRC2014 file ({@code .mrc}, {@code .map}, {@code .rec}: one volume; {@code .mrcs}: a stack), read
 * one image at a time with positional reads, so streaming a large stack holds one image in memory.
 *
 * <p><b>Layout.</b> A {@code .mrcs} file is a stack of nz 2-D images of nx × ny, unless ispg is 401:
 * then it is a stack of nz / mz volumes of nx × ny × mz. Any other name is one nx × ny × nz volume.
 * Columns, rows and sections map to the volume's x, y, z through mapc, mapr, maps (any permutation);
 * the returned volume is always x fastest. Voxels start at byte 1024 + nsymbt (the extended header
 * is skipped, not interpreted).
 *
 * <p><b>Byte order</b> comes from the machine stamp: 0x44 0x44 (MRC2014) or 0x44 0x41 (EMAN2, CCP4)
 * is little-endian, 0x11 0x11 big-endian; other stamps (often all zero) are guessed from the mode,
 * mapc/mapr/maps and dimensions as EMAN2 does ({@code docs/reference/formats.md} §3.3).
 *
 * <p><b>Modes</b>: see {@link MrcMode}. NB: mode 0 is read as <em>signed</em> int8 as MRC2014 defines
 * it; EMAN2 reads it as unsigned (byte 200 → 200 in EMAN2, −56 here).
 *
 * <p><b>Header keys</b> of each image: nx, ny, nz (Integer, the volume's shape), apix_x/y/z (Float,
 * Å/px = xlen/mx etc. with EMAN2's fallbacks), origin_x/y/z (Float, Å, from xorigin…), datatype
 * (EMAN2's type code of the stored values), {@code MRC.<field>} for every header field and
 * {@code MRC.label0}… for the labels in use.
 *
 * <p><b>Strict:</b> a bad map ID, an unreadable byte order, an unsupported mode, non-positive sizes,
 * mapc/mapr/maps that are not a permutation, or a short file are errors ({@link FormatException});
 * an empty map ID (old files) is accepted. NaN or infinite voxels are errors on read.
 * Not thread-safe: open one per thread.
 */
public final class Mrc implements ImageStack {
    private final Path path;
    private final FileChannel channel;
    private final MrcHeader header;
    private final MrcMode mode;
    private final int count;
    /** Columns, rows and sections of one image in the file. */
    private final int cols, rows, sections;
    /** Shape of one returned volume (x, y, z). */
    private final int vx, vy, vz;
    private final Header common;

    private Mrc(Path path, FileChannel channel, MrcHeader h, boolean stack) {
        this.path = path;
        this.channel = channel;
        this.header = h;
        this.mode = MrcMode.of(h.mode());
        cols = h.nx();
        rows = h.ny();
        if (!stack) {
            count = 1;
            sections = h.nz();
        } else if (h.ispg() == 401) {
            sections = h.getInt("mz");
            count = h.nz() / sections;
        } else {
            sections = 1;
            count = h.nz();
        }
        int[] shape = new int[3];
        int[] m = h.axisMap();
        shape[m[0] - 1] = cols;
        shape[m[1] - 1] = rows;
        shape[m[2] - 1] = sections;
        vx = shape[0];
        vy = shape[1];
        vz = shape[2];
        common = MrcHeaderKeys.toHeader(h, mode, vx, vy, vz);
    }

    /**
     * Opens an MRC file and checks its header and length (no voxels are read).
     * @throws FormatException naming the file and the field for any fatal problem
     */
    public static Mrc open(Path path) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new FormatException(path, "file not found");
        }
        try {
            long size = ch.size();
            if (size < MrcHeader.SIZE) {
                throw new FormatException(path, "file is " + size + " bytes, shorter than the 1024-byte MRC header");
            }
            byte[] raw = new byte[MrcHeader.SIZE];
            readFully(ch, ByteBuffer.wrap(raw), 0, path);
            MrcHeader h = parse(path, raw);
            boolean stack = isStackName(path);
            for (MrcChecks.Problem p : MrcChecks.check(h, raw, size, stack)) {
                if (p.fatal()) throw new FormatException(path, p.message());
            }
            return new Mrc(path, ch, h, stack);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static MrcHeader parse(Path path, byte[] raw) throws FormatException {
        ByteOrder order = MrcChecks.stampOrder(raw);
        if (order == null) order = MrcChecks.guessOrder(raw);
        if (order == null) {
            throw new FormatException(path, "machine stamp is " + MrcChecks.stampText(raw)
                    + " and header 'mode' is no valid mode in either byte order (not an MRC file?)");
        }
        return MrcHeader.of(raw, order);
    }

    static boolean isStackName(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mrcs");
    }

    /** The parsed main header (raw values as stored). */
    public MrcHeader header() { return header; }

    @Override public Path path() { return path; }
    @Override public int size() { return count; }

    /** E.g. "MRC mode 2 (float32)". */
    @Override public String formatName() { return "MRC mode " + mode.code + " (" + mode.typeName + ")"; }

    @Override
    public Header readHeader(int i) {
        checkIndex(i);
        return common.copy();
    }

    /** Image i (reads only its bytes). @throws FormatException if a voxel is NaN or infinite */
    @Override
    public Volume read(int i) throws IOException {
        checkIndex(i);
        long n = (long) cols * rows * sections;
        if (n > Integer.MAX_VALUE - 8) {
            throw new FormatException(path, "image of " + cols + "x" + rows + "x" + sections + " voxels is too large for one volume");
        }
        float[] fileOrder = new float[(int) n];
        long pos = header.dataOffset() + (long) i * n * mode.bytes;
        // Read in 1 MiB pieces (a multiple of every voxel size) so a large volume needs no second byte copy.
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(1 << 20, n * mode.bytes)).order(header.order());
        for (long done = 0; done < n; ) {
            int take = (int) Math.min(buf.capacity() / mode.bytes, n - done);
            buf.clear().limit(take * mode.bytes);
            readFully(channel, buf, pos + done * mode.bytes, path);
            buf.flip();
            mode.decode(buf, fileOrder, (int) done, take);
            done += take;
        }
        Volume v = new Volume(vx, vy, vz, reorder(fileOrder), common.copy());
        int bad = v.firstNonFinite();
        if (bad >= 0) {
            int x = bad % vx, y = (bad / vx) % vy, z = bad / (vx * vy);
            throw new FormatException(path, (count > 1 ? "image " + i + " " : "") + "voxel (" + x + ", " + y + ", "
                    + z + ") is " + (Float.isNaN(v.data[bad]) ? "NaN" : "infinite"));
        }
        return v;
    }

    /** File order (columns fastest) → x fastest, following mapc/mapr/maps. */
    private float[] reorder(float[] src) {
        int[] m = header.axisMap();
        if (m[0] == 1 && m[1] == 2 && m[2] == 3) return src;
        long[] stride = {1, vx, (long) vx * vy};
        int sc = (int) stride[m[0] - 1], sr = (int) stride[m[1] - 1], ss = (int) stride[m[2] - 1];
        float[] dst = new float[src.length];
        int i = 0;
        for (int s = 0; s < sections; s++) {
            for (int r = 0; r < rows; r++) {
                int base = s * ss + r * sr;
                for (int c = 0; c < cols; c++) dst[base + c * sc] = src[i++];
            }
        }
        return dst;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= count) throw new IndexOutOfBoundsException(path + ": image " + i + " of " + count);
    }

    static void readFully(FileChannel ch, ByteBuffer buf, long pos, Path path) throws IOException {
        while (buf.hasRemaining()) {
            int got = ch.read(buf, pos);
            if (got < 0) throw new FormatException(path, "unexpected end of file at byte " + pos);
            pos += got;
        }
    }

    @Override
    public void close() throws IOException { channel.close(); }

    /**
     * Writes one volume as MRC2014 mode 2 (float32, little-endian), replacing {@code path} atomically.
     * See {@link MrcWriter} for the header written.
     * @throws IllegalArgumentException for a NaN/infinite voxel, or a .mrcs name with nz > 1
     */
    public static void write(Path path, Volume v) throws IOException {
        if (isStackName(path) && v.nz > 1) {
            throw new IllegalArgumentException(path + ": a .mrcs file is a stack of 2-D images; use Mrc.createStack "
                    + "for volumes or name the file .mrc");
        }
        try (MrcWriter w = new MrcWriter(path, v.nx, v.ny, v.nz, MrcWriter.Kind.VOLUME)) {
            w.append(v);
        }
    }

    /**
     * A writer for a {@code .mrcs} stack of nx × ny × nz images: 2-D images (ispg 0) when nz is 1, else
     * a volume stack (ispg 401, mz = nz). The file appears under {@code path} only at close().
     * @throws IllegalArgumentException if the name does not end in .mrcs or a size is not positive
     */
    public static ImageStackWriter createStack(Path path, int nx, int ny, int nz) throws IOException {
        if (!isStackName(path)) throw new IllegalArgumentException(path + ": an MRC stack must be named .mrcs");
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException(path + ": image size must be positive, got " + nx + "x" + ny + "x" + nz);
        }
        return new MrcWriter(path, nx, ny, nz, nz == 1 ? MrcWriter.Kind.IMAGES : MrcWriter.Kind.VOLUMES);
    }

    /**
     * Every problem found in the file's header and length, each as "path: problem"; an empty list means
     * valid. Stricter than {@link #open}: it also lists what open accepts (unknown stamp, empty map ID,
     * nversion other than 20140/20141, trailing bytes, odd ispg or nlabl). Voxel values are not checked.
     */
    public static List<String> validate(Path path) {
        List<String> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < MrcHeader.SIZE) {
                out.add(path + ": file is " + size + " bytes, shorter than the 1024-byte MRC header");
                return out;
            }
            byte[] raw = new byte[MrcHeader.SIZE];
            readFully(ch, ByteBuffer.wrap(raw), 0, path);
            MrcHeader h = parse(path, raw);
            for (MrcChecks.Problem p : MrcChecks.check(h, raw, size, isStackName(path))) out.add(path + ": " + p.message());
        } catch (NoSuchFileException e) {
            out.add(path + ": file not found");
        } catch (IOException e) {
            out.add(e instanceof FormatException ? e.getMessage() : path + ": " + e);
        }
        return out;
    }
}

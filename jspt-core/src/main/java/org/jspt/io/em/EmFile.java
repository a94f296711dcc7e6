package org.jspt.io.em;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspt.image.Header;
import org.jspt.image.Volume;
import org.jspt.io.AtomicFiles;
import org.jspt.io.FormatException;
import org.jspt.io.ImageStack;

/**
 * The EM format of the TOM toolbox, AV3, Dynamo and PyTom ({@code .em}): one image or volume after a 512-byte
 * header. Layout as TOM's {@code tom_emread.m}/{@code tom_emwrite.m} document it (checked in the TOM toolbox
 * sources, {@code IOfun/tom_emread.m}):
 * <pre>
 * byte 0      machine: 0 OS-9, 1 VAX, 2 Convex, 3 SGI, 4 Sun, 5 Mac, 6 PC
 *             (TOM reads 0, 3 and 5 as big-endian and everything else as little-endian; so does this class)
 * byte 1      general purpose (0)
 * byte 2      1: the header is to be ignored (then no parameters are reported)
 * byte 3      data type: 1 int8, 2 int16, 4 int32, 5 float32, 8 complex float, 9 float64, 10 complex double
 * bytes 4-15  nx, ny, nz (int32)
 * bytes 16-95 comment (80 characters)
 * bytes 96-255  40 int32 parameters: 1 voltage (V), 2 Cs (mm·1000), …, 7 object pixel size (Å·1000), …
 * bytes 256-511 user data (first 20 characters user name, then 8 characters date)
 * data        x fastest, then y, then z
 * </pre>
 *
 * <p>Reading accepts data types 1, 2, 4, 5 and 9 (real values; complex types are a {@link FormatException}) and
 * checks that the file is exactly as long as the header says (a short file is an error naming both lengths).
 * Header keys: nx, ny, nz, apix_x/y/z (from parameter 7 when it is positive, else 1 Å, as jspt's MRC reader
 * falls back), {@code EM.machine}, {@code EM.datatype}, {@code EM.comment} and {@code EM.param1}…{@code EM.param40}
 * for the parameters that are not 0.
 *
 * <p>Writing ({@link #write}) produces what {@code tom_emwrite} does for a float volume: machine 6 (PC,
 * little-endian), type 5, the comment, parameter 7 = pixel size in Å·1000 (rounded), the rest 0; the file is
 * replaced atomically. Not thread-safe.
 */
public final class EmFile implements ImageStack {
    /** The header length. */
    public static final int HEADER = 512;
    private static final int TYPE_INT8 = 1, TYPE_INT16 = 2, TYPE_INT32 = 4, TYPE_FLOAT = 5, TYPE_DOUBLE = 9;

    private final Path path;
    private final Header header;
    private final ByteOrder order;
    private final int type;

    private EmFile(Path path, Header header, ByteOrder order, int type) {
        this.path = path;
        this.header = header;
        this.order = order;
        this.type = type;
    }

    /** Reads and checks the header (no voxels). @throws FormatException naming the file and the problem */
    public static EmFile open(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < HEADER) throw new FormatException(path, "file is " + size + " bytes, shorter than the 512-byte EM header");
            ByteBuffer b = ByteBuffer.allocate(HEADER);
            while (b.hasRemaining()) if (ch.read(b, b.position()) < 0) break;
            byte[] raw = b.array();
            int machine = raw[0];
            if (machine < 0 || machine > 6) throw new FormatException(path, "machine byte is " + machine + ", not 0-6 (not an EM file?)");
            ByteOrder order = machine == 0 || machine == 3 || machine == 5 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            int type = raw[3];
            int bytes = bytesPer(type);
            if (bytes == 0) {
                throw new FormatException(path, "data type " + type + " is not supported (1 int8, 2 int16, 4 int32, 5 float, 9 double; complex types 8 and 10 are not images)");
            }
            ByteBuffer h = ByteBuffer.wrap(raw).order(order);
            int nx = h.getInt(4), ny = h.getInt(8), nz = h.getInt(12);
            if (nx < 1 || ny < 1 || nz < 1) throw new FormatException(path, "dimensions " + nx + "x" + ny + "x" + nz + " are not positive");
            long expected = HEADER + (long) nx * ny * nz * bytes;
            if (size != expected) {
                throw new FormatException(path, "file is " + size + " bytes but its header (" + nx + "x" + ny + "x" + nz + ", type " + type + ") needs " + expected);
            }
            Header hd = new Header().put("nx", nx).put("ny", ny).put("nz", nz);
            hd.put("EM.machine", machine).put("EM.datatype", type);
            String comment = new String(raw, 16, 80, StandardCharsets.ISO_8859_1).replace("\0", "").strip();
            if (!comment.isEmpty()) hd.put("EM.comment", comment);
            double apix = 1;
            if (raw[2] != 1) {
                for (int k = 0; k < 40; k++) {
                    int p = h.getInt(96 + 4 * k);
                    if (p != 0) hd.put("EM.param" + (k + 1), p);
                }
                int obj = h.getInt(96 + 4 * 6);
                if (obj > 0) apix = obj / 1000.0;
            }
            hd.put("apix_x", (float) apix).put("apix_y", (float) apix).put("apix_z", (float) apix);
            return new EmFile(path, hd, order, type);
        } catch (NoSuchFileException e) {
            throw new FormatException(path, "file not found");
        }
    }

    private static int bytesPer(int type) {
        return switch (type) {
            case TYPE_INT8 -> 1;
            case TYPE_INT16 -> 2;
            case TYPE_INT32, TYPE_FLOAT -> 4;
            case TYPE_DOUBLE -> 8;
            default -> 0;
        };
    }

    @Override public Path path() { return path; }
    @Override public int size() { return 1; }
    @Override public String formatName() { return "EM (TOM/Dynamo) type " + type; }

    @Override
    public Header readHeader(int i) {
        check(i);
        return header.copy();
    }

    @Override
    public Volume read(int i) throws IOException {
        check(i);
        int nx = header.getInt("nx", 0), ny = header.getInt("ny", 0), nz = header.getInt("nz", 0);
        float[] data = new float[nx * ny * nz];
        int bytes = bytesPer(type);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 20).order(order);
            long pos = HEADER;
            int done = 0;
            while (done < data.length) {
                b.clear();
                b.limit(Math.min(b.capacity() / bytes, data.length - done) * bytes);
                while (b.hasRemaining()) {
                    int r = ch.read(b, pos + b.position());
                    if (r < 0) throw new FormatException(path, "file ends inside the data");
                }
                b.flip();
                while (b.hasRemaining()) {
                    float v = switch (type) {
                        case TYPE_INT8 -> b.get();
                        case TYPE_INT16 -> b.getShort();
                        case TYPE_INT32 -> b.getInt();
                        case TYPE_FLOAT -> b.getFloat();
                        default -> (float) b.getDouble();
                    };
                    if (!Float.isFinite(v)) throw new FormatException(path, "voxel " + done + " is " + v + "; EM files read here must hold finite values");
                    data[done++] = v;
                }
                pos += b.limit();
            }
        }
        return new Volume(nx, ny, nz, data, header.copy());
    }

    private void check(int i) {
        if (i != 0) throw new IndexOutOfBoundsException(path + ": image " + i + " of 1");
    }

    @Override public void close() {}

    /** Writes {@code v} as float32 EM (machine 6, type 5, pixel size in parameter 7), replacing {@code path} atomically. */
    public static void write(Path path, Volume v) throws IOException {
        int bad = v.firstNonFinite();
        if (bad >= 0) throw new IllegalArgumentException(path + ": voxel " + bad + " is " + v.data[bad] + "; EM files hold finite values only");
        ByteBuffer b = ByteBuffer.allocate(HEADER + 4 * v.data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 6).put(3, (byte) TYPE_FLOAT);
        b.putInt(4, v.nx).putInt(8, v.ny).putInt(12, v.nz);
        byte[] comment = "jspt".getBytes(StandardCharsets.US_ASCII);
        for (int k = 0; k < comment.length; k++) b.put(16 + k, comment[k]);
        double apix = v.header().getDouble("apix_x", 0);
        if (apix > 0) b.putInt(96 + 4 * 6, (int) Math.round(apix * 1000));
        b.position(HEADER);
        for (float f : v.data) b.putFloat(f);
        AtomicFiles.writeBytes(path, b.array());
    }
}

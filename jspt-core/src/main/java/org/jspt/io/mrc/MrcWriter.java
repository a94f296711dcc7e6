package org.jspt.io.mrc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.jspt.image.Header;
import org.jspt.image.Volume;
import org.jspt.io.AtomicFiles;
import org.jspt.io.ImageStackWriter;

/**
 * Writes MRC2014 mode 2 (float32, little-endian) to a temporary file beside the target and renames it
 * over the target in {@link #close()} (docs/reference/formats.md §3.4, with MRC2014 values where EMAN2 differs).
 *
 * <p>Header written: nx, ny as the images; nz = sections in the file; mode 2; nxstart/nystart/nzstart
 * from {@code MRC.nxstart}… of the first image, else −n/2 (an EMAN2 quirk kept for compatibility);
 * mx, my = nx, ny and mz = nz of one image (1 for a 2-D stack, the MRC2014 convention); xlen = mx·apix_x
 * (Å) etc.; angles 90°; mapc/mapr/maps 1, 2, 3; amin/amax/amean/rms over all voxels (rms = σ with n − 1,
 * as EMAN2); ispg 0 (volume: {@code MRC.ispg} if 0..230), 401 for a volume stack; nsymbt 0;
 * origin from origin_x/y/z (Å); map "MAP "; stamp 0x44 0x44 0 0 (MRC2014; EMAN2 writes 0x44 0x41);
 * nversion 20140; labels: the first image's {@code MRC.label*} plus "jspt &lt;date time&gt;" if room.
 * Not thread-safe.
 */
final class MrcWriter implements ImageStackWriter {
    /** One volume; a stack of 2-D images; a stack of volumes (ispg 401). */
    enum Kind { VOLUME, IMAGES, VOLUMES }

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private final Path path, tmp;
    private final int nx, ny, nz;
    private final Kind kind;
    private final FileChannel channel;
    private final ByteBuffer buf;
    private Header first;
    private int count;
    private boolean finished;
    // Running statistics (Welford) over every voxel written.
    private long n;
    private double mean, m2;
    private float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;

    MrcWriter(Path path, int nx, int ny, int nz, Kind kind) throws IOException {
        this.path = path;
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.kind = kind;
        tmp = AtomicFiles.tempBeside(path);
        channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
        buf = ByteBuffer.allocate(1 << 20).order(ORDER);
        channel.position(MrcHeader.SIZE);
    }

    @Override public Path path() { return path; }
    @Override public int count() { return count; }

    /** The temporary file being written (for tests). */
    Path temporaryPath() { return tmp; }

    /**
     * Appends one image. @throws IllegalArgumentException for a different size, a NaN/infinite voxel,
     * or a second volume in a single-volume file (nothing is written then)
     */
    @Override
    public void append(Volume v) throws IOException {
        if (finished) throw new IllegalStateException(path + ": writer is closed");
        if (v.nx != nx || v.ny != ny || v.nz != nz) {
            throw new IllegalArgumentException(path + ": image " + count + " is " + v.shape() + "; this file holds "
                    + nx + "x" + ny + (nz > 1 ? "x" + nz : "") + " images");
        }
        if (kind == Kind.VOLUME && count == 1) throw new IllegalArgumentException(path + ": holds one volume only");
        int bad = v.firstNonFinite();
        if (bad >= 0) {
            throw new IllegalArgumentException(path + ": image " + count + " voxel (" + bad % nx + ", " + (bad / nx) % ny
                    + ", " + bad / (nx * ny) + ") is " + v.data[bad] + "; MRC files hold finite values only");
        }
        if (first == null) first = v.header().copy();
        for (int i = 0; i < v.data.length; ) {
            buf.clear();
            int take = Math.min(buf.capacity() / 4, v.data.length - i);
            for (int k = 0; k < take; k++) {
                float f = v.data[i + k];
                buf.putFloat(f);
                if (f < min) min = f;
                if (f > max) max = f;
                double d = f - mean;
                mean += d / ++n;
                m2 += d * (f - mean);
            }
            i += take;
            buf.flip();
            while (buf.hasRemaining()) channel.write(buf);
        }
        count++;
    }

    @Override
    public void close() throws IOException {
        if (finished) return;
        try {
            if (count == 0) throw new IOException(path + ": no images were written; an MRC file needs at least one");
            ByteBuffer hb = ByteBuffer.wrap(header().bytes());
            while (hb.hasRemaining()) channel.write(hb, hb.position());
            channel.force(true);
            channel.close();
            AtomicFiles.commit(tmp, path);
            finished = true;
        } finally {
            if (!finished) abort();
        }
    }

    @Override
    public void abort() {
        finished = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing to save: the file is being discarded.
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // A stray temporary file is harmless; its name starts with a dot.
        }
    }

    private MrcHeader header() {
        int sections = kind == Kind.VOLUME ? nz : count * nz;
        int mz = kind == Kind.IMAGES ? 1 : nz;
        float ax = (float) first.getDouble("apix_x", 1), ay = (float) first.getDouble("apix_y", ax);
        float az = (float) first.getDouble("apix_z", ax);
        int ispg = switch (kind) {
            case VOLUMES -> 401;
            case IMAGES -> 0;
            case VOLUME -> { int g = first.getInt("MRC.ispg", 0); yield g >= 0 && g <= 230 ? g : 0; }
        };
        MrcHeader h = MrcHeader.blank(ORDER)
                .with("nx", nx).with("ny", ny).with("nz", sections).with("mode", MrcMode.FLOAT32.code)
                .with("nxstart", first.getInt("MRC.nxstart", -nx / 2))
                .with("nystart", first.getInt("MRC.nystart", -ny / 2))
                .with("nzstart", first.getInt("MRC.nzstart", -nz / 2))
                .with("mx", nx).with("my", ny).with("mz", mz)
                .with("xlen", nx * ax).with("ylen", ny * ay).with("zlen", mz * az)
                .with("alpha", 90f).with("beta", 90f).with("gamma", 90f)
                .with("mapc", 1).with("mapr", 2).with("maps", 3)
                .with("amin", min).with("amax", max).with("amean", (float) mean)
                .with("ispg", ispg).with("nsymbt", 0).with("nversion", 20140)
                .with("xorigin", (float) first.getDouble("origin_x", 0))
                .with("yorigin", (float) first.getDouble("origin_y", 0))
                .with("zorigin", (float) first.getDouble("origin_z", 0))
                .with("map", "MAP ").with("rms", (float) (n > 1 ? Math.sqrt(m2 / (n - 1)) : 0))
                .withStamp();
        int labels = 0;
        for (int i = 0; i < MrcHeader.LABELS && first.has("MRC.label" + i); i++) {
            h = h.withLabel(labels++, first.getString("MRC.label" + i, ""));
        }
        if (labels < MrcHeader.LABELS) {
            h = h.withLabel(labels++, "jspt " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        }
        // Unused labels are NUL-filled, as MRC2014 writers usually leave them.
        return h.with("nlabl", labels);
    }
}

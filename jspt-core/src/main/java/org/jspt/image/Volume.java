package org.jspt.image;

import java.util.Arrays;

/**
 * A real float32 image of nx × ny × nz voxels, x fastest: the voxel (x, y, z) is
 * {@code data[x + nx * (y + ny * z)]}. A 2-D image has nz = 1.
 *
 * <p>The volume holds its data and its header and nothing else: kernels index {@link #data}
 * directly. The pixel size (Å/px) lives in the header as EMAN2's {@code apix_x/y/z}.
 * Not thread-safe.
 */
public final class Volume implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public final int nx, ny, nz;
    /** The voxels, x fastest. Exposed on purpose: hot loops index it directly. */
    public final float[] data;
    private final Header header;

    /** A zero-filled volume with apix 1. */
    public Volume(int nx, int ny, int nz) {
        this(nx, ny, nz, new float[checkedSize(nx, ny, nz)], new Header());
    }

    /** Wraps {@code data} (not copied). @throws IllegalArgumentException if the length is not nx·ny·nz */
    public Volume(int nx, int ny, int nz, float[] data, Header header) {
        long n = checkedSize(nx, ny, nz);
        if (data.length != n) {
            throw new IllegalArgumentException("data length " + data.length + " != " + nx + "x" + ny + "x" + nz);
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.data = data;
        this.header = header == null ? new Header() : header;
    }

    private static int checkedSize(int nx, int ny, int nz) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("volume size must be positive, got " + nx + "x" + ny + "x" + nz);
        }
        long n = (long) nx * ny * nz;
        if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("volume too large: " + nx + "x" + ny + "x" + nz);
        return (int) n;
    }

    /** A cube of side n. */
    public static Volume cube(int n) { return new Volume(n, n, n); }

    public Header header() { return header; }
    public int size() { return data.length; }
    public boolean sameShape(Volume o) { return nx == o.nx && ny == o.ny && nz == o.nz; }
    public boolean isCube() { return nx == ny && ny == nz; }
    public int index(int x, int y, int z) { return x + nx * (y + ny * z); }
    public float get(int x, int y, int z) { return data[x + nx * (y + ny * z)]; }
    public void set(int x, int y, int z, float v) { data[x + nx * (y + ny * z)] = v; }

    /** Pixel size in Å/px ({@code apix_x}, default 1). */
    public double apix() { return header.getDouble("apix_x", 1.0); }

    /** Sets apix_x/y/z (as float32, as EMAN2 does on volumes made in C++). */
    public Volume setApix(double apix) {
        header.put("apix_x", (float) apix).put("apix_y", (float) apix).put("apix_z", (float) apix);
        return this;
    }

    /** A deep copy of data and header. */
    public Volume copy() { return new Volume(nx, ny, nz, data.clone(), header.copy()); }

    /** A zero volume of the same shape with a copy of this header. */
    public Volume blankLike() { return new Volume(nx, ny, nz, new float[data.length], header.copy()); }

    public String shape() { return nz == 1 ? nx + "x" + ny : nx + "x" + ny + "x" + nz; }

    /** Mean of the voxels (double accumulation). */
    public double mean() {
        double s = 0;
        for (float v : data) s += v;
        return s / data.length;
    }

    /** Standard deviation with n−1 in the denominator, as EMAN2's {@code sigma}. */
    public double sigma() {
        double m = mean(), s = 0;
        for (float v : data) s += (v - m) * (v - m);
        return data.length > 1 ? Math.sqrt(s / (data.length - 1)) : 0;
    }

    /** Index of the first NaN or infinite voxel, or −1 if all are finite. */
    public int firstNonFinite() {
        for (int i = 0; i < data.length; i++) if (!Float.isFinite(data[i])) return i;
        return -1;
    }

    public void fill(float v) { Arrays.fill(data, v); }

    @Override
    public String toString() { return "Volume[" + shape() + ", apix=" + apix() + "]"; }
}

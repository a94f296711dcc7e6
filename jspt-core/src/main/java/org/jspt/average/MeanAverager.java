package org.jspt.average;

import org.jspt.image.Header;
import org.jspt.image.Volume;

/**
 * {@code mean} ({@code docs/reference/processing.md} §10.1): avg = Σ w·v / n per voxel; with ignore0 each voxel is divided by
 * its count of non-zero contributions (0 if none). Header {@code ptcl_repr} = n. Per-voxel population σ via
 * {@link #sigma()}. Memory: two double arrays (+ an int array with ignore0) of the volume's size.
 */
public final class MeanAverager implements Averager {
    private final boolean ignore0;
    private double[] sum, sumSq;
    private int[] counts;
    private int n, nx, ny, nz;
    private Header header;

    public MeanAverager(boolean ignore0) { this.ignore0 = ignore0; }

    @Override
    public String name() { return "mean"; }

    private void init(int nx, int ny, int nz, Header h) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        int size = nx * ny * nz;
        sum = new double[size];
        sumSq = new double[size];
        if (ignore0) counts = new int[size];
        header = h.copy();
    }

    private void checkShape(int x, int y, int z) {
        if (x != nx || y != ny || z != nz) throw new IllegalArgumentException("mean: volume is " + x + "x" + y + "x" + z + ", average is " + nx + "x" + ny + "x" + nz);
    }

    @Override
    public void add(Volume v, double weight) {
        if (sum == null) init(v.nx, v.ny, v.nz, v.header());
        checkShape(v.nx, v.ny, v.nz);
        float[] d = v.data;
        for (int i = 0; i < d.length; i++) {
            double x = weight * d[i];
            sum[i] += x;
            sumSq[i] += x * x;
            if (ignore0 && x != 0) counts[i]++;
        }
        n++;
    }

    @Override
    public void merge(Averager other) {
        if (!(other instanceof MeanAverager o) || o.ignore0 != ignore0) throw new IllegalArgumentException("cannot merge " + other.name() + " into mean(ignore0=" + ignore0 + ")");
        if (o.n == 0) return;
        if (sum == null) init(o.nx, o.ny, o.nz, o.header);
        checkShape(o.nx, o.ny, o.nz);
        for (int i = 0; i < sum.length; i++) {
            sum[i] += o.sum[i];
            sumSq[i] += o.sumSq[i];
            if (ignore0) counts[i] += o.counts[i];
        }
        n += o.n;
    }

    @Override
    public int count() { return n; }

    private double countAt(int i) { return ignore0 ? counts[i] : n; }

    @Override
    public Volume finish() {
        if (n == 0) throw new IllegalStateException("mean: no volume was added");
        Volume out = new Volume(nx, ny, nz, new float[sum.length], header.copy());
        for (int i = 0; i < sum.length; i++) {
            double c = countAt(i);
            out.data[i] = c > 0 ? (float) (sum[i] / c) : 0f;
        }
        out.header().put("ptcl_repr", n);
        return out;
    }

    /** Per-voxel population standard deviation (divisor n, or the non-zero count with ignore0). */
    public Volume sigma() {
        if (n == 0) throw new IllegalStateException("mean: no volume was added");
        Volume out = new Volume(nx, ny, nz, new float[sum.length], header.copy());
        for (int i = 0; i < sum.length; i++) {
            double c = countAt(i);
            if (c <= 0) continue;
            double m = sum[i] / c;
            out.data[i] = (float) Math.sqrt(Math.max(0, sumSq[i] / c - m * m));
        }
        return out;
    }
}

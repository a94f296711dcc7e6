package org.jspt.average;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspt.image.Header;
import org.jspt.image.Volume;

/**
 * {@code median} ({@code docs/reference/processing.md} §10.3): the per-voxel median (even n: mean of the two middle values).
 * An exact median needs every member, so this averager <b>holds a copy of each added volume: O(n) memory</b>.
 */
public final class MedianAverager implements Averager {
    private final List<float[]> members = new ArrayList<>();
    private int nx, ny, nz;
    private Header header;

    @Override
    public String name() { return "median"; }

    @Override
    public void add(Volume v, double weight) {
        if (members.isEmpty() && header == null) {
            nx = v.nx; ny = v.ny; nz = v.nz;
            header = v.header().copy();
        }
        if (v.nx != nx || v.ny != ny || v.nz != nz) throw new IllegalArgumentException("median: volume is " + v.shape() + ", average is " + nx + "x" + ny + "x" + nz);
        float[] c = new float[v.data.length];
        for (int i = 0; i < c.length; i++) c[i] = (float) (weight * v.data[i]);
        members.add(c);
    }

    @Override
    public void merge(Averager other) {
        if (!(other instanceof MedianAverager o)) throw new IllegalArgumentException("cannot merge " + other.name() + " into median");
        if (o.members.isEmpty()) return;
        if (header == null) {
            nx = o.nx; ny = o.ny; nz = o.nz;
            header = o.header.copy();
        }
        if (o.nx != nx || o.ny != ny || o.nz != nz) throw new IllegalArgumentException("median: cannot merge different sizes");
        for (float[] m : o.members) members.add(m.clone());
    }

    @Override
    public int count() { return members.size(); }

    @Override
    public Volume finish() {
        int n = members.size();
        if (n == 0) throw new IllegalStateException("median: no volume was added");
        Volume out = new Volume(nx, ny, nz, new float[nx * ny * nz], header.copy());
        float[] col = new float[n];
        for (int i = 0; i < out.data.length; i++) {
            for (int k = 0; k < n; k++) col[k] = members.get(k)[i];
            Arrays.sort(col);
            out.data[i] = n % 2 == 1 ? col[n / 2] : (float) ((col[n / 2 - 1] + (double) col[n / 2]) / 2);
        }
        return out;
    }
}

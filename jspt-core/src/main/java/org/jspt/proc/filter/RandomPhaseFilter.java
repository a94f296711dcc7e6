package org.jspt.proc.filter;

import java.util.List;
import java.util.Random;
import org.jspt.image.FourierVolume;
import org.jspt.image.Fft;
import org.jspt.image.Volume;
import org.jspt.proc.Descriptor;
import org.jspt.proc.ParamSpec;
import org.jspt.proc.ParamType;
import org.jspt.proc.Params;
import org.jspt.proc.Processor;
import org.jspt.proc.Processors;

/**
 * {@code filter.lowpass.randomphase} ({@code docs/reference/processing.md} §3.7): every coefficient with s ≥ c keeps its
 * amplitude and gets a uniform random phase in [0, 2π); those below c are untouched.
 *
 * <p>NB: unlike EMAN2 (kx/(N+2), no Hermitian fix) this uses s from kx/nx and makes the kx = 0 and
 * kx = nx/2 planes Hermitian (F(kx, −ky, −kz) = conj F(kx, ky, kz)), so amplitudes are exactly kept and the
 * result is real, as docs/reference/processing.md decides. A self-conjugate coefficient gets a random sign. Without {@code seed}
 * each call draws from a fresh unseeded RNG; with it, each call restarts that seed.
 */
public final class RandomPhaseFilter implements Processor {
    public static final Descriptor<Processor> DESCRIPTOR = new Descriptor<>("filter.lowpass.randomphase",
            "keeps amplitudes, randomises phases at and beyond the cutoff",
            concat(Cutoff.params(false, null, true),
                    ParamSpec.of("seed", ParamType.INT, "jspt: RNG seed for reproducible phases (default: unseeded)")),
            RandomPhaseFilter::create);

    private final Cutoff cutoff;
    private final Long seed;

    private RandomPhaseFilter(Cutoff cutoff, Long seed) {
        this.cutoff = cutoff;
        this.seed = seed;
    }

    private static List<ParamSpec> concat(List<ParamSpec> a, ParamSpec b) {
        java.util.ArrayList<ParamSpec> l = new java.util.ArrayList<>(a);
        l.add(b);
        return l;
    }

    private static Processor create(Params p) {
        return new RandomPhaseFilter(Cutoff.required(p, true), p.has("seed") ? (long) p.getInt("seed") : null);
    }

    @Override
    public String name() { return "filter.lowpass.randomphase"; }

    @Override
    public void apply(Volume in, Volume out) {
        Processors.checkOutput(this, in, out);
        double c = cutoff.cyclesPerPixel(in);
        Random rng = seed == null ? new Random() : new Random(seed);
        FourierVolume f = Fft.forward(in, null);
        float[] d = f.data;
        int nyq = f.nx % 2 == 0 ? f.nx / 2 : -1;
        for (int z = 0; z < f.nz; z++) {
            int kz = FourierVolume.signedIndex(z, f.nz);
            for (int y = 0; y < f.ny; y++) {
                int ky = FourierVolume.signedIndex(y, f.ny);
                int row = f.rowLength * (y + f.ny * z);
                for (int kx = 0; kx < f.nkx; kx++) {
                    if (f.frequency(kx, ky, kz) < c) continue;
                    int i = row + 2 * kx;
                    double amp = Math.hypot(d[i], d[i + 1]);
                    if (kx == 0 || kx == nyq) {
                        int py = (f.ny - y) % f.ny, pz = (f.nz - z) % f.nz;
                        long self = (long) z * f.ny + y, partner = (long) pz * f.ny + py;
                        if (partner < self) continue; // set together with its partner
                        if (partner == self) {
                            d[i] = (float) (rng.nextBoolean() ? amp : -amp);
                            d[i + 1] = 0;
                            continue;
                        }
                        double ph = rng.nextDouble() * 2 * Math.PI;
                        d[i] = (float) (amp * Math.cos(ph));
                        d[i + 1] = (float) (amp * Math.sin(ph));
                        int j = f.rowLength * (py + f.ny * pz) + 2 * kx;
                        d[j] = d[i];
                        d[j + 1] = -d[i + 1];
                    } else {
                        double ph = rng.nextDouble() * 2 * Math.PI;
                        d[i] = (float) (amp * Math.cos(ph));
                        d[i + 1] = (float) (amp * Math.sin(ph));
                    }
                }
            }
        }
        Fft.inverse(f, out);
        Processors.copyHeader(in, out);
        cutoff.stampApix(out);
    }
}

package org.jspt.ctf;

import java.io.IOException;
import java.nio.file.Path;
import org.jspt.image.Volume;
import org.jspt.io.FormatException;
import org.jspt.io.Mrc;

/**
 * Reads and writes a particle's 3-D CTF / weight volume ({@code rlnCtfImage}) in either of the two layouts
 * RELION 3.1 accepts (reconstructor.cpp and ml_optimiser.cpp getFourierTransformsAndCtfs, RELION 3.1.3): an
 * n³ cube with the zero frequency at voxel n/2 (RELION 3 / Warp), or the FFTW half grid (n/2+1) × n × n;
 * told apart by the shape, as RELION does (x size equal to y size: cube; x = y/2 + 1: half).
 */
public final class WeightFiles {
    private WeightFiles() {}

    /** The weight in {@code file} (image 0 of an MRC file). @throws FormatException for any other shape */
    public static FourierWeight read(Path file, WeightConvention convention) throws IOException {
        Volume v;
        try (Mrc m = Mrc.open(file)) {
            v = m.read(0);
        }
        return of(v, convention, file);
    }

    /** The weight held by a volume read from {@code file} (named in errors). */
    public static FourierWeight of(Volume v, WeightConvention convention, Path file) throws FormatException {
        if (v.nx == v.ny && v.ny == v.nz && v.nx % 2 == 0) return FourierWeight.fromCentredCube(v, convention);
        if (v.ny == v.nz && v.ny % 2 == 0 && v.nx == v.ny / 2 + 1) return FourierWeight.fromHalf(v, convention);
        throw new FormatException(file, "a 3-D CTF volume must be an even cube n³ (zero frequency at n/2) or RELION's half grid (n/2+1)×n×n, got " + v.shape());
    }

    /** Writes {@code w} as RELION 3's centred cube (what Warp writes and RELION 3.1 reads), atomically. */
    public static void writeCentredCube(Path file, FourierWeight w, double apix) throws IOException {
        Mrc.write(file, w.toCentredCube().setApix(apix));
    }
}

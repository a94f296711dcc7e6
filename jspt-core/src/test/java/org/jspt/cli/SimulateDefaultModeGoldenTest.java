package org.jspt.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.jspt.Fixtures;
import org.jspt.image.Volume;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.io.ImageStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default {@code jspt simulate} mode (white noise + wedge) must stay byte for byte what it was before
 * the tilt-series mode existed (issue 14): the digests below were taken from the code before that change
 * (commit f00cbf9). The HDF container itself holds a timestamp, so the voxel values and headers' apix are
 * hashed, and truth.json byte for byte. NB: voxel values come from FFTW; a CPU with other SIMD codelets
 * could round differently, in which case re-take the digest on the old commit on that machine.
 */
class SimulateDefaultModeGoldenTest {
    @TempDir Path tmp;

    @Test
    void defaultModeOutputIsUnchanged() throws Exception {
        Path out = tmp.resolve("g");
        CliRun.Result r = CliRun.run("simulate", "--phantom", "tripod", "--pdb", Fixtures.pdb("1A8O.pdb").toString(), "--box", "24",
                "--per-class", "3", "--apix", "4", "--snr", "0.5", "--tilt", "50", "--seed", "7", "--threads", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        MessageDigest voxels = MessageDigest.getInstance("SHA-256");
        try (ImageStack s = EmanHdf.open(out.resolve("particles.hdf"))) {
            assertEquals(6, s.size());
            for (int i = 0; i < s.size(); i++) {
                Volume v = s.read(i);
                ByteBuffer b = ByteBuffer.allocate(4 * v.data.length + 8).order(ByteOrder.LITTLE_ENDIAN);
                for (float f : v.data) b.putFloat(f);
                b.putDouble(v.apix());
                voxels.update(b.array());
            }
        }
        String truth = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(out.resolve("truth.json"))));
        assertEquals("5a885a6ccc1f4c7f49f38b9c1a7cf0ba1ff4de2dfa08cacae49eb41683dedbc8", truth, "truth.json");
        assertEquals("648f46716f647b159dfdac3c2e9dcb36acf8daa7d54a6afd602b7f73975fc680", HexFormat.of().formatHex(voxels.digest()), "particle voxels");
        assertFalse(Files.exists(out.resolve("particles")) || Files.exists(out.resolve("ctf")) || Files.exists(out.resolve("particles.star")),
                "the default mode writes no tilt-series files");
    }
}

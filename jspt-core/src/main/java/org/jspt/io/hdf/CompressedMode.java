package org.jspt.io.hdf;

import java.nio.file.Path;
import org.jspt.image.Header;
import org.jspt.io.FormatException;

/**
 * EMAN2's "compressed" HDF mode ({@code write_compressed}, {@code docs/reference/formats.md} §2.1, §2.3):
 * voxels stored as unsigned integers of {@code stored_renderbits} bits spanning
 * [{@code stored_rendermin}, {@code stored_rendermax}]. Reading only; we always write float32.
 */
final class CompressedMode {
    private CompressedMode() {}

    /**
     * Maps raw integer values (in place) to value = raw / (2^bits − 1) · (max − min) + min. Without
     * {@code stored_renderbits} (or with 0) the raw integers are kept as they are, as EMAN2 does.
     */
    static void decode(float[] raw, Header h, Path file, int index) throws FormatException {
        int bits = h.getInt("stored_renderbits", 0);
        if (bits <= 0) return;
        if (bits > 16 || !h.has("stored_rendermin") || !h.has("stored_rendermax")) {
            throw new FormatException(file, "image " + index + ": compressed data with stored_renderbits " + bits
                    + " needs 1..16 bits and stored_rendermin/stored_rendermax");
        }
        // NB: float32 arithmetic, as EMAN2's C++ reader does, so values match EMAN2's to the last bit.
        float min = (float) h.getDouble("stored_rendermin", 0), max = (float) h.getDouble("stored_rendermax", 0);
        float scale = (max - min) / (float) ((1 << bits) - 1);
        for (int k = 0; k < raw.length; k++) raw[k] = raw[k] * scale + min;
    }
}

package org.jspt.ctf;

import java.util.Locale;

/**
 * What a particle's {@link FourierWeight} M means for its data d (Fourier space, signal s):
 * <ul>
 * <li>{@link #CTF}: RELION 3 / Warp subtomograms, d ≈ CTF₃D·s + white-ish noise; M = the signed 3-D CTF
 *     (or a binary wedge). The class average is Σ Mᵢ·dᵢ / (Σ Mᵢ² + ε).</li>
 * <li>{@link #PREMULTIPLIED}: RELION 4/5 pseudo-subtomograms, d ≈ Σ CTF²·s with noise variance ∝ M;
 *     M = Σ CTF² (≥ 0). The class average is Σ dᵢ / (Σ Mᵢ + ε).</li>
 * </ul>
 * Either way d ≈ M·s, which is all the comparators and the aligner need; only averaging differs
 * (docs/weights.md).
 */
public enum WeightConvention {
    CTF, PREMULTIPLIED;

    /** "ctf" or "premultiplied" (any case). @throws IllegalArgumentException otherwise */
    public static WeightConvention parse(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "ctf" -> CTF;
            case "premultiplied" -> PREMULTIPLIED;
            default -> throw new IllegalArgumentException("weight convention must be ctf or premultiplied, got '" + s + "'");
        };
    }
}

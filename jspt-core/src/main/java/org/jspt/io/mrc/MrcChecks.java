package org.jspt.io.mrc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Header checks shared by {@link Mrc#open} (which throws on the first fatal problem) and
 * {@link Mrc#validate} (which lists every problem), so both say the same thing in the same words.
 */
final class MrcChecks {
    private MrcChecks() {}

    /** One finding; fatal ones stop {@link Mrc#open}, the others only show in {@link Mrc#validate}. */
    record Problem(String message, boolean fatal) {}

    /** Byte order from the machine stamp, or null if the stamp is not one we know. */
    static ByteOrder stampOrder(byte[] raw) {
        byte a = raw[212], b = raw[213];
        // MRC2014 says 0x44 0x44; EMAN2 (and CCP4 on little-endian hosts) write 0x44 0x41. Both mean little-endian.
        if (a == MrcHeader.STAMP_LE && (b == MrcHeader.STAMP_LE || b == MrcHeader.STAMP_LE_EMAN)) return ByteOrder.LITTLE_ENDIAN;
        if (a == MrcHeader.STAMP_BE && b == MrcHeader.STAMP_BE) return ByteOrder.BIG_ENDIAN;
        return null;
    }

    /**
     * Byte order guessed as EMAN2 does when the stamp is unknown (docs/reference/formats.md §3.3): for mode 0 from
     * mapc/mapr/maps in 1..3, then from sane dimensions; otherwise from a mode in 1..127. Null if neither fits.
     */
    static ByteOrder guessOrder(byte[] raw) {
        ByteBuffer le = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer be = ByteBuffer.wrap(raw).order(ByteOrder.BIG_ENDIAN);
        if (le.getInt(12) == 0) { // mode 0 reads the same in both orders
            if (axesInRange(le)) return ByteOrder.LITTLE_ENDIAN;
            if (axesInRange(be)) return ByteOrder.BIG_ENDIAN;
            if (dimsSane(le)) return ByteOrder.LITTLE_ENDIAN;
            if (dimsSane(be)) return ByteOrder.BIG_ENDIAN;
            return null;
        }
        if (inModeRange(le.getInt(12))) return ByteOrder.LITTLE_ENDIAN;
        if (inModeRange(be.getInt(12))) return ByteOrder.BIG_ENDIAN;
        return null;
    }

    private static boolean inModeRange(int mode) { return mode >= 1 && mode <= 127; }

    private static boolean axesInRange(ByteBuffer b) {
        for (int off = 64; off <= 72; off += 4) if (b.getInt(off) < 1 || b.getInt(off) > 3) return false;
        return true;
    }

    private static boolean dimsSane(ByteBuffer b) {
        long x = b.getInt(0), y = b.getInt(4), z = b.getInt(8);
        return x > 0 && y > 0 && z > 0 && (x + y + z) / 3 <= (1 << 20);
    }

    /** "found 0x00 0x00 0x00 0x00". */
    static String stampText(byte[] raw) {
        return String.format("0x%02x 0x%02x 0x%02x 0x%02x", raw[212], raw[213], raw[214], raw[215]);
    }

    /**
     * Every problem of header {@code h} for a file of {@code fileSize} bytes, in reading order.
     * {@code stack} is true for a {@code .mrcs} name (sections are images or volumes).
     */
    static List<Problem> check(MrcHeader h, byte[] raw, long fileSize, boolean stack) {
        List<Problem> out = new ArrayList<>();
        String map = h.getChars("map");
        if (map.equals("\0\0\0\0")) {
            out.add(new Problem("header 'map' is empty; expected \"MAP \" (a pre-MRC2000 file?)", false));
        } else if (!map.equals("MAP ") && !map.equals("MAP\0")) {
            out.add(new Problem("header 'map' is \"" + printable(map) + "\"; expected \"MAP \" (not an MRC file?)", true));
        }
        if (stampOrder(raw) == null) {
            out.add(new Problem("machine stamp is " + stampText(raw) + "; expected 0x44 0x44 0x00 0x00 (little-endian) or "
                    + "0x11 0x11 0x00 0x00 (big-endian); byte order guessed as " + h.order(), false));
        }
        MrcMode mode = MrcMode.of(h.mode());
        if (mode == null) out.add(new Problem(MrcMode.unsupported(h.mode()), true));
        if (h.getChars("imod_stamp").equals("IMOD") && (h.getInt("imod_flags") & 16) != 0) {
            out.add(new Problem("header 'imod_flags' has bit 16 set (4-bit packed voxels); not supported", true));
        }
        boolean dimsOk = true;
        for (String f : new String[] {"nx", "ny", "nz"}) {
            if (h.getInt(f) <= 0) {
                out.add(new Problem("header '" + f + "' is " + h.getInt(f) + "; expected a positive size", true));
                dimsOk = false;
            }
        }
        int[] m = h.axisMap();
        if (!isPermutation(m)) {
            out.add(new Problem("header 'mapc', 'mapr', 'maps' are " + m[0] + ", " + m[1] + ", " + m[2]
                    + "; expected a permutation of 1, 2, 3", true));
        } else if (stack && m[2] != 3) {
            out.add(new Problem("header 'maps' is " + m[2] + "; a .mrcs stack needs its sections along z (maps 3)", true));
        }
        if (h.nsymbt() < 0) {
            out.add(new Problem("header 'nsymbt' is " + h.nsymbt() + "; expected ≥ 0 bytes of extended header", true));
        }
        for (String f : new String[] {"mx", "my", "mz"}) {
            if (h.getInt(f) < 0) out.add(new Problem("header '" + f + "' is " + h.getInt(f) + "; expected ≥ 0", false));
        }
        if (stack && h.ispg() == 401) {
            int mz = h.getInt("mz");
            if (mz <= 0 || (dimsOk && h.nz() % mz != 0)) {
                out.add(new Problem("header 'mz' is " + mz + " but 'nz' is " + h.nz()
                        + "; a volume stack (ispg 401) needs nz = number of volumes × mz", true));
            }
        }
        int ispg = h.ispg();
        if (!(ispg >= 0 && ispg <= 230) && !(ispg >= 400 && ispg <= 630)) {
            out.add(new Problem("header 'ispg' is " + ispg + "; expected 0..230 or 400..630", false));
        }
        int nlabl = h.getInt("nlabl");
        if (nlabl < 0 || nlabl > MrcHeader.LABELS) {
            out.add(new Problem("header 'nlabl' is " + nlabl + "; expected 0..10", false));
        }
        int nversion = h.getInt("nversion");
        if (nversion != 20140 && nversion != 20141) {
            out.add(new Problem("header 'nversion' is " + nversion + "; expected 20140 or 20141 (MRC2014)", false));
        }
        if (mode != null && dimsOk && h.nsymbt() >= 0) checkLength(h, mode, fileSize, out);
        return out;
    }

    private static void checkLength(MrcHeader h, MrcMode mode, long fileSize, List<Problem> out) {
        long need = h.dataOffset() + (long) mode.bytes * h.nx() * h.ny() * h.nz();
        String formula = "1024 + " + (h.nsymbt() > 0 ? h.nsymbt() + " + " : "")
                + mode.bytes + "·" + h.nx() + "·" + h.ny() + "·" + h.nz() + " = " + need;
        if (fileSize < need) {
            out.add(new Problem("file is " + fileSize + " bytes but the header needs " + formula + " (truncated?)", true));
        } else if (fileSize > need) {
            out.add(new Problem("warning: file is " + fileSize + " bytes, " + (fileSize - need)
                    + " more than the header needs (" + formula + "); the extra bytes are ignored", false));
        }
    }

    static boolean isPermutation(int[] m) {
        return m.length == 3 && m[0] != m[1] && m[1] != m[2] && m[0] != m[2]
                && m[0] >= 1 && m[0] <= 3 && m[1] >= 1 && m[1] <= 3 && m[2] >= 1 && m[2] <= 3;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) b.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        return b.toString();
    }
}

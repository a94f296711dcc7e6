package org.jspt.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import org.jspt.io.FormatException;

/**
 * Reads atoms from a PDB file: ATOM and HETATM records of the first MODEL only, water (HOH) excluded, one
 * alternative conformation per residue ({@link AltLocs}), each atom weighted by its atomic number (from the element
 * columns 77–78, else from the atom name). {@link StructureFiles} opens the file.
 */
public final class PdbReader {
    /** Element symbols by atomic number (index 0 unused). */
    private static final String[] ELEMENTS = ("X H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn "
            + "Ga Ge As Se Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy "
            + "Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U").split(" ");

    private PdbReader() {}

    /** The atoms of the PDB text {@code in}; {@code path} names the file in errors. */
    static AtomModel read(BufferedReader in, Path path) throws IOException {
        AtomModel.Builder atoms = new AtomModel.Builder();
        AltLocs altLocs = new AltLocs();
        int lineNo = 0;
        for (String line; (line = in.readLine()) != null; ) {
            lineNo++;
            if (line.startsWith("ENDMDL")) break; // first MODEL only
            if (!(line.startsWith("ATOM  ") || line.startsWith("HETATM"))) continue;
            if (line.length() < 54) throw new FormatException(path, "line " + lineNo + ": ATOM record too short for coordinates");
            String resName = line.substring(17, 20).trim();
            if (isWater(resName)) continue;
            double x, y, z;
            try {
                x = Double.parseDouble(line.substring(30, 38).trim());
                y = Double.parseDouble(line.substring(38, 46).trim());
                z = Double.parseDouble(line.substring(46, 54).trim());
            } catch (NumberFormatException e) {
                throw new FormatException(path, "line " + lineNo + ": bad coordinates '" + line.substring(30, 54) + "'");
            }
            int residue = residueNumber(line, path, lineNo);
            char chain = line.charAt(21);
            if (!altLocs.keep(chain + "|" + residue + "|" + line.charAt(26), line.substring(16, 17).trim())) continue;
            int zNum = atomicNumber(line);
            if (zNum <= 0) throw new FormatException(path, "line " + lineNo + ": unknown element in '" + line.trim() + "'");
            atoms.add(x, y, z, zNum, chain, residue);
        }
        if (atoms.size() == 0) throw new FormatException(path, "no ATOM or HETATM records (other than water)");
        return atoms.build();
    }

    /** Water, which the simulated particles leave out (the solvent is the noise). */
    static boolean isWater(String residueName) {
        return residueName.equals("HOH") || residueName.equals("WAT") || residueName.equals("DOD");
    }

    /** resSeq, columns 23–26 (the insertion code in column 27 is ignored). */
    private static int residueNumber(String line, Path path, int lineNo) throws FormatException {
        String s = line.substring(22, 26).trim();
        if (s.isEmpty()) return 0;
        try {
            return Character.isLetter(s.charAt(0)) ? hybrid36(line.substring(22, 26)) : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new FormatException(path, "line " + lineNo + ": bad residue number '" + s + "'");
        }
    }

    /**
     * A 4-character hybrid-36 number, how programs write residue numbers above 9999 into the PDB format: A000…ZZZZ are
     * 10000 onwards (base 36 with digits 0-9A-Z), then a000…zzzz. @throws NumberFormatException if it is not one
     */
    static int hybrid36(String field) {
        if (field.length() != 4 || !Character.isLetter(field.charAt(0))) throw new NumberFormatException(field);
        boolean upper = Character.isUpperCase(field.charAt(0));
        for (char c : field.toCharArray()) {
            if (Character.isLetter(c) && Character.isUpperCase(c) != upper) throw new NumberFormatException(field);
        }
        int v = Integer.parseInt(field.toUpperCase(java.util.Locale.ROOT), 36) - 10 * 36 * 36 * 36; // A000 → 0
        return 10000 + v + (upper ? 0 : 26 * 36 * 36 * 36);
    }

    /** Atomic number from columns 77–78, or from the atom name (columns 13–14) when they are blank. */
    static int atomicNumber(String line) {
        if (line.length() >= 78) {
            int z = symbolToZ(line.substring(76, 78).trim());
            if (z > 0) return z;
        }
        // PDB convention: in the name field, a one-letter element is right-aligned in columns 13-14.
        String name = line.substring(12, Math.min(16, line.length()));
        String two = name.substring(0, 2).trim();
        if (two.length() == 2 && Character.isLetter(two.charAt(0)) && !Character.isDigit(name.charAt(0)) && name.charAt(0) != ' ') {
            int z = symbolToZ(two);
            if (z > 0 && two.charAt(0) != 'H' && two.charAt(0) != 'C' && two.charAt(0) != 'N' && two.charAt(0) != 'O') return z;
        }
        for (char ch : name.toCharArray()) if (Character.isLetter(ch)) return symbolToZ(String.valueOf(ch));
        return 0;
    }

    static int symbolToZ(String symbol) {
        if (symbol.isEmpty()) return 0;
        String s = symbol.substring(0, 1).toUpperCase() + symbol.substring(1).toLowerCase();
        for (int i = 1; i < ELEMENTS.length; i++) if (ELEMENTS[i].equals(s)) return i;
        return 0;
    }
}

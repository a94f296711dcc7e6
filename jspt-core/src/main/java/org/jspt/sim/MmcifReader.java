package org.jspt.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspt.io.FormatException;

/**
 * Reads atoms from a PDBx/mmCIF file's {@code _atom_site} category (a loop, or a single atom as tag–value pairs), with
 * the PDB reader's rules: ATOM and HETATM rows of the first model ({@code pdbx_PDB_model_num}), water excluded, one
 * alternative conformation per residue ({@link AltLocs}), each atom weighted by the atomic number of its
 * {@code type_symbol} (else of its atom name's first letter).
 *
 * <p>Chains and residues are the author's ({@code auth_asym_id}, {@code auth_seq_id}; the {@code label_} ones where
 * the author's are missing), as in the PDB format, so a selection such as {@code A/1-10} means the same residues in
 * a model's PDB and mmCIF files. A chain id of more than one character (large assemblies) has no PDB equivalent: a
 * private-use character stands for it in the {@link AtomModel}, which keeps the id for selections and messages.
 *
 * <p>Values follow CIF's token rules: whitespace-separated, {@code '…'} or {@code "…"} quoted (a quote ends only before
 * whitespace), {@code ;}-delimited text fields, {@code #} comments.
 */
final class MmcifReader {
    private MmcifReader() {}

    /** Private-use characters stand for chain ids longer than one character (never a real one-character id). */
    private static final char FIRST_LONG_CHAIN = '\uE000';

    static AtomModel read(BufferedReader in, Path path) throws IOException {
        Tokens t = new Tokens(in, path);
        Rows rows = new Rows(path);
        List<String> single = new ArrayList<>(), singleValues = new ArrayList<>();
        for (String tok; (tok = t.next()) != null; ) {
            if (t.bare && tok.equalsIgnoreCase("loop_")) {
                List<String> tags = new ArrayList<>();
                while ((tok = t.peek()) != null && t.bare && tok.startsWith("_")) tags.add(t.next());
                boolean atoms = !tags.isEmpty() && tags.get(0).toLowerCase().startsWith("_atom_site.");
                if (atoms) rows.columns(tags);
                String[] row = new String[tags.size()];
                int k = 0;
                while ((tok = t.peek()) != null && !(t.bare && isKeyword(tok))) {
                    row[k++] = t.next();
                    if (k == row.length) {
                        if (atoms) rows.add(row, t.line);
                        k = 0;
                    }
                }
                if (k != 0) throw new FormatException(path, "line " + t.line + ": loop of " + tags.get(0).replaceFirst("\\..*", "")
                        + " ends in the middle of a row (" + k + " of " + row.length + " values)");
            } else if (t.bare && tok.toLowerCase().startsWith("_atom_site.")) {
                String v = t.next();
                if (v == null) throw new FormatException(path, "line " + t.line + ": " + tok + " has no value");
                single.add(tok);
                singleValues.add(v);
            }
        }
        if (!single.isEmpty()) {
            rows.columns(single);
            rows.add(singleValues.toArray(String[]::new), t.line);
        }
        if (rows.atoms.size() == 0) throw new FormatException(path, "mmCIF without atoms: no _atom_site rows of ATOM or HETATM (other than water)");
        return rows.atoms.build();
    }

    private static boolean isKeyword(String tok) {
        String l = tok.toLowerCase();
        return l.startsWith("_") || l.equals("loop_") || l.startsWith("data_") || l.startsWith("save_") || l.equals("stop_") || l.equals("global_");
    }

    /** The _atom_site rows turned into atoms. */
    private static final class Rows {
        final Path path;
        final AtomModel.Builder atoms = new AtomModel.Builder();
        final AltLocs altLocs = new AltLocs();
        final Map<String, Character> chains = new HashMap<>();
        int group, symbol, atomName, alt, comp, asym, seq, ins, x, y, z, model;
        String firstModel;

        Rows(Path path) { this.path = path; }

        void columns(List<String> tags) throws FormatException {
            Map<String, Integer> at = new HashMap<>();
            for (int i = 0; i < tags.size(); i++) at.put(tags.get(i).toLowerCase().substring("_atom_site.".length()), i);
            group = at.getOrDefault("group_pdb", -1);
            symbol = at.getOrDefault("type_symbol", -1);
            atomName = at.getOrDefault("auth_atom_id", at.getOrDefault("label_atom_id", -1));
            alt = at.getOrDefault("label_alt_id", -1);
            comp = at.getOrDefault("auth_comp_id", at.getOrDefault("label_comp_id", -1));
            asym = at.getOrDefault("auth_asym_id", at.getOrDefault("label_asym_id", -1));
            seq = at.getOrDefault("auth_seq_id", at.getOrDefault("label_seq_id", -1));
            ins = at.getOrDefault("pdbx_pdb_ins_code", -1);
            model = at.getOrDefault("pdbx_pdb_model_num", -1);
            x = at.getOrDefault("cartn_x", -1);
            y = at.getOrDefault("cartn_y", -1);
            z = at.getOrDefault("cartn_z", -1);
            if (x < 0 || y < 0 || z < 0) throw new FormatException(path, "_atom_site has no Cartn_x, Cartn_y and Cartn_z (fractional coordinates are not read)");
        }

        void add(String[] r, int line) throws FormatException {
            if (group >= 0 && !(r[group].equalsIgnoreCase("ATOM") || r[group].equalsIgnoreCase("HETATM"))) return;
            if (model >= 0) {
                if (firstModel == null) firstModel = r[model];
                if (!firstModel.equals(r[model])) return; // first model only
            }
            if (comp >= 0 && PdbReader.isWater(r[comp])) return;
            char chain = chain(asym < 0 ? "" : r[asym]);
            int residue = residue(seq < 0 ? "." : r[seq], line);
            if (alt >= 0 && !altLocs.keep(chain + "|" + residue + "|" + (ins < 0 ? "" : r[ins]), r[alt])) return;
            int zNum = symbol >= 0 ? PdbReader.symbolToZ(unknown(r[symbol]) ? "" : r[symbol]) : 0;
            if (zNum <= 0 && atomName >= 0 && !unknown(r[atomName])) zNum = PdbReader.symbolToZ(r[atomName].substring(0, 1));
            if (zNum <= 0) throw new FormatException(path, "line " + line + ": unknown element '" + (symbol >= 0 ? r[symbol] : "?") + "'");
            atoms.add(number(r[x], line), number(r[y], line), number(r[z], line), zNum, chain, residue);
        }

        private char chain(String id) {
            if (id.isEmpty() || unknown(id)) id = " ";
            Character c = chains.get(id);
            if (c == null) {
                // chains.size() grows with every new id, so each long id gets its own character
                c = id.length() == 1 ? id.charAt(0) : (char) (FIRST_LONG_CHAIN + chains.size());
                if (id.length() != 1) atoms.longChainId(c, id);
                chains.put(id, c);
            }
            return c;
        }

        private int residue(String s, int line) throws FormatException {
            if (unknown(s)) return 0;
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new FormatException(path, "line " + line + ": bad residue number '" + s + "'");
            }
        }

        private double number(String s, int line) throws FormatException {
            try {
                // CIF numbers may carry a standard uncertainty in brackets: 12.345(6)
                int b = s.indexOf('(');
                return Double.parseDouble(b > 0 ? s.substring(0, b) : s);
            } catch (NumberFormatException e) {
                throw new FormatException(path, "line " + line + ": bad coordinate '" + s + "'");
            }
        }

        private static boolean unknown(String s) { return s.equals(".") || s.equals("?"); }
    }

    /** CIF tokens, one look-ahead; {@link #bare} says whether the last token returned or peeked was unquoted. */
    private static final class Tokens {
        final BufferedReader in;
        final Path path;
        int line;
        boolean bare;
        private String current;
        private int pos;
        private String peeked;
        private boolean peekedBare;

        Tokens(BufferedReader in, Path path) {
            this.in = in;
            this.path = path;
        }

        String peek() throws IOException {
            if (peeked == null) {
                peeked = scan();
                peekedBare = bare;
            }
            bare = peekedBare;
            return peeked;
        }

        String next() throws IOException {
            if (peeked != null) {
                String t = peeked;
                peeked = null;
                bare = peekedBare;
                return t;
            }
            return scan();
        }

        private String scan() throws IOException {
            while (true) {
                if (current == null || pos >= current.length()) {
                    current = in.readLine();
                    pos = 0;
                    if (current == null) return null;
                    line++;
                    if (current.startsWith(";")) return textField();
                }
                while (pos < current.length() && Character.isWhitespace(current.charAt(pos))) pos++;
                if (pos >= current.length()) continue;
                char c = current.charAt(pos);
                if (c == '#') {
                    pos = current.length();
                    continue;
                }
                if (c == '\'' || c == '"') {
                    int end = pos + 1;
                    while (end < current.length() && !(current.charAt(end) == c && (end + 1 == current.length() || Character.isWhitespace(current.charAt(end + 1))))) end++;
                    if (end >= current.length()) throw new FormatException(path, "line " + line + ": unterminated quoted value");
                    String t = current.substring(pos + 1, end);
                    pos = end + 1;
                    bare = false;
                    return t;
                }
                int end = pos;
                while (end < current.length() && !Character.isWhitespace(current.charAt(end))) end++;
                String t = current.substring(pos, end);
                pos = end;
                bare = true;
                return t;
            }
        }

        /** A ;-delimited text field starting on the current line. */
        private String textField() throws IOException {
            StringBuilder sb = new StringBuilder(current.substring(1));
            int start = line;
            for (String l; (l = in.readLine()) != null; ) {
                line++;
                if (l.startsWith(";")) {
                    current = l;
                    pos = 1;
                    bare = false;
                    return sb.toString();
                }
                sb.append('\n').append(l);
            }
            throw new FormatException(path, "line " + start + ": text field (;) without its closing ;");
        }
    }
}

package org.jspt.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.jspt.io.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StructureFiles}: PDB and mmCIF, gzipped or not, told apart by content; the mmCIF token rules; alternative conformations. */
class StructureFilesTest {
    @TempDir Path dir;

    /** Three atoms of chain A (one a water, one with two conformations), a chain with a long id, and a second model. */
    static final String CIF = String.join("\n",
            "# written by hand for the test",
            "data_TEST",
            "_struct.title 'a title with spaces'",
            "_struct.pdbx_descriptor",
            ";a text field",
            "with loop_ and _atom_site.Cartn_x inside it",
            ";",
            "loop_",
            "_entity.id _entity.type",
            "1 polymer 2 water",
            "#",
            "loop_",
            "_atom_site.group_PDB",
            "_atom_site.id",
            "_atom_site.type_symbol",
            "_atom_site.label_atom_id",
            "_atom_site.label_alt_id",
            "_atom_site.label_comp_id",
            "_atom_site.label_asym_id",
            "_atom_site.label_seq_id",
            "_atom_site.Cartn_x",
            "_atom_site.Cartn_y",
            "_atom_site.Cartn_z",
            "_atom_site.auth_seq_id",
            "_atom_site.auth_asym_id",
            "_atom_site.pdbx_PDB_model_num",
            "ATOM 1 N N . GLY X 1 1.0 2.0 3.0 10 A 1",
            "ATOM 2 C \"C5'\" A GLY X 1 4.0 5.0 6.0 10 A 1",
            "ATOM 3 C \"C5'\" B GLY X 1 40.0 50.0 60.0 10 A 1",
            "HETATM 4 O O . HOH W . 9.0 9.0 9.0 ? A 1",
            "HETATM 5 SE SE . MSE Y 2",
            "  7.5(3) 8.5 9.5 11 AA 1",
            "ATOM 6 N N . GLY X 1 100.0 100.0 100.0 10 A 2",
            "#",
            "loop_",
            "_atom_type.symbol",
            "N",
            "");

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.ISO_8859_1);
        return p;
    }

    private Path gzip(Path p) throws IOException {
        Path gz = dir.resolve(p.getFileName() + ".gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(Files.readAllBytes(p));
        }
        return gz;
    }

    @Test
    void mmcifAtomsFollowThePdbRules() throws Exception {
        AtomModel m = StructureFiles.read(write("t.cif", CIF));
        assertEquals(3, m.size(), "first model, no water, conformation A only");
        assertArrayEquals(new double[] {1, 4, 7.5}, new double[] {m.x(0), m.x(1), m.x(2)}, 0, "the value's uncertainty (3) is dropped");
        assertArrayEquals(new double[] {7, 6, 34}, new double[] {m.weight(0), m.weight(1), m.weight(2)}, 0);
        assertEquals('A', m.chain(0));
        assertEquals(10, m.residue(1), "the author's residue number, as in the PDB format");
        assertEquals(11, m.residue(2));
        assertTrue(m.chain(2) >= '\uE000', "a two-character chain id stands apart from every one-character one");
        assertEquals(2, m.chains().length());
        assertEquals("A, AA", m.chainIds());
        assertEquals(m.chain(2), m.chainWithId("AA"));
    }

    @Test
    void gzipAndFileNamesDoNotMatterOnlyTheContent() throws Exception {
        AtomModel plain = StructureFiles.read(write("t.cif", CIF));
        AtomModel gz = StructureFiles.read(gzip(dir.resolve("t.cif")));
        AtomModel renamed = StructureFiles.read(write("t.pdb", CIF));
        for (AtomModel m : new AtomModel[] {gz, renamed}) {
            assertEquals(plain.size(), m.size());
            assertArrayEquals(plain.centreOfMass(), m.centreOfMass(), 0);
        }
        Path pdb = write("p.ent", "HEADER    TEST\nATOM      1  CA  GLY A   1       1.000   2.000   3.000  1.00  0.00           C\nEND\n");
        assertEquals(1, StructureFiles.read(gzip(pdb)).size());
    }

    @Test
    void singleAtomAsTagValuePairs() throws Exception {
        String one = "data_one\n_atom_site.group_PDB ATOM\n_atom_site.type_symbol Fe\n_atom_site.Cartn_x 1\n_atom_site.Cartn_y 2\n"
                + "_atom_site.Cartn_z 3\n_atom_site.auth_asym_id B\n";
        AtomModel m = StructureFiles.read(write("one.cif", one));
        assertEquals(1, m.size());
        assertEquals(26, m.weight(0), 0);
        assertEquals('B', m.chain(0));
        AtomModel noChain = StructureFiles.read(write("nochain.cif", one.replace("_atom_site.auth_asym_id B\n", "")));
        assertEquals(' ', noChain.chain(0), "no chain column: a blank chain, as in a PDB file without one");
        assertFalse(noChain.hasLongChainIds());
    }

    @Test
    void pdbKeepsOneConformationPerResidue() throws Exception {
        String pdb = String.join("\n",
                "ATOM      1  N   GLY A   1       1.000   2.000   3.000  1.00  0.00           N",
                "ATOM      2  CA AGLY A   1       2.000   2.000   3.000  0.50  0.00           C",
                "ATOM      3  CA BGLY A   1       2.500   2.000   3.000  0.50  0.00           C",
                "ATOM      4  CA BSER A   2       5.000   2.000   3.000  0.50  0.00           C",
                "ATOM      5  CA CSER A   2       5.500   2.000   3.000  0.50  0.00           C",
                "ATOM      6  CA  SER A   2A      7.000   2.000   3.000  1.00  0.00           C", "");
        AtomModel m = StructureFiles.read(write("alt.pdb", pdb));
        assertEquals(4, m.size());
        assertArrayEquals(new double[] {1, 2, 5, 7}, new double[] {m.x(0), m.x(1), m.x(2), m.x(3)}, 0,
                "each residue's first conformation (A for residue 1, B for residue 2), and atoms without one");
    }

    @Test
    void pdbResidueNumbersAbove9999AreHybrid36() throws Exception {
        assertEquals(10000, PdbReader.hybrid36("A000"));
        assertEquals(10001, PdbReader.hybrid36("A001"));
        assertEquals(10036, PdbReader.hybrid36("A010"));
        assertEquals(1223055, PdbReader.hybrid36("ZZZZ"), "the last upper-case value");
        assertEquals(1223056, PdbReader.hybrid36("a000"));
        assertEquals(2436111, PdbReader.hybrid36("zzzz"), "the largest 4-character hybrid-36 number");
        assertThrows(NumberFormatException.class, () -> PdbReader.hybrid36("Ab00"));
        String pdb = "ATOM      1  CA  GLY A9999       1.000   2.000   3.000  1.00  0.00           C\n"
                + "ATOM      2  CA  GLY AA000       4.000   2.000   3.000  1.00  0.00           C\n";
        AtomModel m = StructureFiles.read(write("big.pdb", pdb));
        assertEquals(9999, m.residue(0));
        assertEquals(10000, m.residue(1));
        assertEquals(1, ClassSource.fromPdbSpec(dir.resolve("big.pdb") + ":A/10000").atoms().size());
    }

    @Test
    void damagedFilesAreOneLineErrors() throws Exception {
        String cut = CIF.substring(0, CIF.indexOf("HETATM 5")) + "HETATM 5 SE SE . MSE Y 2\n";
        FormatException e = assertThrows(FormatException.class, () -> StructureFiles.read(write("cut.cif", cut)));
        assertTrue(e.getMessage().contains("ends in the middle of a row"), e.getMessage());
        e = assertThrows(FormatException.class, () -> StructureFiles.read(write("noxyz.cif", "data_x\nloop_\n_atom_site.id\n_atom_site.type_symbol\n1 C\n")));
        assertTrue(e.getMessage().contains("Cartn_x"), e.getMessage());
        e = assertThrows(FormatException.class, () -> StructureFiles.read(write("empty.cif", "data_x\n_cell.length_a 10\n")));
        assertTrue(e.getMessage().contains("no _atom_site rows"), e.getMessage());
        e = assertThrows(FormatException.class, () -> StructureFiles.read(write("quote.cif", CIF.replace("\"C5'\" A", "\"C5' A"))));
        assertTrue(e.getMessage().contains("unterminated"), e.getMessage());
        e = assertThrows(FormatException.class, () -> StructureFiles.read(write("xyz.cif", CIF.replace("4.0 5.0", "4.0 five"))));
        assertTrue(e.getMessage().contains("bad coordinate 'five'"), e.getMessage());
        byte[] gz = Files.readAllBytes(gzip(write("whole.cif", CIF)));
        Path truncated = dir.resolve("truncated.cif.gz");
        Files.write(truncated, Arrays.copyOf(gz, gz.length / 2));
        e = assertThrows(FormatException.class, () -> StructureFiles.read(truncated));
        assertTrue(e.getMessage().startsWith(truncated.toString()) && e.getMessage().contains("gzip"), e.getMessage());
        e = assertThrows(FormatException.class, () -> StructureFiles.read(dir.resolve("absent.cif")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    /** Chains A, B, AB and AA (one atom each, residues 1–2 for AA), as large assemblies name them. */
    static final String LONG_IDS = String.join("\n",
            "data_LONG", "loop_", "_atom_site.group_PDB", "_atom_site.type_symbol", "_atom_site.Cartn_x", "_atom_site.Cartn_y",
            "_atom_site.Cartn_z", "_atom_site.auth_seq_id", "_atom_site.auth_asym_id",
            "ATOM C 1 0 0 1 A", "ATOM C 2 0 0 1 B", "ATOM C 3 0 0 1 AB", "ATOM C 4 0 0 1 AA", "ATOM C 5 0 0 2 AA", "");

    @Test
    void selectionsNameChainsOfSeveralCharactersWhole() throws Exception {
        String f = write("LONG.cif", LONG_IDS).toString();
        assertArrayEquals(new double[] {3}, xs(ClassSource.fromPdbSpec(f + ":AB").atoms()), 0, "the chain named AB, not A and B");
        assertArrayEquals(new double[] {1, 2}, xs(ClassSource.fromPdbSpec(f + ":A,B").atoms()), 0);
        assertEquals("LONG:A,B", ClassSource.fromPdbSpec(f + ":A,B").label(), "not LONG:AB, the name of the other class");
        assertEquals("LONG:AB", ClassSource.fromPdbSpec(f + ":AB").label());
        assertArrayEquals(new double[] {5}, xs(ClassSource.fromPdbSpec(f + ":AA/2").atoms()), 0, "a residue range of a long id");
        assertArrayEquals(new double[] {1, 2, 3}, xs(ClassSource.fromPdbSpec(f + ":-AA").atoms()), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClassSource.fromPdbSpec(f + ":BA/1"));
        assertTrue(e.getMessage().contains("a residue range needs one chain") && e.getMessage().contains("chains: A, B, AB, AA"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClassSource.fromPdbSpec(f + ":Q"));
        assertTrue(e.getMessage().contains("chain 'Q' not in model (chains: A, B, AB, AA)"), e.getMessage());
    }

    private static double[] xs(AtomModel m) {
        double[] x = new double[m.size()];
        for (int i = 0; i < x.length; i++) x[i] = m.x(i);
        return x;
    }

    @Test
    void aClassFromAGzippedMmcifIsNamedWithoutItsExtensions() throws Exception {
        Path gz = gzip(write("4XYZ.cif", CIF));
        ClassSource c = ClassSource.fromPdbSpec(gz + ":A");
        assertEquals("4XYZ:A", c.label());
        assertEquals(2, c.atoms().size());
    }
}

package org.jspt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspt.Fixtures;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.image.Volume;
import org.jspt.sim.AtomModel;
import org.jspt.sim.StructureFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mmCIF input checked against a real reader: gemmi ({@code python3-gemmi}) writes each PDB file of {@code data/pdb} as
 * mmCIF and gzipped mmCIF and counts the atoms it keeps (first model, no water, first conformation); jspt reads the same
 * atoms from all three files, and {@code simulate} makes the same maps from the mmCIF as from the PDB.
 */
class SimulateFromMmcifTest {
    @TempDir Path dir;

    /** gemmi: FILE.pdb → FILE.cif and FILE.cif.gz, and per file "name atoms Σ Z com_x com_y com_z" of what it keeps. */
    static final String GEMMI = String.join("\n",
            "import gemmi, gzip, shutil, sys",
            "for src in sys.argv[1:]:",
            "    st = gemmi.read_structure(src)",
            "    st.setup_entities()",
            "    name = src.rsplit('/', 1)[-1].rsplit('.', 1)[0]",
            "    st.make_mmcif_document().write_file(name + '.cif')",
            "    with open(name + '.cif', 'rb') as f, gzip.open(name + '.cif.gz', 'wb') as g: shutil.copyfileobj(f, g)",
            "    st.remove_alternative_conformations(); st.remove_waters()",
            "    atoms = [a for ch in st[0] for r in ch for a in r]",
            "    w = sum(a.element.atomic_number for a in atoms)",
            "    com = [sum(a.element.atomic_number * a.pos[k] for a in atoms) / w for k in range(3)]",
            "    print(name, len(atoms), w, *com)",
            "");

    /** Each atom as "chain residue x y z weight", sorted. */
    private static List<String> atoms(AtomModel m) {
        List<String> l = new java.util.ArrayList<>();
        for (int i = 0; i < m.size(); i++) l.add(m.chain(i) + " " + m.residue(i) + " " + m.x(i) + " " + m.y(i) + " " + m.z(i) + " " + m.weight(i));
        java.util.Collections.sort(l);
        return l;
    }

    @Test
    void gemmisMmcifGivesTheAtomsAndMapsOfThePdb() throws Exception {
        Path script = dir.resolve("convert.py");
        Files.writeString(script, GEMMI);
        // A PDB with alternative conformations too (data/pdb has none): residue 5 of 1A8O written twice.
        Path alt = dir.resolve("ALT.pdb");
        StringBuilder sb = new StringBuilder();
        for (String l : Files.readAllLines(Fixtures.pdb("1A8O.pdb"))) {
            boolean res5 = l.startsWith("ATOM  ") && l.substring(22, 26).trim().equals("5");
            if (!res5) {
                sb.append(l).append('\n');
                continue;
            }
            sb.append(l, 0, 16).append('A').append(l.substring(17)).append('\n');
            sb.append(l, 0, 16).append('B').append(l, 17, 30).append(String.format(java.util.Locale.ROOT, "%8.3f", Double.parseDouble(l.substring(30, 38)) + 1))
                    .append(l.substring(38)).append('\n');
        }
        Files.writeString(alt, sb.toString());
        List<Path> pdbs = List.of(Fixtures.pdb("1LCD.pdb"), Fixtures.pdb("2BEG.pdb"), Fixtures.pdb("1A8O.pdb"), alt);
        String[] cmd = new String[2 + pdbs.size()];
        cmd[0] = "/usr/bin/python3"; // Debian's Python, where python3-gemmi is installed
        cmd[1] = script.toString();
        for (int i = 0; i < pdbs.size(); i++) cmd[2 + i] = pdbs.get(i).toString();
        String out = InteropTest.program("python3-gemmi", dir, cmd);
        Map<String, String[]> gemmi = new HashMap<>();
        for (String line : out.strip().split("\n")) gemmi.put(line.split(" ")[0], line.split(" "));
        for (Path pdb : pdbs) {
            String name = pdb.getFileName().toString().replace(".pdb", "");
            String[] g = gemmi.get(name);
            AtomModel fromPdb = StructureFiles.read(pdb);
            assertEquals(Integer.parseInt(g[1]), fromPdb.size(), name + ": atoms kept, as gemmi keeps them");
            assertEquals(Double.parseDouble(g[2]), fromPdb.totalWeight(), 0, name + ": Σ atomic numbers");
            double[] com = {Double.parseDouble(g[3]), Double.parseDouble(g[4]), Double.parseDouble(g[5])};
            assertArrayEquals(com, fromPdb.centreOfMass(), 1e-6, name + ": centre of mass");
            for (String cif : new String[] {name + ".cif", name + ".cif.gz"}) {
                AtomModel m = StructureFiles.read(dir.resolve(cif));
                assertEquals(atoms(fromPdb), atoms(m), cif + ": the same atoms (gemmi may write them in another order)");
            }
        }
        // The two conformations: gemmi and jspt both keep the first, which is 1A8O's own residue 5.
        assertEquals(gemmi.get("1A8O")[1], gemmi.get("ALT")[1]);
        assertArrayEquals(StructureFiles.read(Fixtures.pdb("1A8O.pdb")).centreOfMass(), StructureFiles.read(alt).centreOfMass(), 0);

        // Residue numbers above 9999 in the PDB format (hybrid-36, upper case; gemmi reads lower case as upper case,
        // against the hybrid-36 definition, so those are left out of the comparison).
        Path big = dir.resolve("BIG.pdb");
        Files.writeString(big, String.join("\n",
                "ATOM      1  CA  GLY A9999       1.000   2.000   3.000  1.00  0.00           C",
                "ATOM      2  CA  GLY AA000       4.000   2.000   3.000  1.00  0.00           C",
                "ATOM      3  CA  GLY AA00Z       5.000   2.000   3.000  1.00  0.00           C",
                "ATOM      4  CA  GLY AZZZZ       6.000   2.000   3.000  1.00  0.00           C", ""));
        String nums = InteropTest.program("python3-gemmi", dir, "/usr/bin/python3", "-c",
                "import gemmi, sys; print(' '.join(str(r.seqid.num) for r in gemmi.read_structure(sys.argv[1])[0]['A']))", big.toString());
        AtomModel bigModel = StructureFiles.read(big);
        StringBuilder ours = new StringBuilder();
        for (int i = 0; i < bigModel.size(); i++) ours.append(i > 0 ? " " : "").append(bigModel.residue(i));
        assertEquals(nums.strip(), ours.toString(), "residue numbers as gemmi reads them");

        // simulate: the same classes (chains and a residue range) from the PDB and from gemmi's gzipped mmCIF
        Path lcd = Fixtures.pdb("1LCD.pdb"), cifGz = dir.resolve("1LCD.cif.gz");
        for (Path src : new Path[] {lcd, cifGz}) {
            CliRun.Result r = CliTest.run("simulate", "--pdb", src + ":AB", "--pdb", src + ":ABC,-A/1-10", "--per-class", "1", "--box", "32",
                    "--seed", "5", "--out", dir.resolve(src == lcd ? "fromPdb" : "fromCif").toString());
            assertEquals(0, r.code(), r.err());
        }
        List<Volume> a = EmanHdf.readAll(dir.resolve("fromPdb/truth_maps.hdf")), b = EmanHdf.readAll(dir.resolve("fromCif/truth_maps.hdf"));
        assertEquals(2, b.size());
        for (int k = 0; k < 2; k++) {
            float[] x = a.get(k).data, y = b.get(k).data;
            double max = 0;
            for (float v : x) max = Math.max(max, Math.abs(v));
            for (int i = 0; i < x.length; i++) assertEquals(x[i], y[i], 1e-5 * max, "class " + k + " voxel " + i + " (atoms summed in another order)");
        }
        assertTrue(Files.readString(dir.resolve("fromCif/truth.json")).contains("\"1LCD:AB\""), "classes are named by the file's stem");
    }
}

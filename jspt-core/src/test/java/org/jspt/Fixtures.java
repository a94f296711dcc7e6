package org.jspt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Paths to the test fixtures (EMAN2-written files under src/test/resources/fixtures) and the PDB files in data/pdb. */
public final class Fixtures {
    private Fixtures() {}

    /** The repository root (system property {@code jspt.repo} set by Surefire, else the working directory's parent chain). */
    public static Path repo() {
        String p = System.getProperty("jspt.repo");
        Path start = p != null ? Paths.get(p) : Paths.get("").toAbsolutePath();
        for (Path d = start.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("jspt-core")) && Files.exists(d.resolve("pom.xml"))) return d;
        }
        throw new IllegalStateException("cannot find the jspt repository root from " + start);
    }

    /** A file written by EMAN2 itself, in {@code jspt-core/src/test/resources/fixtures/eman2/} (see its README). */
    public static Path eman2(String name) { return existing(repo().resolve("jspt-core/src/test/resources/fixtures/eman2").resolve(name)); }

    /** A PDB file in the repository's {@code data/pdb/}. */
    public static Path pdb(String name) { return existing(repo().resolve("data/pdb").resolve(name)); }

    private static Path existing(Path p) {
        if (!Files.exists(p)) throw new IllegalStateException("test fixture missing: " + p);
        return p;
    }
}

package org.jspt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Paths to the shared fixtures and data (../shared beside the repository), found once. */
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

    /** {@code ../shared} beside the repository. */
    public static Path shared() {
        Path s = repo().resolve("../shared").normalize();
        if (!Files.isDirectory(s)) throw new IllegalStateException("shared folder not found at " + s);
        return s;
    }

    /** A file in {@code ../shared/fixtures/eman2/}. */
    public static Path eman2(String name) { return shared().resolve("fixtures/eman2").resolve(name); }

    /** A PDB file in {@code ../shared/data/pdb/}. */
    public static Path pdb(String name) { return shared().resolve("data/pdb").resolve(name); }
}

package org.jspt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository stands on its own: no source, test, script, document or build file reads or cites the
 * reference folder that sat beside it during development ("../" + "shared"). Everything the project needs is
 * inside: fixtures under src/test/resources/fixtures, PDB files under data/pdb, documents under docs/.
 */
class SelfContainedRepositoryTest {
    /** Build output, version control and editor state: not part of what a user clones or runs. */
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "node_modules", ".idea", ".vscode");
    /** Spelled in two pieces so this file does not match itself. */
    private static final Pattern OUTSIDE_REFERENCE =
            Pattern.compile("\\.\\./" + "shared\\b|\\bshared/(spec|fixtures|data|DESIGN|STYLE)");

    @Test
    void noFileRefersToTheFolderBesideTheRepository() throws IOException {
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = walk(Fixtures.repo())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String text = readText(f);
                if (text == null) continue;  // binary (HDF, MRC, PNG)
                scanned++;
                String[] lines = text.split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    if (OUTSIDE_REFERENCE.matcher(lines[i]).find()) {
                        offenders.add(Fixtures.repo().relativize(f) + ":" + (i + 1) + ": " + lines[i].strip());
                    }
                }
            }
        }
        assertTrue(scanned > 100, "scanned only " + scanned + " text files: is the repository root right?");
        assertEquals(List.of(), offenders, "files that refer to the folder beside the repository");
    }

    @Test
    void thePatternFindsWhatItMustFind() {
        assertTrue(OUTSIDE_REFERENCE.matcher("see {@code ../" + "shar" + "ed/spec/alignment.md} §2").find());
        assertTrue(OUTSIDE_REFERENCE.matcher("Path.of(\"../" + "shar" + "ed/data/pdb/1LCD.pdb\")").find());
        assertTrue(OUTSIDE_REFERENCE.matcher("cp " + "shar" + "ed/fixtures/eman2/stack.hdf .").find());
        assertTrue(!OUTSIDE_REFERENCE.matcher("the stack must be on a shared file system").find());
    }

    private static Stream<Path> walk(Path root) throws IOException {
        return Files.walk(root)
                .filter(p -> root.relativize(p).toString().isEmpty()
                        || Stream.of(root.relativize(p).toString().split("/")).noneMatch(SKIPPED_DIRS::contains))
                .filter(Files::isRegularFile);
    }

    /** The file as UTF-8 text, or null if it is not text. */
    private static String readText(Path f) throws IOException {
        try {
            String s = Files.readString(f, StandardCharsets.UTF_8);
            return s.indexOf('\0') >= 0 ? null : s;
        } catch (MalformedInputException e) {
            return null;
        }
    }
}

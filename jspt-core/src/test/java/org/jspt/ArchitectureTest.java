package org.jspt;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package layering of docs/architecture.md, checked on the main sources of both modules: no package uses a
 * higher layer (by import or fully qualified name), every package has a layer, no package holds more than
 * {@value #MAX_FILES} files.
 */
class ArchitectureTest {
    /**
     * Layers from the top; a package may use its own layer and those below. A sub-package belongs to its parent's
     * layer unless listed itself.
     */
    static final List<List<String>> LAYERS = List.of(
            List.of("cli"),
            List.of("refine", "interop", "report", "bench", "spark"),
            List.of("refine.options"),
            List.of("run"),
            List.of("align", "average", "sim", "classify"),
            List.of("io", "proc", "ctf"),
            List.of("image", "geom", "exec", "util", ""));
    static final int MAX_FILES = 25;

    private static final Pattern PACKAGE = Pattern.compile("^package org\\.jspt((?:\\.[a-z]\\w*)*);", Pattern.MULTILINE);
    /** A use of a jspt type: the package part (lower case segments) before a capitalised name. */
    private static final Pattern USE = Pattern.compile("\\borg\\.jspt((?:\\.[a-z]\\w*)*)\\.[A-Z]");
    /** Comments and string literals: a name there is no dependency. */
    private static final Pattern NOT_CODE = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    private static Path repo() { return Path.of(System.getProperty("jspt.repo", "..")); }

    private static List<Path> mainSources() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String module : List.of("jspt-core", "jspt-spark")) {
            Path root = repo().resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(root)) continue;
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    /** The layer index of a package (relative to org.jspt, "" for org.jspt itself), or -1 if it has none. */
    static int layer(String pkg) {
        for (String p = pkg; ; p = p.substring(0, Math.max(p.lastIndexOf('.'), 0))) {
            if (p.isEmpty() && !pkg.isEmpty()) return -1; // org.jspt's own layer is not inherited
            for (int i = 0; i < LAYERS.size(); i++) if (LAYERS.get(i).contains(p)) return i;
            if (p.isEmpty()) return -1;
        }
    }

    /** Every upward use in one source text, as "pkg → used pkg" lines; a package without a layer is one too. */
    static List<String> violations(String name, String source) {
        List<String> out = new ArrayList<>();
        Matcher pm = PACKAGE.matcher(source);
        if (!pm.find()) return List.of(name + ": no org.jspt package line");
        String pkg = pm.group(1).isEmpty() ? "" : pm.group(1).substring(1);
        int mine = layer(pkg);
        if (mine < 0) return List.of(name + ": package org.jspt." + pkg + " has no layer in ArchitectureTest.LAYERS");
        Matcher u = USE.matcher(NOT_CODE.matcher(source).replaceAll(" "));
        while (u.find()) {
            String used = u.group(1).isEmpty() ? "" : u.group(1).substring(1);
            int theirs = layer(used);
            if (theirs < 0 || theirs < mine) out.add(name + ": org.jspt." + pkg + " uses org.jspt." + used + " (a higher layer)");
        }
        return out;
    }

    @Test
    void noPackageUsesAHigherLayer() throws IOException {
        List<Path> files = mainSources();
        assertTrue(files.size() > 100, "found the sources: " + files.size());
        List<String> problems = new ArrayList<>();
        for (Path f : files) problems.addAll(violations(repo().relativize(f).toString(), Files.readString(f, StandardCharsets.UTF_8)));
        assertEquals(List.of(), problems.stream().distinct().toList());
    }

    @Test
    void noPackageIsOverCrowded() throws IOException {
        Map<Path, Integer> count = new TreeMap<>();
        for (Path f : mainSources()) count.merge(f.getParent(), 1, Integer::sum);
        List<String> big = count.entrySet().stream().filter(e -> e.getValue() > MAX_FILES).map(e -> e.getKey() + ": " + e.getValue()).toList();
        assertEquals(List.of(), big);
    }

    @Test
    void theCheckSeesUpwardImportsAndQualifiedNames() {
        assertEquals(1, violations("a", "package org.jspt.io.hdf;\nimport org.jspt.run.RunFileNames;\nclass A {}").size());
        assertEquals(1, violations("b", "package org.jspt.run;\nclass B { Object o = org.jspt.refine.RefineMulti.class; }").size());
        assertEquals(1, violations("c", "package org.jspt.refine.options;\nimport org.jspt.refine.RefineConfig;\nclass C {}").size());
        assertEquals(1, violations("d", "package org.jspt.newthing;\nclass D {}").size(), "a package without a layer");
        assertEquals(List.of(), violations("e", "package org.jspt.refine;\nimport org.jspt.refine.options.RefineParams;\n"
                + "import org.jspt.io.hdf.EmanHdf;\n/** {@link org.jspt.cli.Main} */\nclass E { String s = \"org.jspt.cli.Main\"; }"),
                "downward uses, comments and strings are fine");
    }
}

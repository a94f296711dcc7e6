package org.jspt.refine.options;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspt.image.Volume;
import org.jspt.io.ImageStack;
import org.jspt.io.ImageStacks;
import org.jspt.proc.Catalog;
import org.jspt.proc.ProcessorSpec;

/**
 * Parses modifier options ({@code name:key=value}) through a registry; a failure becomes one problem line
 * prefixed by the option name ({@code --lowpass: 'filter.lowpass.gaus': no such processor …}). Parameters
 * that name files are loaded here (image 0, relative to the working directory), so processors receive
 * volumes. Not thread-safe (it appends to the caller's problem list).
 */
final class ModifierParser {
    private final Path cwd;
    private final List<String> problems;

    ModifierParser(Path cwd, List<String> problems) {
        this.cwd = cwd;
        this.problems = problems;
    }

    /** Empty for an empty or None string, or if it is invalid (a problem is then recorded). */
    <T> Optional<Modifier<T>> parse(String option, String text, Catalog<T> catalog) {
        try {
            Optional<ProcessorSpec> spec = ProcessorSpec.parse(text);
            if (spec.isEmpty()) return Optional.empty();
            return Optional.of(new Modifier<>(spec.get(), catalog.create(spec.get(), resolver(option))));
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            problems.add("--" + option + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Like {@link #parse}, but an empty or None string is itself a problem. */
    <T> Optional<Modifier<T>> required(String option, String text, Catalog<T> catalog, String what) {
        if (AlignerStrings.isOff(text)) {
            problems.add("--" + option + ": " + what + " is required, got '" + (text == null ? "" : text) + "'");
            return Optional.empty();
        }
        return parse(option, text, catalog);
    }

    /** Path of a user file, relative to the working directory. */
    Path resolve(String file) { return cwd.resolve(file); }

    /** Loads image 0 of a file named in a modifier string. */
    Function<String, Volume> resolver(String option) {
        return file -> {
            Path p = resolve(file);
            try (ImageStack s = ImageStacks.open(p)) {
                if (s.size() == 0) throw new IllegalArgumentException("'" + file + "' holds no images");
                return s.read(0);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read '" + file + "': " + e.getMessage());
            }
        };
    }
}

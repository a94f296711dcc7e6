package org.jspt.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspt.io.eman2.Eman2Log;

/**
 * This run's line of EMAN2's command log {@code .eman2log.txt}, which refinemulti appends in the folder it
 * was started from: the nearest one in the run folder's parent or the two folders above it. NB: the log does not name the run folder, so the
 * line chosen is the last refinemulti line started at most a minute before the run's parameters file was
 * timestamped; when there is no such line (log elsewhere, or no parameters file) the report leaves it out.
 */
final class Eman2LogLine {
    private static final DateTimeFormatter PARAMS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

    private Eman2LogLine() {}

    /** A one-line description (start, end or "incomplete", host, command), or null. */
    static String describe(RunFiles f) {
        try {
            Path log = null;
            Path up = f.dir.toAbsolutePath().normalize().getParent();
            for (int i = 0; i < 3 && up != null && log == null; i++, up = up.getParent()) {
                if (Files.isRegularFile(up.resolve(Eman2Log.FILE_NAME))) log = up.resolve(Eman2Log.FILE_NAME);
            }
            if (log == null) return null;
            LocalDateTime params = LocalDateTime.parse(f.parameters().lines().findFirst().orElse("").trim(), PARAMS_TIME);
            String best = null;
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                String[] p = line.split("\t", 5);
                if (p.length < 5 || !p[4].contains("refinemulti")) continue;
                LocalDateTime start;
                try {
                    start = LocalDateTime.parse(p[0], Eman2Log.TIME);
                } catch (DateTimeParseException e) {
                    continue;
                }
                Duration before = Duration.between(start, params);
                if (!before.isNegative() && before.compareTo(Duration.ofMinutes(1)) <= 0) best = line;
            }
            if (best == null) return null;
            String[] p = best.split("\t", 5);
            String end = p[1].trim();
            // NB: refinemulti writes its last report before the end time, so "incomplete" does not mean the run failed.
            return "Started " + p[0] + " on " + p[3].trim() + (end.equals("incomplete") ? "" : "; finished " + end) + ". Command: " + p[4];
        } catch (IOException | DateTimeParseException e) {
            return null;
        }
    }
}

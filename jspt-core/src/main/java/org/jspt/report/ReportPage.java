package org.jspt.report;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspt.io.AtomicFiles;

/**
 * The HTML text of the report being built and the PNG files it refers to, kept in {@code report/} beside
 * {@code index.html} and referred to by relative links only, so the folder can be moved or opened from disk.
 * Every file is written atomically; {@link #prune} removes pictures the new page no longer shows.
 */
final class ReportPage {
    private final StringBuilder html = new StringBuilder();
    private final Path runDir, imageDir;
    private final Set<String> shown = new LinkedHashSet<>();

    ReportPage(Path runDir, String imageFolder) {
        this.runDir = runDir;
        this.imageDir = runDir.resolve(imageFolder);
    }

    /** Appends raw HTML. */
    ReportPage raw(String s) {
        html.append(s);
        return this;
    }

    /** Appends escaped text. */
    ReportPage text(String s) {
        html.append(esc(s));
        return this;
    }

    /** The length of the text so far, to roll a failed section back with {@link #truncate}. */
    int mark() { return html.length(); }

    void truncate(int mark) { html.setLength(mark); }

    /** True if picture {@code name} exists and is not older than {@code source} (so it need not be drawn again). */
    boolean fresh(String name, Path source) {
        try {
            Path p = imageDir.resolve(name);
            return Files.exists(p) && Files.getLastModifiedTime(p).compareTo(Files.getLastModifiedTime(source)) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes picture {@code name} (unless {@code png} is null: it is already there) and returns its {@code img} tag. */
    String image(String name, byte[] png, String alt, String cssClass) throws IOException {
        if (png != null) {
            Files.createDirectories(imageDir);
            AtomicFiles.writeBytes(imageDir.resolve(name), png);
        }
        shown.add(name);
        String src = runDir.relativize(imageDir.resolve(name)).toString().replace('\\', '/');
        return "<img src=\"" + esc(src) + "\" alt=\"" + esc(alt) + "\"" + (cssClass == null ? "" : " class=\"" + cssClass + "\"") + ">";
    }

    /** The {@code img} tag of a picture that lives in the run folder itself (not pruned). */
    String linked(String fileInRunDir, String alt, String cssClass) {
        return "<img src=\"" + esc(fileInRunDir) + "\" alt=\"" + esc(alt) + "\"" + (cssClass == null ? "" : " class=\"" + cssClass + "\"") + ">";
    }

    /** The pictures the page shows, by file name inside the image folder. */
    Set<String> shown() { return Set.copyOf(shown); }

    String html() { return html.toString(); }

    /** Deletes PNG files of the image folder that this page does not show. */
    void prune() throws IOException {
        if (!Files.isDirectory(imageDir)) return;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(imageDir, "*.png")) {
            for (Path p : ds) if (!shown.contains(p.getFileName().toString())) Files.deleteIfExists(p);
        }
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}

package org.jspt.report;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a real run opened in headless Chromium from disk: every picture loads, and a screenshot
 * goes to {@code target/report-screenshot.png}. Fails (does not skip) without Chromium: CI installs the
 * Debian package {@code chromium} ({@code .ci/run}); elsewhere set JSPT_CHROMIUM to the browser's path.
 *
 * <p>NB: the check runs in a copy of the page ({@code check.html}, same folder, so relative links resolve
 * the same) with a script added that, on {@code load}, lists the images with {@code naturalWidth == 0};
 * {@code --dump-dom} prints the result. A deliberately missing control image must be the only one listed,
 * so a check that sees nothing cannot pass.
 */
class ReportInBrowserTest {
    @TempDir Path profile;

    private static final String CONTROL = "report/__missing_on_purpose__.png";
    private static final String CHECK = """
            <img id="jspt-control" src="%s" alt="control">
            <script>
            window.addEventListener('load', function () {
              var imgs = document.images, broken = [];
              for (var i = 0; i < imgs.length; i++) if (!imgs[i].complete || imgs[i].naturalWidth === 0) broken.push(imgs[i].getAttribute('src'));
              var d = document.createElement('pre');
              d.id = 'jspt-image-check';
              d.textContent = 'images=' + imgs.length + ' broken=' + broken.join(' ') + ' end';
              document.body.appendChild(d);
            });
            </script>
            </body>""".formatted(CONTROL);
    private static final Pattern RESULT = Pattern.compile("<pre id=\"jspt-image-check\">images=(\\d+) broken=(.*?) end</pre>");

    @Test
    void everyPictureLoadsInChromium() throws Exception {
        Path run = TinyRun.folder();
        Path index = RunReport.write(run);
        String html = Files.readString(index, StandardCharsets.UTF_8);
        int images = RunReportTest.checkImages(run).size();
        assertTrue(images > 10, "too few pictures to be a real report: " + images);
        Path check = run.resolve("check.html");
        Files.writeString(check, html.replace("</body>", CHECK), StandardCharsets.UTF_8);
        String dom;
        try {
            dom = chromium(List.of("--virtual-time-budget=15000", "--dump-dom", check.toUri().toString()));
        } finally {
            Files.deleteIfExists(check);
        }
        Matcher m = RESULT.matcher(dom);
        assertTrue(m.find(), "the page's check did not run; Chromium printed:\n" + tail(dom));
        assertEquals(images + 1, Integer.parseInt(m.group(1)), "images seen by the browser (the report's + the control)");
        assertEquals(CONTROL, m.group(2).trim(), "broken images other than the control: " + m.group(2));

        Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        chromium(List.of("--hide-scrollbars", "--window-size=1300,4200", "--screenshot=" + shot, index.toUri().toString()));
        assertTrue(Files.isRegularFile(shot), "no screenshot");
        assertNotNull(ImageIO.read(shot.toFile()), "the screenshot is not an image");
    }

    /** Runs headless Chromium with these arguments; returns its standard output. */
    private String chromium(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(browser(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--user-data-dir=" + profile.toAbsolutePath()));
        cmd.addAll(args);
        Path out = Files.createTempFile(profile.getParent(), "chromium", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("Chromium did not finish in 60 s: " + cmd);
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), "Chromium failed: " + cmd + "\n" + tail(text));
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The browser: $JSPT_CHROMIUM, else the first of chromium, chromium-browser, google-chrome on the PATH. */
    private static String browser() {
        String env = System.getenv("JSPT_CHROMIUM");
        if (env != null && !env.isBlank()) return env;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(java.io.File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) return p.toString();
            }
        }
        fail("Chromium not found on the PATH: install the Debian package 'chromium' (.ci/run does) or set JSPT_CHROMIUM");
        return null;
    }

    private static String tail(String s) { return s.length() > 2000 ? "…" + s.substring(s.length() - 2000) : s; }
}

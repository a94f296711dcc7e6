package org.jspt.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspt.image.Header;
import org.jspt.image.Volume;
import org.jspt.io.ImageStack;
import org.jspt.io.ImageStacks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jspt info FILE...}: like e2iminfo.py. */
@Command(name = "info", description = "Show image count, box size, pixel size, data type and header keys of image files.")
public final class InfoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "HDF, MRC or MRCS files, .txt lists of files, or quoted globs.")
    List<String> files;

    @Option(names = {"-H", "--header"}, description = "Print every header value of the image chosen with -N.")
    boolean header;

    @Option(names = {"-N", "--number"}, paramLabel = "I", defaultValue = "0", description = "Image whose header is shown (default: ${DEFAULT-VALUE}).")
    int number;

    @Option(names = "--check", description = "Read every image: report mixed sizes, and NaN/Inf or unreadable data (exit 1 on a problem).")
    boolean check;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        for (String f : files) {
            try (ImageStack s = ImageStacks.open(f)) {
                int n = s.size();
                Header h = n > 0 ? s.readHeader(Math.min(number, n - 1)) : new Header();
                if (number >= n) throw new IllegalArgumentException(f + ": -N " + number + " but the file has " + n + " images");
                out.printf("%s: %d image%s, %dx%dx%d, apix %s Å, %s%n", f, n, n == 1 ? "" : "s", h.getInt("nx", 0), h.getInt("ny", 0),
                        h.getInt("nz", 0), fmt(h.getDouble("apix_x", 1)), s.formatName());
                if (header) {
                    for (String k : h.keys()) out.printf("  %-24s %-10s %s%n", k, Header.typeName(h.get(k)), Header.valueToString(h.get(k)));
                } else {
                    out.println("  header keys: " + String.join(", ", h.keys()));
                }
                if (check) checkAll(s, out);
            }
        }
        out.flush();
        return 0;
    }

    private static void checkAll(ImageStack s, PrintWriter out) throws Exception {
        Header first = s.readHeader(0);
        int nx = first.getInt("nx", 0), ny = first.getInt("ny", 0), nz = first.getInt("nz", 0);
        for (int i = 0; i < s.size(); i++) {
            Volume v = s.read(i); // readers reject NaN/Inf and truncated data
            if (v.nx != nx || v.ny != ny || v.nz != nz) {
                throw new IllegalArgumentException(s.path() + ": image " + i + " is " + v.shape() + " but image 0 is " + nx + "x" + ny + "x" + nz);
            }
        }
        out.printf("  check: all %d images readable, finite, %dx%dx%d%n", s.size(), nx, ny, nz);
    }

    private static String fmt(double d) { return String.format(java.util.Locale.ROOT, "%.4g", d); }
}

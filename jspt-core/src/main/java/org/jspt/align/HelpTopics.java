package org.jspt.align;

import java.util.List;
import java.util.Locale;
import org.jspt.average.Averagers;
import org.jspt.geom.Symmetry;
import org.jspt.proc.Catalog;
import org.jspt.proc.Registry;

/**
 * The text of {@code jspt help <topic> [-v N]} for every topic: processors (from {@link Registry#describe}),
 * averagers, symmetries, comparators and aligners (from {@link AlignRegistry}).
 * NB: lives in {@code align} rather than in {@code proc.Registry}, so that {@code proc} depends on neither
 * {@code align} nor {@code average} (layering: align, average → proc). Stateless and thread-safe.
 */
public final class HelpTopics {
    /** The canonical topic names. */
    public static final List<String> TOPICS = List.of("processors", "averagers", "syms", "cmps", "aligners");

    private HelpTopics() {}

    /**
     * @param topic {@code processors}, {@code averagers}, {@code syms}, {@code cmps} or {@code aligners}
     *              (singulars, "symmetries" and "comparators" accepted)
     * @throws IllegalArgumentException for another topic, listing the valid ones
     */
    public static String describe(String topic, int verbosity) {
        String t = topic == null ? "" : topic.toLowerCase(Locale.ROOT);
        switch (t) {
            case "cmps": case "cmp": case "comparators": case "comparator":
                return AlignRegistry.comparators().describe(verbosity);
            case "aligners": case "aligner":
                return AlignRegistry.aligners().describe(verbosity);
            case "processors": case "processor":
                return Registry.describe(t, verbosity);
            case "averagers": case "averager":
                return Averagers.catalog().describe(verbosity);
            case "syms": case "sym": case "symmetries": case "symmetry":
                return Symmetry.describe(verbosity);
            default:
                throw new IllegalArgumentException("unknown help topic '" + topic + "'; known: "
                        + String.join(", ", Catalog.closestFirst(t, TOPICS)));
        }
    }
}

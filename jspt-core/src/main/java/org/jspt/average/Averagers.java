package org.jspt.average;

import java.util.List;
import org.jspt.proc.Catalog;
import org.jspt.proc.Descriptor;
import org.jspt.proc.ParamSpec;
import org.jspt.proc.ParamType;
import org.jspt.proc.ProcessorSpec;

/** The averager registry: parse {@code --averager=name:k=v} into a factory. */
public final class Averagers {
    private static final Catalog<AveragerFactory> CATALOG = new Catalog<>("averager", List.of(
            new Descriptor<>("mean", "per-voxel mean Σv/n (ignore0: divide by the count of non-zero values)",
                    List.of(ParamSpec.of("ignore0", ParamType.BOOL, false, "ignore zero voxels (per-voxel counts)")),
                    p -> new Factory("mean", p.getBool("ignore0"), 0)),
            new Descriptor<>("mean.tomo", "Fourier mean that skips missing-wedge coefficients (per-coefficient counts)",
                    List.of(ParamSpec.of("thresh_sigma", ParamType.FLOAT, 0.5,
                            "a coefficient counts if |F|² ≥ thresh_sigma·σ(r)², σ(r) = amplitude sigma of its shell")),
                    p -> new Factory("mean.tomo", false, p.getDouble("thresh_sigma"))),
            new Descriptor<>("median", "per-voxel median (holds every member: O(n) memory)", List.of(),
                    p -> new Factory("median", false, 0))));

    private Averagers() {}

    public static Catalog<AveragerFactory> catalog() { return CATALOG; }

    /**
     * Parses an averager modifier string, e.g. {@code mean.tomo:thresh_sigma=0.3}.
     * @throws IllegalArgumentException for an empty/none string, an unknown name or key, or a bad value
     */
    public static AveragerFactory parse(String modifier) {
        ProcessorSpec s = ProcessorSpec.parse(modifier)
                .orElseThrow(() -> new IllegalArgumentException("an averager is required, got '" + modifier + "'"));
        return CATALOG.create(s, null);
    }

    /** A parsed averager kind with its parameters: plain data, so it can travel to another JVM. */
    private record Factory(String name, boolean ignore0, double threshSigma) implements AveragerFactory {
        @Override
        public Averager newAverager() {
            return switch (name) {
                case "mean" -> new MeanAverager(ignore0);
                case "mean.tomo" -> new MeanTomoAverager(threshSigma);
                case "median" -> new MedianAverager();
                default -> throw new IllegalStateException("unknown averager " + name);
            };
        }
    }
}

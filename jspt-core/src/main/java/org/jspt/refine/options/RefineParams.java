package org.jspt.refine.options;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspt.refine.options.mask.FocusMask;
import org.jspt.refine.options.mask.RefMask;

/**
 * Everything refinemulti needs, validated and typed, made once by {@link RefineValidator} from the
 * command line. Each step receives only its part ({@link #input()}, {@link #references()},
 * {@link #preprocess()}, {@link #align()}, {@link #average()}, {@link #output()}). Immutable.
 *
 * @param verbose {@code -v/--verbose}
 * @param ppid {@code --ppid} (for the log only)
 * @param seed {@code --seed}, the base of every random choice
 * @param weights {@code --weights}: auto, ctf, premultiplied or none (docs/weights.md)
 * @param focusMask jspt {@code --focusmask} (§16.2), empty if not given
 * @param refMask jspt {@code --refmask} (§16.7), empty for none
 * @param restarts jspt {@code --restarts} and {@code --minstability} (§16.5)
 * @param gold jspt {@code --goldstandard} and {@code --goldmaxang} (§7.9)
 * @param warnings messages the command should print before running (e.g. {@code --falign} forced off)
 * @param effectiveOptions every option name → value after the edits (reconciled aligner strings, effective
 *                         search values, shrink raised to shrinkfine), for {@code parameters_refinemulti.txt}
 * @param givenOptions names of the options given on the command line
 * @param argv the command line as given (for {@code .eman2log.txt})
 */
public record RefineParams(InputParams input, ReferenceParams references, PreprocessParams preprocess,
                           AlignParams align, AverageParams average, OutputParams output, Parallelism parallel,
                           int verbose, int ppid, long seed, String weights, Optional<FocusMask> focusMask, Optional<RefMask> refMask, RestartParams restarts, GoldStandard gold, List<String> warnings,
                           Map<String, Object> effectiveOptions, List<String> givenOptions, List<String> argv) {
    public RefineParams {
        warnings = List.copyOf(warnings);
        effectiveOptions = Collections.unmodifiableMap(new LinkedHashMap<>(effectiveOptions));
        givenOptions = List.copyOf(givenOptions);
        argv = List.copyOf(argv);
    }

    /**
     * jspt {@code --goldstandard N --goldmaxang A} ({@code docs/reference/refinemulti.md} §7.9): after the classification,
     * N iterations with fixed classes in which each half of a class is aligned, by a local search within A degrees of
     * its pose, to the other half's FSC-weighted average.
     */
    public record GoldStandard(int iterations, double maxang) implements java.io.Serializable {
        /** No gold-standard iterations: EMAN2's behaviour. */
        public static final GoldStandard NONE = new GoldStandard(0, 10);

        /** The values if valid; otherwise a problem is added and {@link #NONE} returned. */
        static GoldStandard check(int iterations, double maxang, int restarts, List<String> problems) {
            boolean ok = true;
            if (iterations < 0 || iterations > 100) {
                problems.add("--goldstandard: must be between 0 and 100 iterations (0: none), got " + iterations);
                ok = false;
            }
            if (!(maxang > 0 && maxang <= 180)) {
                problems.add("--goldmaxang: must be in (0, 180] degrees, got " + maxang);
                ok = false;
            }
            if (iterations > 0 && restarts > 1) {
                problems.add("--goldstandard with --restarts: the restarts reclassify the last classification, the gold-standard "
                        + "iterations come after it with the classes fixed; run them separately");
                ok = false;
            }
            return ok ? new GoldStandard(iterations, maxang) : NONE;
        }
    }

    /** Number of classes K. */
    public int classes() { return references.k(); }
}

package org.jspt.refine.options;

import java.util.Optional;

/**
 * What is written and how long the run lasts. Immutable.
 *
 * @param pathStem the run folder stem: {@code --path} or {@code spt_refinemulti} (the folder is {@code <stem>_NN})
 * @param iter {@code --iter}, ≥ 1
 * @param output {@code --output}: a file name ending in .hdf written inside the run folder
 */
public record OutputParams(String pathStem, int iter, boolean savesteps, boolean saveali, boolean saveallalign,
                           boolean plots, Optional<String> output) {
    /** The default stem. */
    public static final String DEFAULT_STEM = "spt_refinemulti";
}

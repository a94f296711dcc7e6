package org.jspt.sim;

import java.util.List;

/**
 * The tilt-series part of {@code truth.json}: the physics used ({@link TiltSeriesParams}), the tomograms' names and,
 * in particle index order, each particle's defocus, position and tilt range. Immutable.
 */
public record TiltSeriesTruth(TiltSeriesParams params, List<String> tomogramNames, List<ParticleCtfTruth> particles) {
    public TiltSeriesTruth {
        tomogramNames = List.copyOf(tomogramNames);
        particles = List.copyOf(particles);
        if (tomogramNames.size() != params.tomograms().size()) throw new IllegalArgumentException(tomogramNames.size() + " names for " + params.tomograms().size() + " tomograms");
    }
}

package org.jspt.average;

/** Makes empty averagers of one kind with fixed, validated parameters. Immutable. */
public interface AveragerFactory {
    String name();

    Averager newAverager();
}

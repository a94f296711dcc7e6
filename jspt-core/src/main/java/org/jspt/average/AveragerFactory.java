package org.jspt.average;

/** Makes empty averagers of one kind with fixed, validated parameters. Immutable. */
public interface AveragerFactory extends java.io.Serializable {
    String name();

    Averager newAverager();
}

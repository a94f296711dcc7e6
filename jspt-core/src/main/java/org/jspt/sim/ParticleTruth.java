package org.jspt.sim;

import org.jspt.geom.Transform;

/**
 * The truth of one simulated particle: its class and the pose that moved the class's truth map onto it,
 * x' = R·x + t in centred voxel coordinates (EMAN2 Transform semantics). A correct aligner returns
 * {@code xform.align3d ≈ pose.inverse()}, up to one constant transform per class.
 */
public record ParticleTruth(int index, int classIndex, String label, Transform pose) {}

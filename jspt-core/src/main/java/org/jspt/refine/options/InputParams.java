package org.jspt.refine.options;

import java.nio.file.Path;

/**
 * The particle stack, checked (header only) by {@link RefineValidator}. Immutable.
 *
 * @param input {@code --input} exactly as given (EMAN2 records it as {@code class_ptcl_src})
 * @param path the stack's path resolved against the working directory
 * @param stackSize images in the file
 * @param count particles used: {@code min(--subset, stackSize)} if {@code --subset} > 0, else all;
 *              particles {@code 0 … count−1}
 * @param box raw cubic box size N (even)
 * @param apix pixel size in Å: {@code --apix} if > 0 (then it replaces every header's), else the header's apix_x
 * @param apixOverride true if {@code --apix} > 0
 */
public record InputParams(String input, Path path, int stackSize, int count, int box, double apix, boolean apixOverride) {}

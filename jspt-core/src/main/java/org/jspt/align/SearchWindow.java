package org.jspt.align;

import java.util.List;
import org.jspt.proc.ParamSpec;
import org.jspt.proc.ParamType;
import org.jspt.proc.Params;

/**
 * The translation search of the exhaustive aligners (docs/reference/alignment.md §7.1): integer half-widths in
 * voxels of the box being aligned. {@code search} sets x, y and z together and cannot be combined with
 * {@code searchx/searchy/searchz} (default 3 each). Immutable.
 */
public record SearchWindow(int x, int y, int z) {
    public SearchWindow {
        if (x < 0 || y < 0 || z < 0) throw new IllegalArgumentException("search half-widths must be ≥ 0, got " + x + ", " + y + ", " + z);
    }

    /** The four declarations, in EMAN2's spelling. */
    static List<ParamSpec> params() {
        return List.of(ParamSpec.of("search", ParamType.INT, "translation half-width in voxels on every axis (not with searchx/y/z)"),
                ParamSpec.of("searchx", ParamType.INT, 3, "translation half-width along x, voxels"),
                ParamSpec.of("searchy", ParamType.INT, 3, "translation half-width along y, voxels"),
                ParamSpec.of("searchz", ParamType.INT, 3, "translation half-width along z, voxels"));
    }

    /** From validated parameters; rejects {@code search} together with any of searchx/y/z. */
    static SearchWindow from(Params p) {
        if (p.given("search")) {
            p.require(!p.given("searchx") && !p.given("searchy") && !p.given("searchz"),
                    "'search' cannot be combined with searchx/searchy/searchz");
            int s = p.getInt("search");
            p.require(s >= 0, "search must be ≥ 0");
            return new SearchWindow(s, s, s);
        }
        int x = p.getInt("searchx"), y = p.getInt("searchy"), z = p.getInt("searchz");
        p.require(x >= 0 && y >= 0 && z >= 0, "searchx/searchy/searchz must be ≥ 0");
        return new SearchWindow(x, y, z);
    }
}

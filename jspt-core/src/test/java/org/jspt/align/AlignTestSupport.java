package org.jspt.align;

import org.jspt.proc.ProcessorSpec;

/** Builds aligners from spec strings in tests. */
final class AlignTestSupport {
    private AlignTestSupport() {}

    static Aligner build(String spec) {
        return AlignRegistry.aligners().create(ProcessorSpec.parse(spec).orElseThrow(), null);
    }
}

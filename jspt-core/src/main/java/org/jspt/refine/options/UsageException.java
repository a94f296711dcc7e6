package org.jspt.refine.options;

import java.util.List;

/**
 * A bad refinemulti command line or option value. The message has one line per problem, each naming
 * the option ({@code --nref: must be > 1}); {@link #problems()} gives them one by one. Exit status 1
 * (an IllegalArgumentException, which the CLI maps to "bad input").
 */
public final class UsageException extends IllegalArgumentException {
    private final List<String> problems;

    public UsageException(String problem) { this(List.of(problem)); }

    public UsageException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) throw new IllegalArgumentException("no problems given");
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, one line each, in the order checked. */
    public List<String> problems() { return problems; }
}

package org.jspt.proc;

import java.util.List;
import java.util.function.Function;

/**
 * What the registry knows about one named object (processor, averager…): its parameters, a one-line
 * description and a factory that builds it from validated {@link Params}. Immutable.
 *
 * @param <T> what the factory builds
 */
public record Descriptor<T>(String name, String description, List<ParamSpec> params, Function<Params, T> factory) {
    public Descriptor {
        params = List.copyOf(params);
    }

    /** The declared parameter named {@code key}, or null. */
    public ParamSpec param(String key) {
        for (ParamSpec p : params) if (p.name().equals(key)) return p;
        return null;
    }
}

package org.jspt.exec;

/**
 * Makes executors for a {@code --parallel} scheme that lives outside the core jar (the Spark module),
 * found through {@link java.util.ServiceLoader} when its jar is on the class path.
 */
public interface ExecutorProvider {
    /** The scheme before the colon in {@code --parallel}, e.g. {@code spark}. */
    String scheme();

    /**
     * Opens an executor.
     * @param target what follows {@code scheme:} (for Spark: the master URL)
     * @param appName a name for the job (shown by cluster UIs)
     */
    ParticleExecutor open(String target, String appName);

    /** The provider for {@code scheme}, or null when no jar on the class path supplies one. */
    static ExecutorProvider find(String scheme) {
        for (ExecutorProvider p : java.util.ServiceLoader.load(ExecutorProvider.class)) {
            if (p.scheme().equals(scheme)) return p;
        }
        return null;
    }
}

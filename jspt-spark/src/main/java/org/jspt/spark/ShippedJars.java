package org.jspt.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.jspt.exec.ParticleExecutor;

/**
 * The jars a cluster's executors need besides Spark: the one holding the jspt core classes (the shaded
 * {@code jspt.jar} when run through {@code bin/jspt}, which also carries FFTW, HDF5 and the other core
 * libraries) and the one holding this module. A class folder (tests, IDEs) is packed into a temporary
 * jar first, since Spark ships only files.
 */
final class ShippedJars {
    private ShippedJars() { }

    static List<String> forExecutors() {
        List<String> jars = new ArrayList<>();
        for (Class<?> c : List.of(ParticleExecutor.class, SparkExecutor.class)) {
            String jar = jarOf(c);
            if (!jars.contains(jar)) jars.add(jar);
        }
        return jars;
    }

    /** The jar holding {@code c} (a class folder packed into a temporary jar). */
    static String jarOf(Class<?> c) {
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) throw new IllegalStateException("cannot tell which jar holds " + c.getName() + "; set spark.jars");
        try {
            Path p = Path.of(cs.getLocation().toURI());
            return Files.isDirectory(p) ? packFolder(p).toString() : p.toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("class location of " + c.getName() + ": " + cs.getLocation(), e);
        }
    }

    private static Path packFolder(Path dir) {
        try {
            Path jar = Files.createTempFile("jspt-classes-", ".jar");
            jar.toFile().deleteOnExit();
            try (OutputStream o = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(o); Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    out.putNextEntry(new JarEntry(dir.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("packing " + dir + " for the Spark executors", e);
        }
    }
}

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.karaf.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Defines the given classes itself, from (possibly rewritten) class files, and delegates everything else to the test
 * class loader, so the bridge class and its thread-local are shared with the test.
 */
final class IsolatedLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    private IsolatedLoader(final Map<String, byte[]> classes) {
        super("isolated", IsolatedLoader.class.getClassLoader());
        this.classes = Map.copyOf(classes);
    }

    /**
     * Loads the named classes (binary names) from the test class path, passes each class file through
     * {@code rewrite} and defines the results in a new loader.
     */
    static IsolatedLoader of(final UnaryOperator<byte[]> rewrite, final String... names) {
        final Map<String, byte[]> classes = new HashMap<>();
        for (String name : names) {
            final byte[] rewritten = rewrite.apply(classFile(name));
            classes.put(name, rewritten);
        }
        return new IsolatedLoader(classes);
    }

    static byte[] classFile(final String binaryName) {
        final String resource = binaryName.replace('.', '/') + ".class";
        try (InputStream in = IsolatedLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("not on the test class path: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Class<?> loadClass(final String name, final boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                final byte[] bytes = classes.get(name);
                loaded = bytes != null ? defineClass(name, bytes, 0, bytes.length) : super.loadClass(name, false);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }
}

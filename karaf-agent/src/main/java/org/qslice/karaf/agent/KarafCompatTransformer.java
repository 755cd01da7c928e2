/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.karaf.agent;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Set;
import org.qslice.karaf.agent.bridge.SubjectBridge;

/**
 * Applies {@link ClassRewriter} to classes of non-boot, non-platform class loaders while they are loaded.
 *
 * <p>It never throws and never prints: Karaf redirects standard output and error into the user's console. A class it
 * cannot rewrite is loaded unchanged, and the reason goes to the {@link Trace}.
 */
final class KarafCompatTransformer implements ClassFileTransformer {
    private static final String AGENT_PACKAGE = "org/qslice/karaf/agent/";
    private static final String BRIDGE_PACKAGE = "org/qslice/karaf/agent/bridge/";

    private final Trace trace;
    private final ClassLoader platformLoader = ClassLoader.getPlatformClassLoader();
    // Loaded here, before any transformation, so checking its visibility never loads it from inside transform().
    private final Class<?> bridge = SubjectBridge.class;

    KarafCompatTransformer(final Trace trace) {
        this.trace = trace;
    }

    @Override
    @SuppressWarnings("checkstyle:IllegalCatch")
    @SuppressFBWarnings(value = "PZLA_PREFER_ZERO_LENGTH_ARRAYS",
        justification = "null is how a ClassFileTransformer says: no change")
    public byte[] transform(final ClassLoader loader, final String className, final Class<?> classBeingRedefined,
            final ProtectionDomain protectionDomain, final byte[] classfileBuffer) {
        if (loader == null || loader == platformLoader || className == null || classfileBuffer == null
                || isAgentClass(className)) {
            return null;
        }
        try {
            final Set<Fix> fixes = ClassRewriter.candidateFixes(className, classfileBuffer);
            if (fixes.isEmpty()) {
                return null;
            }
            if (fixes.stream().anyMatch(Fix::needsBridge) && !seesBridge(loader)) {
                fixes.removeIf(Fix::needsBridge);
                trace.report("skipped " + fixes + " in " + className + ": " + loader + " cannot see "
                    + ClassRewriter.BRIDGE);
            }
            final byte[] rewritten = ClassRewriter.rewrite(classfileBuffer, fixes, resolverFor(loader));
            if (rewritten != null) {
                trace.report("rewrote " + className + " (" + loader + ")");
            }
            return rewritten;
        } catch (Throwable e) {
            trace.report("left " + className + " unchanged", e);
            return null;
        }
    }

    /**
     * The agent's own two packages: never rewritten (the bridge mentions getSubject, and loading it must not recurse).
     */
    private static boolean isAgentClass(final String className) {
        return className.startsWith(BRIDGE_PACKAGE)
            || className.startsWith(AGENT_PACKAGE) && className.indexOf('/', AGENT_PACKAGE.length()) < 0;
    }

    /**
     * Whether the class loader resolves the bridge to the very class the agent loaded, i.e. the one holding the
     * thread-local. Bundles see it through {@code org.osgi.framework.bootdelegation}.
     */
    private boolean seesBridge(final ClassLoader loader) {
        try {
            return Class.forName(bridge.getName(), false, loader) == bridge;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Class hierarchy for stack map generation: read from the class files the defining loader (a bundle's, usually)
     * can see, parsed rather than loaded, as an instrumenting agent must.
     */
    private static ClassHierarchyResolver resolverFor(final ClassLoader loader) {
        return ClassHierarchyResolver.ofResourceParsing(loader)
            .orElse(ClassHierarchyResolver.ofResourceParsing(ClassLoader.getSystemClassLoader()))
            .cached();
    }
}

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.karaf.agent;

import java.lang.instrument.Instrumentation;

/**
 * Entry point of {@code -javaagent:qslice-karaf-agent.jar}: registers {@link KarafCompatTransformer}.
 *
 * <p>It must be started before Karaf loads any class (i.e. on the command line), runs only on JDK 24+ and takes no
 * options. Karaf's {@code bin/setenv} of the qslice distribution adds it when the JDK is 24 or newer.
 */
public final class KarafCompatAgent {
    private KarafCompatAgent() {
        // entry point only
    }

    /**
     * Called by the JVM before {@code main}.
     *
     * @param args agent arguments, ignored
     * @param instrumentation the JVM's instrumentation service
     */
    public static void premain(final String args, final Instrumentation instrumentation) {
        instrumentation.addTransformer(new KarafCompatTransformer(Trace.fromSystemProperties()), false);
    }
}

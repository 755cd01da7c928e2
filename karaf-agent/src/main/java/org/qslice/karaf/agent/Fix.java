/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.karaf.agent;

/**
 * The bytecode fixes the agent knows. Each one is tied to what it matches, never applied by guesswork.
 */
enum Fix {
    /**
     * Every {@code invokestatic Subject.getSubject(AccessControlContext)} becomes
     * {@code invokestatic SubjectBridge.getSubject(AccessControlContext)}. Needs the bridge visible to the class.
     */
    SUBJECT_CALLS(true),
    /**
     * The bodies of the two static {@code doAs} methods of {@code org.apache.karaf.util.jaas.JaasHelper} become a call
     * to {@code SubjectBridge.doAs} with the same descriptor. Needs the bridge visible to the class.
     */
    JAAS_HELPER_DO_AS(true),
    /**
     * In {@code org.apache.aries.proxy.impl.ProxyUtils.<clinit>} only, {@code System.getProperty("java.class.version")}
     * yields {@code "65.0"}, so Aries Proxy 1.1.x weaves Java 21 bytecode instead of failing with
     * "Invalid Java version". Self-contained.
     */
    PROXY_UTILS_CLASS_VERSION(false);

    private final boolean needsBridge;

    Fix(final boolean needsBridge) {
        this.needsBridge = needsBridge;
    }

    boolean needsBridge() {
        return needsBridge;
    }
}

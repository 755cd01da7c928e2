/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Runtime half of the JDK 24+ compatibility agent: the static methods that rewritten Karaf classes call instead of
 * {@code Subject.getSubject(AccessControlContext)} and instead of the bodies of {@code JaasHelper.doAs}. The agent
 * jar is on the application class path and this package is listed in {@code org.osgi.framework.bootdelegation},
 * so every bundle sees the same class (and the same thread-local).
 */
package org.qslice.karaf.agent.bridge;

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * A {@code -javaagent} that lets Apache Karaf 4.4.x (and OpenDaylight on it) run on JDK 24 and newer, where
 * {@code Subject.getSubject(AccessControlContext)} always throws and the Security Manager is gone. It rewrites
 * bytecode with the JDK's {@code java.lang.classfile} API while classes are loaded; see {@code docs/jdk25.md}.
 */
package org.qslice.karaf.agent;

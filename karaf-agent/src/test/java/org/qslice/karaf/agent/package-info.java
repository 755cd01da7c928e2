/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Tests of the agent's rewrites on real class files: the JDK 24+ failure first, then the rewritten class loaded in
 * its own class loader.
 */
package org.qslice.karaf.agent;

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * A minimal NETCONF-over-SSH client (RFC 6241/6242): hello, get-config, lock/unlock, close-session. Used to read a
 * simulated device's configuration directly (not through the controller) and to inject faults by holding a
 * device's candidate lock.
 */
package org.qslice.tools.netconf;

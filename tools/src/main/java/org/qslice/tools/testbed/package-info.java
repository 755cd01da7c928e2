/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The simulated testbed: every device of a topology file as a real NETCONF device (OpenDaylight's
 * {@code netconf-testtool}, one process and one loopback port per device, with the qslice device model of its kind),
 * mounted in the controller through {@code topology-netconf}; started, frozen, resumed and stopped by PID.
 */
package org.qslice.tools.testbed;

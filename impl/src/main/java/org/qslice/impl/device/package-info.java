/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Device drivers: one interface per device kind ({@link org.qslice.impl.device.EthernetSwitchDriver},
 * {@link org.qslice.impl.device.OpticalSwitchDriver}, {@link org.qslice.impl.device.EncryptorDriver}) taking plain
 * domain records, so drivers for other models (OpenConfig, IETF interfaces/802.1Q) can be added without touching
 * the orchestrator; their implementations for the qslice device models write through MD-SAL mount points via
 * {@link org.qslice.impl.device.MountPointDevices}, which serializes the transactions of each device and bounds
 * them with a timeout without blocking any thread.
 */
package org.qslice.impl.device;

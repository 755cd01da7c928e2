/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.device;

/**
 * Drives an optical switch's cross-connects ({@link DeviceDriver}).
 */
public interface OpticalSwitchDriver extends DeviceDriver<OpticalCrossConnect> {
}

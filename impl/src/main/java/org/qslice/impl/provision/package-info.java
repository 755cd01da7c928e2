/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Slice provisioning, free of MD-SAL types: {@link org.qslice.impl.provision.Translator} turns a slice's reserved
 * paths into ordered device {@link org.qslice.impl.provision.Step}s (the KMS key-refresh registration, then the
 * paper's swim lane: ingress switches, optical switch, encryptors, remaining switches),
 * {@link org.qslice.impl.provision.ProvisioningEngine} applies them one at a time with an undo history and rolls
 * back on the first failure, and {@link org.qslice.impl.provision.DeviceProvisioner} is the orchestrator's
 * {@link org.qslice.impl.slice.Provisioner}.
 */
package org.qslice.impl.provision;

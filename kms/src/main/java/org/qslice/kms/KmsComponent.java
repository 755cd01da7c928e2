/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms;

import java.security.SecureRandom;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lifecycle of the qslice key management bundle: verifies its cryptography on start.
 */
@Component(service = {}, immediate = true)
public final class KmsComponent {
    private static final Logger LOG = LoggerFactory.getLogger(KmsComponent.class);

    /**
     * Starts the KMS after a cryptography self-test.
     */
    @Activate
    public KmsComponent() {
        LOG.info("qslice KMS started: {}", CryptoSupport.selfTest(new SecureRandom()));
    }

    /**
     * Stops the KMS.
     */
    @Deactivate
    public void deactivate() {
        LOG.info("qslice KMS stopped");
    }
}

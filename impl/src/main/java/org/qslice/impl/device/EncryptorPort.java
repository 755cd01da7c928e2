/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.device;

import static java.util.Objects.requireNonNull;

import org.qslice.api.model.KeyExchange;

/**
 * A client port of an encryptor card bound to a DWDM channel (model {@code qslice-encryptor}).
 *
 * @param name port name, the list key
 * @param description free text
 * @param line the DWDM line (link id) the channel rides
 * @param channel DWDM channel number
 * @param portNumber client port within the channel
 * @param vlan VLAN of the switch-facing side carried on the port
 * @param encryption encrypt (true) or pass through
 * @param keyExchange how the channel key is established
 * @param keySource KMS pool of the channel key, empty when not encrypting
 * @param refreshIntervalMs key rotation interval
 */
public record EncryptorPort(String name, String description, String line, int channel, int portNumber, int vlan,
        boolean encryption, KeyExchange keyExchange, String keySource, long refreshIntervalMs) {
    /**
     * Checks for nulls.
     */
    public EncryptorPort {
        requireNonNull(name, "name");
        requireNonNull(description, "description");
        requireNonNull(line, "line");
        requireNonNull(keyExchange, "key exchange");
        requireNonNull(keySource, "key source");
    }
}

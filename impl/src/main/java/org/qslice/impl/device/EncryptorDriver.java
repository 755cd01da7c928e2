/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.device;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.qslice.api.model.KeyExchange;

/**
 * Drives an encryptor card's client ports ({@link DeviceDriver}) and their keys.
 */
public interface EncryptorDriver extends DeviceDriver<EncryptorPort> {
    /**
     * Binds client ports (creates or replaces their entries) and puts them in service. A driver that remembers key
     * ids ({@link EncryptorKeyCache}) writes an encrypting port with the newest key id given for its line by
     * {@link #setKeyId(String, String, UUID, Optional)}; a stateless one writes none, and the port gets its line's
     * next key id.
     *
     * @param nodeId the device's NETCONF node id
     * @param ports the ports
     * @return completes when the device committed them; fails with the device error
     */
    @Override
    ListenableFuture<?> add(String nodeId, List<EncryptorPort> ports);

    /**
     * Points every in-service client port of a line (channel) at a new key id. Only existing entries are changed: a
     * line with no port on the device is left alone. With a method, the ports run that method from this key on (the
     * first key of a switched channel): it is written with the key id, and their pending method is removed.
     *
     * @param nodeId the device's NETCONF node id
     * @param line the line (link id)
     * @param keyId the new key id
     * @param method the method the key was established with, if the ports are to run it from now on
     * @return the number of the line's ports that hold the key now
     */
    ListenableFuture<Integer> setKeyId(String nodeId, String line, UUID keyId, Optional<KeyExchange> method);

    /**
     * Reads the key-exchange methods the card says it supports ({@code supported-key-exchange}).
     *
     * @param nodeId the device's NETCONF node id
     * @return the methods, empty if the card lists none; fails with the device error
     */
    ListenableFuture<Set<KeyExchange>> supported(String nodeId);

    /**
     * Writes (or, with an empty method, removes) the pending method of every client port of a line: the method the
     * ports switch to with the next key id written with it.
     *
     * @param nodeId the device's NETCONF node id
     * @param line the line (link id)
     * @param method the pending method, or empty to remove it
     * @return the number of the line's ports written
     */
    ListenableFuture<Integer> setPending(String nodeId, String line, Optional<KeyExchange> method);

    /**
     * Forgets the key ids of lines whose key rotation stopped, so ports bound later do not get a retired key.
     *
     * @param lines the lines (link ids)
     */
    void forgetKeys(Collection<String> lines);
}

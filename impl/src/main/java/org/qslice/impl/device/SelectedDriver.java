/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.device;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.qslice.api.model.DeviceKind;
import org.qslice.api.model.KeyExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives each device of a kind through the driver of the model {@link DeviceModels} chooses for it, call by call: a
 * device that reconnects with other models gets another driver from its next call on. A device none of the drivers
 * can drive fails the call, naming the device and what it advertised.
 *
 * @param <E> the entry type
 */
public class SelectedDriver<E> implements DeviceDriver<E> {
    private static final Logger LOG = LoggerFactory.getLogger(SelectedDriver.class);

    private final DeviceModels models;
    private final DeviceKind kind;
    private final Map<String, DeviceDriver<E>> drivers;
    private final Map<String, String> chosen = new ConcurrentHashMap<>();

    /**
     * Creates the selection.
     *
     * @param models chooses the model of each device
     * @param kind the devices' kind
     * @param drivers model name to its driver, for every model of the kind
     */
    protected SelectedDriver(final DeviceModels models, final DeviceKind kind,
            final Map<String, ? extends DeviceDriver<E>> drivers) {
        this.models = requireNonNull(models);
        this.kind = requireNonNull(kind);
        this.drivers = Map.copyOf(drivers);
        for (DeviceModels.Model model : models.models(kind)) {
            if (!this.drivers.containsKey(model.name())) {
                throw new IllegalArgumentException("no driver for model " + model);
            }
        }
    }

    /**
     * Returns the driver of a device.
     *
     * @param nodeId the device's NETCONF node id
     * @return the driver
     * @throws DeviceException if the device speaks no model of its kind qslice can drive
     */
    public DeviceDriver<E> driver(final String nodeId) throws DeviceException {
        return drivers.get(model(nodeId));
    }

    /**
     * Chooses the model a device is driven through now, logging a new choice.
     *
     * @param nodeId the device's NETCONF node id
     * @return the model's name
     * @throws DeviceException if the device has no supported model (the message names it and what it advertised)
     */
    protected final String model(final String nodeId) throws DeviceException {
        final DeviceModels.Model model = models.choose(nodeId, kind);
        if (!model.name().equals(chosen.put(nodeId, model.name()))) {
            LOG.info("device {} ({}): driven through {}", nodeId, kind.yangName(), model);
        }
        return model.name();
    }

    /**
     * Calls the driver of a device's model, or fails if the device has none.
     *
     * @param <T> the call's result
     * @param nodeId the device's NETCONF node id
     * @param call the call
     * @return the call's result, or a {@link DeviceException} naming the device and what it advertised
     */
    protected final <T> ListenableFuture<T> on(final String nodeId,
            final Function<DeviceDriver<E>, ListenableFuture<T>> call) {
        try {
            return call.apply(driver(nodeId));
        } catch (DeviceException e) {
            return Futures.immediateFailedFuture(e);
        }
    }

    @Override
    public ListenableFuture<?> add(final String nodeId, final List<E> entries) {
        return on(nodeId, driver -> driver.add(nodeId, entries));
    }

    @Override
    public ListenableFuture<?> remove(final String nodeId, final List<String> names) {
        return on(nodeId, driver -> driver.remove(nodeId, names));
    }

    @Override
    public ListenableFuture<List<E>> read(final String nodeId) {
        return on(nodeId, driver -> driver.read(nodeId));
    }

    /**
     * {@inheritDoc}
     *
     * <p>For a device no driver can drive: the entry as written (its read fails anyway).
     */
    @Override
    public E asHeld(final String nodeId, final E entry) {
        try {
            return driver(nodeId).asHeld(nodeId, entry);
        } catch (DeviceException e) {
            return entry;
        }
    }

    @Override
    public String heldName(final String nodeId, final String name) {
        try {
            return driver(nodeId).heldName(nodeId, name);
        } catch (DeviceException e) {
            return name;
        }
    }

    /**
     * The Ethernet switches' selection.
     */
    public static final class Ethernet extends SelectedDriver<EthernetCrossConnect> implements EthernetSwitchDriver {
        /**
         * Creates the selection.
         *
         * @param models chooses the model of each device
         * @param drivers model name to its driver
         */
        public Ethernet(final DeviceModels models, final Map<String, EthernetSwitchDriver> drivers) {
            super(models, DeviceKind.ETHERNET_SWITCH, drivers);
        }
    }

    /**
     * The optical switches' selection.
     */
    public static final class Optical extends SelectedDriver<OpticalCrossConnect> implements OpticalSwitchDriver {
        /**
         * Creates the selection.
         *
         * @param models chooses the model of each device
         * @param drivers model name to its driver
         */
        public Optical(final DeviceModels models, final Map<String, OpticalSwitchDriver> drivers) {
            super(models, DeviceKind.OPTICAL_SWITCH, drivers);
        }
    }

    /**
     * The encryptor driver of each card's model; the key rotation's calls go to the card's model too, and forgetting
     * retired lines to every model.
     */
    public static final class Encryptor extends SelectedDriver<EncryptorPort> implements EncryptorDriver {
        private final Map<String, EncryptorDriver> encryptors;

        /**
         * Creates the selection.
         *
         * @param models the models and how a device's are chosen
         * @param drivers the driver of each encryptor model, by model name
         */
        public Encryptor(final DeviceModels models, final Map<String, EncryptorDriver> drivers) {
            super(models, DeviceKind.ENCRYPTOR, drivers);
            encryptors = Map.copyOf(drivers);
        }

        @Override
        public ListenableFuture<Integer> setKeyId(final String nodeId, final String line, final UUID keyId,
                final Optional<KeyExchange> method) {
            return on(nodeId, driver -> ((EncryptorDriver) driver).setKeyId(nodeId, line, keyId, method));
        }

        @Override
        public ListenableFuture<Set<KeyExchange>> supported(final String nodeId) {
            return on(nodeId, driver -> ((EncryptorDriver) driver).supported(nodeId));
        }

        @Override
        public ListenableFuture<Integer> setPending(final String nodeId, final String line,
                final Optional<KeyExchange> method) {
            return on(nodeId, driver -> ((EncryptorDriver) driver).setPending(nodeId, line, method));
        }

        @Override
        public void forgetKeys(final Collection<String> lines) {
            encryptors.values().forEach(driver -> driver.forgetKeys(lines));
        }
    }
}

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qslice.impl.device.EncryptorPort;
import org.qslice.impl.device.EthernetCrossConnect;
import org.qslice.impl.device.OpticalCrossConnect;

/**
 * One step of a slice's provisioning: everything the slice needs on one device (one transaction), or one channel's
 * KMS registration. It knows exactly what it writes ({@link #change()}) and so how to undo it: remove exactly those
 * entries by their keys, nothing else.
 *
 * @param index position in the plan, from 1
 * @param lane the swim lane
 * @param device the device, empty for a KMS registration
 * @param change what the step writes
 */
public record Step(int index, Lane lane, Optional<DeviceRef> device, Change change) {
    /**
     * Checks for nulls.
     */
    public Step {
        requireNonNull(lane, "lane");
        requireNonNull(device, "device");
        requireNonNull(change, "change");
        if (device.isEmpty() != change instanceof KeyRefresh) {
            throw new IllegalArgumentException("step " + index + ": only a key-refresh step has no device");
        }
    }

    /**
     * Returns the device the step acts on, for messages.
     *
     * @return {@code site/name}, or {@code kms}
     */
    public String target() {
        return device.map(DeviceRef::id).orElse("kms");
    }

    /**
     * Describes what the step writes.
     *
     * @return e.g. {@code 3 cross-connect(s): s1/c1, s1/c2, s1/c3}
     */
    public String describe() {
        return change.describe();
    }

    /**
     * Returns the name of a device entry as a driver reads it.
     *
     * @param entry an {@link EthernetCrossConnect}, {@link OpticalCrossConnect} or {@link EncryptorPort}
     * @return its name
     * @throws IllegalStateException for any other object
     */
    public static String entryName(final Object entry) {
        return switch (entry) {
            case EthernetCrossConnect xc -> xc.name();
            case OpticalCrossConnect xc -> xc.name();
            case EncryptorPort port -> port.name();
            default -> throw new IllegalStateException("unexpected entry " + entry);
        };
    }

    /**
     * Returns the device entries the step writes, by name, in the step's order (none for the KMS step).
     *
     * @return the entries
     */
    public Map<String, Object> entries() {
        final var entries = new LinkedHashMap<String, Object>();
        switch (change) {
            case SwitchConfig config -> config.crossConnects().forEach(xc -> entries.put(xc.name(), xc));
            case OpticalConfig config -> config.crossConnects().forEach(xc -> entries.put(xc.name(), xc));
            case EncryptorConfig config -> config.ports().forEach(port -> entries.put(port.name(), port));
            case KeyRefresh refresh -> {
                // no device
            }
        }
        return entries;
    }

    /**
     * Returns what the step writes, by key: its device entries by name, or its KMS channel registrations by channel
     * id.
     *
     * @return the parts, in the step's order
     */
    public Map<String, Object> parts() {
        if (change instanceof KeyRefresh refresh) {
            final var parts = new LinkedHashMap<String, Object>();
            refresh.channels().forEach(channel -> parts.put(channel.channelId(), channel));
            return parts;
        }
        return entries();
    }

    /**
     * Returns a step of the same lane and device writing only some of its parts (or parts of the same kind taken
     * from another step), under a new index.
     *
     * @param newIndex the index
     * @param parts values of {@link #parts()} of steps of this kind
     * @return the step
     */
    public Step withParts(final int newIndex, final List<Object> parts) {
        final Change subset = switch (change) {
            case SwitchConfig config -> new SwitchConfig(parts.stream().map(EthernetCrossConnect.class::cast)
                .toList());
            case OpticalConfig config -> new OpticalConfig(parts.stream().map(OpticalCrossConnect.class::cast)
                .toList());
            case EncryptorConfig config -> new EncryptorConfig(parts.stream().map(EncryptorPort.class::cast).toList());
            case KeyRefresh refresh -> new KeyRefresh(parts.stream().map(ChannelRefresh.class::cast).toList());
        };
        return new Step(newIndex, lane, device, subset);
    }

    /**
     * What a step writes.
     */
    public sealed interface Change permits SwitchConfig, OpticalConfig, EncryptorConfig, KeyRefresh {
        /**
         * Describes the change.
         *
         * @return text naming the entries
         */
        String describe();

        /**
         * Returns the keys of the device entries the change writes.
         *
         * @return the names; empty for a KMS registration
         */
        List<String> names();
    }

    /**
     * Cross-connects on an Ethernet switch.
     *
     * @param crossConnects the cross-connects
     */
    public record SwitchConfig(List<EthernetCrossConnect> crossConnects) implements Change {
        /**
         * Copies the list.
         */
        public SwitchConfig {
            crossConnects = List.copyOf(crossConnects);
        }

        /**
         * Returns the keys of what the change writes.
         *
         * @return the names
         */
        @Override
        public List<String> names() {
            return crossConnects.stream().map(EthernetCrossConnect::name).toList();
        }

        @Override
        public String describe() {
            return crossConnects.size() + " VLAN cross-connect(s): " + String.join(", ", crossConnects.stream()
                .map(xc -> xc.name() + " " + xc.aPort() + "." + xc.aVlan() + "<->" + xc.zPort() + "." + xc.zVlan())
                .toList());
        }
    }

    /**
     * Cross-connects on an optical switch.
     *
     * @param crossConnects the cross-connects
     */
    public record OpticalConfig(List<OpticalCrossConnect> crossConnects) implements Change {
        /**
         * Copies the list.
         */
        public OpticalConfig {
            crossConnects = List.copyOf(crossConnects);
        }

        /**
         * Returns the keys of what the change writes.
         *
         * @return the names
         */
        @Override
        public List<String> names() {
            return crossConnects.stream().map(OpticalCrossConnect::name).toList();
        }

        @Override
        public String describe() {
            return crossConnects.size() + " optical cross-connect(s): " + String.join(", ", names());
        }
    }

    /**
     * Client ports on an encryptor.
     *
     * @param ports the ports
     */
    public record EncryptorConfig(List<EncryptorPort> ports) implements Change {
        /**
         * Copies the list.
         */
        public EncryptorConfig {
            ports = List.copyOf(ports);
        }

        /**
         * Returns the keys of what the change writes.
         *
         * @return the names
         */
        @Override
        public List<String> names() {
            return ports.stream().map(EncryptorPort::name).toList();
        }

        @Override
        public String describe() {
            return ports.size() + " client port(s): " + String.join(", ", ports.stream()
                .map(port -> port.name() + (port.encryption() ? " " + port.keyExchange() : " clear")).toList());
        }
    }

    /**
     * The KMS key-rotation registrations of the slice's encrypted channels (registered concurrently: they are
     * datastore writes, not device transactions).
     *
     * @param channels the channels, sorted by id
     */
    public record KeyRefresh(List<ChannelRefresh> channels) implements Change {
        /**
         * Copies the list.
         */
        public KeyRefresh {
            channels = List.copyOf(channels);
        }

        @Override
        public List<String> names() {
            return List.of();
        }

        @Override
        public String describe() {
            return "rotate the keys of " + channels.size() + " channel(s) every "
                + (channels.isEmpty() ? 0 : channels.get(0).interval().toMillis()) + " ms: " + String.join(", ",
                    channels.stream().map(c -> c.channelId() + " " + c.keyType().yangName()).toList());
        }
    }
}

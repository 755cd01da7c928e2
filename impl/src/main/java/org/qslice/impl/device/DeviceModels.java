/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.device;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.opendaylight.yang.gen.v1.urn.qslice.encryptor.rev261126.Encryptor;
import org.opendaylight.yang.gen.v1.urn.qslice.ethernet._switch.rev261126.EthernetSwitch;
import org.opendaylight.yang.gen.v1.urn.qslice.optical._switch.rev261126.OpticalSwitch;
import org.opendaylight.yangtools.yang.common.QNameModule;
import org.qslice.api.model.DeviceKind;

/**
 * Which device model (and so which driver) each device is configured through: the first model of its kind whose
 * YANG modules the device advertises, at the revisions the driver was written for, unless the topology pins one. The
 * modules are those of the device's mount point, i.e. what it advertised in its NETCONF hello and OpenDaylight could
 * load; a device whose modules cannot be read (no mount point details) gets the first model of its kind.
 */
public final class DeviceModels implements DeviceAvailability {
    /**
     * A device model: a name (what the topology pins) and the modules a device must advertise for it.
     *
     * @param name the model's name, e.g. {@code openconfig}
     * @param kind the devices it drives
     * @param modules the modules, with their revisions
     */
    public record Model(String name, DeviceKind kind, List<QNameModule> modules) {
        /**
         * Checks the arguments.
         */
        public Model {
            requireNonNull(name);
            requireNonNull(kind);
            modules = List.copyOf(modules);
        }

        @Override
        public String toString() {
            return name + " (" + modules.stream().map(DeviceModels::describe).collect(Collectors.joining(" + "))
                + ")";
        }
    }

    /** The name of qslice's own device models. */
    public static final String QSLICE = "qslice";
    /** The name of the OpenConfig models. */
    public static final String OPENCONFIG = "openconfig";

    private final DeviceAvailability mounts;
    private final Function<String, Optional<Collection<QNameModule>>> advertised;
    private final List<Model> models;
    private volatile Map<String, String> pins = Map.of();

    /**
     * Creates the selection.
     *
     * @param mounts whether a device is mounted at all
     * @param advertised the modules of a device's mount point, empty if they cannot be read
     * @param models the models, in order of preference within each kind
     */
    public DeviceModels(final DeviceAvailability mounts,
            final Function<String, Optional<Collection<QNameModule>>> advertised, final List<Model> models) {
        this.mounts = requireNonNull(mounts);
        this.advertised = requireNonNull(advertised);
        this.models = List.copyOf(models);
    }

    /**
     * Returns the models qslice drives devices with, in order of preference: its own model of each kind first (it
     * carries everything a slice needs), then OpenConfig.
     *
     * @return the models
     */
    public static List<Model> standard() {
        return List.of(
            new Model(QSLICE, DeviceKind.ETHERNET_SWITCH, List.of(EthernetSwitch.QNAME.getModule())),
            new Model(OPENCONFIG, DeviceKind.ETHERNET_SWITCH, OpenConfigEthernetSwitch.MODULES),
            new Model(QSLICE, DeviceKind.OPTICAL_SWITCH, List.of(OpticalSwitch.QNAME.getModule())),
            new Model(OPENCONFIG, DeviceKind.OPTICAL_SWITCH, OpenConfigOpticalSwitch.MODULES),
            new Model(QSLICE, DeviceKind.ENCRYPTOR, List.of(Encryptor.QNAME.getModule())),
            new Model(OPENCONFIG, DeviceKind.ENCRYPTOR, OpenConfigEncryptor.MODULES));
    }

    /**
     * Sets the models the topology pins, by NETCONF node id; a device not named here is chosen by its modules.
     *
     * @param byNode node id to model name
     */
    public void pin(final Map<String, String> byNode) {
        pins = Map.copyOf(byNode);
    }

    /**
     * Returns the models of a kind, in order of preference.
     *
     * @param kind the kind
     * @return the models
     */
    public List<Model> models(final DeviceKind kind) {
        return models.stream().filter(model -> model.kind() == kind).toList();
    }

    /**
     * Chooses the model a device is driven through.
     *
     * @param nodeId the device's NETCONF node id
     * @param kind what the device is
     * @return the model; fails with a {@link DeviceException} naming the device, the models qslice can drive it
     *         with and what it advertised
     */
    public Model choose(final String nodeId, final DeviceKind kind) throws DeviceException {
        final List<Model> candidates = models(kind);
        final String pinned = pins.get(nodeId);
        final Optional<Collection<QNameModule>> modules = advertised.apply(nodeId);
        if (pinned != null) {
            final Model model = candidates.stream().filter(candidate -> candidate.name().equals(pinned)).findFirst()
                .orElseThrow(() -> new DeviceException("device " + nodeId + ": the topology pins driver " + pinned
                    + ", which does not drive a " + kind.yangName() + " (drivers: " + candidates.stream()
                        .map(Model::name).collect(Collectors.joining(", ")) + ")", null));
            if (modules.isPresent() && !modules.orElseThrow().containsAll(model.modules())) {
                throw new DeviceException("device " + nodeId + ": the topology pins driver " + model
                    + ", but the device does not advertise " + model.modules().stream()
                        .filter(module -> !modules.orElseThrow().contains(module)).map(DeviceModels::describe)
                        .collect(Collectors.joining(", ")) + "; it advertises " + advertisedList(modules.orElseThrow()),
                    null);
            }
            return model;
        }
        if (modules.isEmpty()) {
            return candidates.getFirst();
        }
        return candidates.stream().filter(candidate -> modules.orElseThrow().containsAll(candidate.modules()))
            .findFirst().orElseThrow(() -> new DeviceException("device " + nodeId + " advertises no YANG model qslice "
                + "can drive a " + kind.yangName() + " with: it needs " + candidates.stream().map(Model::toString)
                    .collect(Collectors.joining(" or ")) + "; it advertises " + advertisedList(modules.orElseThrow()),
                null));
    }

    @Override
    public Optional<String> unavailable(final String nodeId) {
        return mounts.unavailable(nodeId);
    }

    @Override
    public Optional<String> unavailable(final String nodeId, final DeviceKind kind) {
        final Optional<String> away = mounts.unavailable(nodeId);
        if (away.isPresent()) {
            return away;
        }
        try {
            choose(nodeId, kind);
            return Optional.empty();
        } catch (DeviceException e) {
            return Optional.of(e.getMessage());
        }
    }

    static String describe(final QNameModule module) {
        return module.namespace() + module.findRevision().map(revision -> "@" + revision).orElse("");
    }

    private static String advertisedList(final Collection<QNameModule> modules) {
        if (modules.isEmpty()) {
            return "no module";
        }
        return modules.stream().map(DeviceModels::describe).sorted().collect(Collectors.joining(", "));
    }
}

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.qslice.api.SliceException;
import org.qslice.api.SliceException.Kind;
import org.qslice.api.kms.KeyType;
import org.qslice.api.model.ConnectionPlan;
import org.qslice.api.model.ConnectionRequest;
import org.qslice.api.model.Device;
import org.qslice.api.model.DeviceKind;
import org.qslice.api.model.DwdmChannel;
import org.qslice.api.model.Encryptor;
import org.qslice.api.model.Hop;
import org.qslice.api.model.KeyExchange;
import org.qslice.api.model.Link;
import org.qslice.api.model.Site;
import org.qslice.api.model.SliceInfo;
import org.qslice.api.model.Topology;
import org.qslice.impl.device.EncryptorPort;
import org.qslice.impl.device.EthernetCrossConnect;
import org.qslice.impl.device.OpticalCrossConnect;

/**
 * Translates a slice's reserved paths into ordered device steps. Deterministic: the same slice on the same topology
 * always gives the same steps, entries and identifiers.
 *
 * <p>What each connection gets, for a path {@code s0 -L0-> s1 -L1-> ... sn}:
 * <ul>
 *   <li>one VLAN cross-connect named {@code <slice>/<connection>} ({@link #crossConnectName}) on the Ethernet
 *       switch of every site of the path:
 *       at {@code s0} and {@code sn} between the access port and the link's port, at a transit site between the
 *       ports of the two links. The VLAN on a link is {@code 100 + the first client port} the connection holds on
 *       it (the port faces that one link and the ledger gives each client port to one connection, so the tag is
 *       unique on the port; two links cannot name the same switch port, {@link Topology} refuses that); on the
 *       access port of an end site it is the VLAN the connection holds there in the resource ledger
 *       ({@link ConnectionPlan#accessVlan}), allocated at reservation, so no topology change can shift it;</li>
 *   <li>on the optical switch a link passes, one cross-connect per client port, named {@code <link>/<port>};</li>
 *   <li>on the encryptor at each end of the link, one client-port entry per client port, named
 *       {@code <link>/<port>}, in service, encrypting with the link's key exchange (or clear);</li>
 *   <li>one KMS key-rotation registration per encrypted link (channel id = link id), all in one step.</li>
 * </ul>
 * Entry names come from the slice id and from client ports that the resource ledger gives to one slice at a time,
 * so they never collide across slices. Steps are one per device, ordered by lane ({@link Lane}) then device id.
 */
public final class Translator {
    /** Base of the VLAN tags on link-facing ports. */
    public static final int LINK_VLAN_BASE = 100;
    /** Default access port of a site's Ethernet switch. */
    public static final String DEFAULT_ACCESS_PORT = "access";

    private final String accessPort;
    private final Duration keyRefresh;

    /**
     * Creates a translator.
     *
     * @param accessPort the Ethernet switch port where a site's local traffic attaches
     * @param keyRefresh key rotation interval of encrypted channels
     */
    public Translator(final String accessPort, final Duration keyRefresh) {
        this.accessPort = requireNonNull(accessPort);
        this.keyRefresh = requireNonNull(keyRefresh);
    }

    /**
     * Translates a slice.
     *
     * @param slice the slice, with feasible plans
     * @param topology the topology its plans were computed on
     * @return the plan
     * @throws SliceException of kind STATE naming the link, site or device when the topology lacks what provisioning
     *                        needs (a switch port, a device, a DWDM channel)
     */
    public ProvisioningPlan translate(final SliceInfo slice, final Topology topology) throws SliceException {
        final var switchXcs = new TreeMap<String, List<EthernetCrossConnect>>();
        final var opticalXcs = new TreeMap<String, List<OpticalCrossConnect>>();
        final var encPorts = new TreeMap<String, List<EncryptorPort>>();
        final var refresh = new TreeMap<String, ChannelRefresh>();
        final var devices = new LinkedHashMap<String, DeviceRef>();
        final var ingress = new java.util.TreeSet<String>();
        try {
            for (ConnectionPlan plan : slice.connections()) {
                if (!plan.feasible()) {
                    throw new SliceException(Kind.STATE, "slice " + slice.id() + " connection " + plan.name()
                        + " has no path: " + plan.reason().orElse("blocked"));
                }
                translate(slice, plan, topology, switchXcs, opticalXcs, encPorts, refresh, devices, ingress);
            }
        } catch (IllegalArgumentException e) {
            throw new SliceException(Kind.STATE, null, "slice " + slice.id() + " cannot be provisioned: "
                + e.getMessage(), e);
        }
        final var steps = new ArrayList<Step>();
        final Comparator<String> byId = Comparator.naturalOrder();
        for (Lane lane : Lane.values()) {
            switch (lane) {
                case INGRESS_SWITCH, SWITCH -> switchXcs.keySet().stream().sorted(byId)
                    .filter(id -> ingress.contains(id) == (lane == Lane.INGRESS_SWITCH))
                    .forEach(id -> steps.add(new Step(steps.size() + 1, lane, Optional.of(devices.get(id)),
                        new Step.SwitchConfig(switchXcs.get(id)))));
                case OPTICAL_SWITCH -> opticalXcs.forEach((id, xcs) -> steps.add(new Step(steps.size() + 1, lane,
                    Optional.of(devices.get(id)), new Step.OpticalConfig(xcs))));
                case ENCRYPTOR -> encPorts.forEach((id, ports) -> steps.add(new Step(steps.size() + 1, lane,
                    Optional.of(devices.get(id)), new Step.EncryptorConfig(ports))));
                case KEY_REFRESH -> {
                    if (!refresh.isEmpty()) {
                        steps.add(new Step(steps.size() + 1, lane, Optional.empty(),
                            new Step.KeyRefresh(List.copyOf(refresh.values()))));
                    }
                }
                default -> throw new IllegalStateException("unhandled lane " + lane);
            }
        }
        return new ProvisioningPlan(slice.id(), steps);
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    private void translate(final SliceInfo slice, final ConnectionPlan plan, final Topology topology,
            final Map<String, List<EthernetCrossConnect>> switchXcs,
            final Map<String, List<OpticalCrossConnect>> opticalXcs, final Map<String, List<EncryptorPort>> encPorts,
            final Map<String, ChannelRefresh> refresh, final Map<String, DeviceRef> devices,
            final java.util.Set<String> ingress) {
        final String owner = "slice " + slice.id() + " connection " + plan.name();
        final String xcName = crossConnectName(slice.id(), plan);
        final long mbps = slice.request().connections().stream().filter(c -> c.name().equals(plan.name()))
            .findFirst().map(ConnectionRequest::bandwidthMbps)
            .orElseThrow(() -> new IllegalArgumentException(owner + " is not in the slice request"));
        final List<Hop> hops = plan.hops();
        final var links = hops.stream().map(hop -> topology.link(hop.linkId())).toList();
        for (int j = 0; j <= hops.size(); j++) {
            final String site = j == 0 ? hops.get(0).fromSite() : hops.get(j - 1).toSite();
            final DeviceRef sw = device(topology, site, DeviceKind.ETHERNET_SWITCH, devices);
            if (j == 0) {
                ingress.add(sw.id());
            }
            final String aPort;
            final int aVlan;
            if (j == 0) {
                aPort = accessPort;
                aVlan = accessVlan(slice, plan, site);
            } else {
                aPort = port(links.get(j - 1), site);
                aVlan = linkVlan(links.get(j - 1), hops.get(j - 1));
            }
            final String zPort;
            final int zVlan;
            if (j == hops.size()) {
                zPort = accessPort;
                zVlan = accessVlan(slice, plan, site);
            } else {
                zPort = port(links.get(j), site);
                zVlan = linkVlan(links.get(j), hops.get(j));
            }
            switchXcs.computeIfAbsent(sw.id(), id -> new ArrayList<>()).add(new EthernetCrossConnect(xcName,
                owner, mbps, aPort, aVlan, zPort, zVlan));
        }
        for (int i = 0; i < hops.size(); i++) {
            final Hop hop = hops.get(i);
            final Link link = links.get(i);
            final int vlan = linkVlan(link, hop);
            final DwdmChannel channel = link.channel().orElseThrow();
            if (link.opticalSwitch().isPresent()) {
                final DeviceRef osw = named(topology, link.opticalSwitch().orElseThrow(), DeviceKind.OPTICAL_SWITCH,
                    devices, "link " + link.id() + " optical-switch");
                for (int port : hop.clientPorts()) {
                    opticalXcs.computeIfAbsent(osw.id(), id -> new ArrayList<>()).add(new OpticalCrossConnect(
                        link.id() + "/" + port, owner, link.siteA() + ":" + port(link, link.siteA()),
                        link.siteB() + ":" + port(link, link.siteB()), channel.channel(), port));
                }
            }
            if (link.encryptor().isPresent()) {
                final Encryptor enc = link.encryptor().orElseThrow();
                final DeviceRef encA = device(topology, link.siteA(), enc.deviceA(), link);
                final DeviceRef encB = device(topology, link.siteB(), enc.deviceB(), link);
                final KeyExchange exchange = enc.encrypting() ? link.keyExchange() : KeyExchange.NONE;
                final boolean encrypting = exchange != KeyExchange.NONE;
                final Optional<KeyType> keyType = keyType(exchange);
                final String keySource = keyType.map(type -> new org.qslice.api.kms.PoolId(link.id(), type)
                    .toString()).orElse("");
                for (DeviceRef encryptor : List.of(encA, encB)) {
                    devices.putIfAbsent(encryptor.id(), encryptor);
                    for (int port : hop.clientPorts()) {
                        encPorts.computeIfAbsent(encryptor.id(), id -> new ArrayList<>()).add(new EncryptorPort(
                            link.id() + "/" + port, owner, link.id(), channel.channel(), port, vlan, encrypting,
                            exchange, keySource, keyRefresh.toMillis()));
                    }
                }
                keyType.ifPresent(type -> refresh.putIfAbsent(link.id(), new ChannelRefresh(link.id(), type,
                    encA.nodeId(), encB.nodeId(), keyRefresh)));
            }
        }
    }

    /**
     * Returns the encryptor devices at the two ends of an encrypted link, as provisioning writes them.
     *
     * @param topology the topology
     * @param link the link
     * @return the devices at site A and site B
     * @throws SliceException of kind STATE if the link has no encryptor cards or names no encryptor device
     */
    public static List<DeviceRef> encryptors(final Topology topology, final Link link) throws SliceException {
        final Encryptor enc = link.encryptor().orElseThrow(() -> new SliceException(Kind.STATE, "link-id",
            "link " + link.id() + " has no encryptor cards: it has no key-exchange method to change", null));
        try {
            return List.of(device(topology, link.siteA(), enc.deviceA(), link),
                device(topology, link.siteB(), enc.deviceB(), link));
        } catch (IllegalArgumentException e) {
            throw new SliceException(Kind.STATE, "link-id", e.getMessage(), e);
        }
    }

    /**
     * Returns the key rotation interval of encrypted channels.
     *
     * @return the interval
     */
    public Duration keyRefresh() {
        return keyRefresh;
    }

    /**
     * Returns the name of a connection's VLAN cross-connects: {@code <slice>/<connection>} on the path it was created
     * on and every even restoration generation, {@code <slice>~<connection>} on odd ones (neither id may contain
     * {@code ~}), so the old and the new path of a move never share an entry on a switch. At most 160 characters.
     *
     * @param sliceId the slice
     * @param plan the connection's plan
     * @return the name
     */
    public static String crossConnectName(final String sliceId, final ConnectionPlan plan) {
        return sliceId + (plan.generation() % 2 == 0 ? "/" : "~") + plan.name();
    }

    /**
     * Returns the KMS key type of a key-exchange method.
     *
     * @param exchange the method
     * @return its key type, empty for none
     */
    public static Optional<KeyType> keyType(final KeyExchange exchange) {
        return switch (exchange) {
            case NONE -> Optional.empty();
            case DH -> Optional.of(KeyType.DH);
            case QRA -> Optional.of(KeyType.QRA);
            case QKD -> Optional.of(KeyType.QKD);
            case HYBRID_QKD_QRA -> Optional.of(KeyType.HYBRID_QKD_QRA);
        };
    }

    private static int linkVlan(final Link link, final Hop hop) {
        if (link.channel().isEmpty() || hop.clientPorts().isEmpty()) {
            throw new IllegalArgumentException("link " + link.id() + " has no DWDM channel client port for the "
                + "connection: qslice derives VLAN tags and port entries from the reserved client ports");
        }
        final int vlan = LINK_VLAN_BASE + hop.clientPorts().get(0);
        if (vlan > 4094) {
            throw new IllegalArgumentException("link " + link.id() + ": client port " + hop.clientPorts().get(0)
                + " gives VLAN " + vlan + ", above 4094");
        }
        return vlan;
    }

    private static int accessVlan(final SliceInfo slice, final ConnectionPlan plan, final String site) {
        return plan.accessVlan(site).orElseThrow(() -> new IllegalArgumentException("connection " + plan.name()
            + " holds no access VLAN at site " + site + " (its reservation was stored by an older qslice, which "
            + "derived access VLANs at activation): delete slice " + slice.id() + " and create it again"));
    }

    private static String port(final Link link, final String site) {
        final Optional<String> port = link.siteA().equals(site) ? link.portA() : link.portB();
        return port.orElseThrow(() -> new IllegalArgumentException("link " + link.id() + " names no Ethernet switch "
            + "port at site " + site + " (" + (link.siteA().equals(site) ? "source-tp" : "dest-tp") + ")"));
    }

    private static DeviceRef device(final Topology topology, final String siteId, final DeviceKind kind,
            final Map<String, DeviceRef> devices) {
        final Site site = topology.site(siteId);
        final Device device = site.devices().stream().filter(d -> d.kind() == kind)
            .min(Comparator.comparing(Device::name))
            .orElseThrow(() -> new IllegalArgumentException("site " + siteId + " has no " + kind.yangName()
                + " device"));
        return devices.computeIfAbsent(siteId + "/" + device.name(),
            id -> new DeviceRef(siteId, device.name(), kind, device.netconfNodeId()));
    }

    private static DeviceRef device(final Topology topology, final String siteId, final Optional<String> name,
            final Link link) {
        final String deviceName = name.orElseThrow(() -> new IllegalArgumentException("link " + link.id()
            + " has encryptor cards but names no encryptor device at site " + siteId));
        final Device device = topology.site(siteId).device(deviceName).orElseThrow(() ->
            new IllegalArgumentException("link " + link.id() + " names encryptor " + deviceName + " which site "
                + siteId + " does not have"));
        if (device.kind() != DeviceKind.ENCRYPTOR) {
            throw new IllegalArgumentException("link " + link.id() + " names " + siteId + "/" + deviceName
                + " as its encryptor, but it is a " + device.kind().yangName());
        }
        return new DeviceRef(siteId, deviceName, DeviceKind.ENCRYPTOR, device.netconfNodeId());
    }

    private static DeviceRef named(final Topology topology, final String siteSlashDevice, final DeviceKind kind,
            final Map<String, DeviceRef> devices, final String what) {
        final int slash = siteSlashDevice.indexOf('/');
        if (slash <= 0 || slash == siteSlashDevice.length() - 1) {
            throw new IllegalArgumentException(what + " '" + siteSlashDevice + "' is not 'site/device'");
        }
        final String siteId = siteSlashDevice.substring(0, slash);
        final String name = siteSlashDevice.substring(slash + 1);
        final Device device = topology.site(siteId).device(name).orElseThrow(() -> new IllegalArgumentException(
            what + " names device " + name + " which site " + siteId + " does not have"));
        if (device.kind() != kind) {
            throw new IllegalArgumentException(what + " " + siteSlashDevice + " is a " + device.kind().yangName()
                + ", not a " + kind.yangName());
        }
        return devices.computeIfAbsent(siteSlashDevice, id -> new DeviceRef(siteId, name, kind,
            device.netconfNodeId()));
    }
}

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.mdsal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.network.rev180226.Networks;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.network.rev180226.networks.Network;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.network.rev180226.networks.network.Node;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.network.topology.rev180226.Network1;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.network.topology.rev180226.TpId;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.Link1;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.NetworkTypes1;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.Node1;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.networks.network.link.LinkAttributes;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.networks.network.node.site.Device;
import org.opendaylight.yangtools.yang.common.Uint8;
import org.qslice.api.model.Bandwidth;
import org.qslice.api.model.Compute;
import org.qslice.api.model.DwdmChannel;
import org.qslice.api.model.Encryptor;
import org.qslice.api.model.KeyExchange;
import org.qslice.api.model.Link;
import org.qslice.api.model.SecurityLevel;
import org.qslice.api.model.Site;
import org.qslice.api.model.Topology;

/**
 * Converts the RFC 8345 network carrying qslice augmentations into the domain {@link Topology}.
 */
public final class TopologyCodec {
    private TopologyCodec() {
        // utility class
    }

    /**
     * Tells whether a network is a qslice topology (its network-types carry {@code qslice-topology}).
     *
     * @param network the network
     * @return true if it is one
     */
    public static boolean isQslice(final Network network) {
        final var types = network.getNetworkTypes();
        return types != null && types.augmentation(NetworkTypes1.class) != null
            && types.augmentation(NetworkTypes1.class).getQsliceTopology() != null;
    }

    /**
     * Finds the qslice network among all networks.
     *
     * @param networks the networks container
     * @param networkId the id to use, or empty for the only qslice network
     * @return the network, if present
     * @throws IllegalArgumentException if no id is given and several qslice networks exist
     */
    public static Optional<Network> find(final Networks networks, final Optional<String> networkId) {
        if (networks == null) {
            return Optional.empty();
        }
        final List<Network> candidates = networks.nonnullNetwork().values().stream()
            .filter(TopologyCodec::isQslice)
            .filter(net -> networkId.map(id -> id.equals(net.requireNetworkId().getValue())).orElse(true))
            .toList();
        if (candidates.size() > 1) {
            throw new IllegalArgumentException("several qslice networks ("
                + candidates.stream().map(net -> net.requireNetworkId().getValue()).sorted().toList()
                + "): configure which one qslice uses");
        }
        return candidates.stream().findFirst();
    }

    /**
     * Converts a qslice network.
     *
     * @param network the network
     * @return the domain topology
     * @throws IllegalArgumentException naming the node or link when the data is inconsistent
     */
    public static Topology toDomain(final Network network) {
        final String networkId = network.requireNetworkId().getValue();
        final var sites = new ArrayList<Site>();
        for (Node node : network.nonnullNode().values()) {
            final String id = node.requireNodeId().getValue();
            final Node1 aug = node.augmentation(Node1.class);
            if (aug == null || aug.getSite() == null) {
                throw new IllegalArgumentException("node " + id + ": missing qslice-topology:site");
            }
            final var site = aug.getSite();
            if (site.getRole() == null) {
                throw new IllegalArgumentException("node " + id + ": site/role is mandatory");
            }
            final var devices = new ArrayList<org.qslice.api.model.Device>();
            for (Device device : site.nonnullDevice().values()) {
                if (device.getKind() == null) {
                    throw new IllegalArgumentException("node " + id + " device " + device.getName()
                        + ": kind is mandatory");
                }
                devices.add(new org.qslice.api.model.Device(device.requireName(),
                    YangEnums.fromYang(device.getKind()),
                    device.getNetconfNodeId() != null ? device.getNetconfNodeId() : device.requireName(),
                    Optional.ofNullable(device.getDriver()).map(driver -> driver.getName())));
            }
            final Optional<Compute> compute = Optional.ofNullable(site.getCompute())
                .map(c -> new Compute(c.requireCpuCores().longValue(), c.requireMemoryGb().longValue()));
            sites.add(new Site(id, YangEnums.fromYang(site.getRole()), compute, devices));
        }
        final var links = new ArrayList<Link>();
        final Network1 topo = network.augmentation(Network1.class);
        if (topo != null) {
            for (var link : topo.nonnullLink().values()) {
                links.add(link(link));
            }
        }
        return Topology.of(networkId, sites, links);
    }

    private static Link link(
            final org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.network.topology.rev180226.networks
                .network.Link link) {
        final String id = link.requireLinkId().getValue();
        final Link1 aug = link.augmentation(Link1.class);
        final LinkAttributes attrs = aug == null ? null : aug.getLinkAttributes();
        if (attrs == null) {
            throw new IllegalArgumentException("link " + id + ": missing qslice-topology:link-attributes");
        }
        if (link.getSource() == null || link.getSource().getSourceNode() == null || link.getDestination() == null
                || link.getDestination().getDestNode() == null) {
            throw new IllegalArgumentException("link " + id + ": source/source-node and destination/dest-node are "
                + "mandatory");
        }
        if (attrs.getCapacityGbps() == null || attrs.getLatencyUs() == null || attrs.getSecurityLevel() == null) {
            throw new IllegalArgumentException("link " + id + ": capacity-gbps, latency-us and security-level are "
                + "mandatory");
        }
        final SecurityLevel level = YangEnums.fromYang(attrs.getSecurityLevel());
        final KeyExchange exchange = attrs.getKeyExchange() != null ? YangEnums.fromYang(attrs.getKeyExchange())
            : KeyExchange.defaultFor(level);
        final BigDecimal capacity = attrs.getCapacityGbps().decimalValue();
        Link result = new Link(id, link.getSource().getSourceNode().getValue(),
            link.getDestination().getDestNode().getValue(), Bandwidth.mbps(capacity),
            attrs.getLatencyUs().longValue(), level, exchange, Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.ofNullable(link.getSource().getSourceTp()).map(TpId::getValue),
            Optional.ofNullable(link.getDestination().getDestTp()).map(TpId::getValue));
        final var channel = attrs.getDwdmChannel();
        if (channel != null) {
            final var inUse = new TreeSet<Integer>();
            if (channel.getClientPortInUse() != null) {
                for (Uint8 port : channel.getClientPortInUse()) {
                    inUse.add(port.intValue());
                }
            }
            if (channel.getChannel() == null) {
                throw new IllegalArgumentException("link " + id + ": dwdm-channel/channel is mandatory");
            }
            // binding getters do not apply YANG defaults: the defaults of qslice-topology are repeated here
            final int ports = channel.getClientPorts() != null ? channel.getClientPorts().intValue() : 10;
            final long speedGbps = channel.getPortSpeedGbps() != null ? channel.getPortSpeedGbps().longValue() : 10;
            result = result.withChannel(new DwdmChannel(channel.getChannel().intValue(), ports, speedGbps * 1000,
                inUse));
        }
        final var encryptor = attrs.getEncryptor();
        if (encryptor != null) {
            result = result.withEncryptor(new Encryptor(Optional.ofNullable(encryptor.getCardModel()),
                !Boolean.FALSE.equals(encryptor.getEncrypting()),
                encryptor.getLatencyUs() != null ? encryptor.getLatencyUs().longValue() : Encryptor.DEFAULT_LATENCY_US,
                Optional.ofNullable(encryptor.getSourceDevice()), Optional.ofNullable(encryptor.getDestDevice())));
        }
        if (attrs.getOpticalSwitch() != null) {
            result = result.withOpticalSwitch(attrs.getOpticalSwitch());
        }
        // the Link constructor refuses a rate that is not positive and QKD data on a link whose key exchange does
        // not use QKD, naming the link and the field
        if (attrs.getSecretKeyRateBps() != null) {
            result = result.withSecretKeyRate(attrs.getSecretKeyRateBps().doubleValue());
        }
        if (attrs.getQkdLink() != null) {
            result = result.withQkdLink(attrs.getQkdLink());
        }
        return result;
    }
}

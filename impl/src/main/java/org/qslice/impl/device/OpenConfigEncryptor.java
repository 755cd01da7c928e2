/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.device;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.terminal.device.rev210729.OpenconfigTerminalDeviceData;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.terminal.device.rev210729.TerminalLogicalChanAssignmentConfig.AssignmentType;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.terminal.device.rev210729.terminal.device.top.TerminalDevice;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.terminal.device.rev210729.terminal.logical.chan.assignment.top.LogicalChannelAssignmentsBuilder;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.terminal.device.rev210729.terminal.logical.chan.assignment.top.logical.channel.assignments.Assignment;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.terminal.device.rev210729.terminal.logical.chan.assignment.top.logical.channel.assignments.AssignmentBuilder;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.terminal.device.rev210729.terminal.logical.channel.ingress.top.IngressBuilder;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.terminal.device.rev210729.terminal.logical.channel.top.LogicalChannels;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.terminal.device.rev210729.terminal.logical.channel.top.LogicalChannelsBuilder;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.terminal.device.rev210729.terminal.logical.channel.top.logical.channels.Channel;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.terminal.device.rev210729.terminal.logical.channel.top.logical.channels.ChannelBuilder;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.terminal.device.rev210729.terminal.logical.channel.top.logical.channels.ChannelKey;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.terminal.device.rev210729.terminal.logical.channel.top.logical.channels.channel.Config;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.terminal.device.rev210729.terminal.logical.channel.top.logical.channels.channel.ConfigBuilder;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.transport.types.rev210729.AdminStateType;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.transport.types.rev210729.PROT10GELAN;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.transport.types.rev210729.PROTETHERNET;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.transport.types.rev210729.TRIBRATE10G;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Uuid;
import org.opendaylight.yang.gen.v1.urn.qslice.openconfig.encryption.rev261206.Config1;
import org.opendaylight.yang.gen.v1.urn.qslice.openconfig.encryption.rev261206.Config2;
import org.opendaylight.yang.gen.v1.urn.qslice.openconfig.encryption.rev261206.Config2Builder;
import org.opendaylight.yang.gen.v1.urn.qslice.openconfig.encryption.rev261206.KeyExchange;
import org.opendaylight.yang.gen.v1.urn.qslice.openconfig.encryption.rev261206.terminal.device.logical.channels.channel.config.Encryption;
import org.opendaylight.yang.gen.v1.urn.qslice.openconfig.encryption.rev261206.terminal.device.logical.channels.channel.config.EncryptionBuilder;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Decimal64;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.QNameModule;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * {@link EncryptorDriver} for an encrypting transponder that speaks OpenConfig: {@code openconfig-terminal-device}
 * (2021-07-29) for the client-to-line mapping, plus qslice's {@code qslice-openconfig-encryption} augmentation for
 * what no OpenConfig model covers (encryption on/off, key-exchange method, key source, current key id, refresh
 * interval; the card's supported methods).
 *
 * <p>A client port is one logical channel: index the 31-bit CRC-32 of the port's name, description
 * {@code qslice:<name> <description>} (how a read finds the name again), admin state ENABLED, a 10GE client
 * (PROT_ETHERNET, TRIB_RATE_10G, PROT_10GE_LAN) whose ingress transceiver is {@code client-<port number>}, and one
 * assignment of 10 Gbit/s to the line-side optical channel {@code och<channel>:<line>}. The encryption leaves live in
 * the channel's {@code config/encryption}. The VLAN of qslice's own model has no place here: a port reads back with
 * VLAN 0.
 */
public final class OpenConfigEncryptor extends KeyedEncryptor<Channel> {
    /** The model's root container. */
    public static final DataObjectIdentifier<TerminalDevice> ROOT = DataObjectIdentifier.builderOfInherited(
        OpenconfigTerminalDeviceData.class, TerminalDevice.class).build();
    /** The modules an encryptor must advertise: the terminal device and qslice's encryption augmentation. */
    public static final List<QNameModule> MODULES = List.of(TerminalDevice.QNAME.getModule(),
        Encryption.QNAME.getModule());

    private static final String FOREIGN = "logical-channel-";
    private static final String CLIENT = "client-";
    private static final Pattern OPTICAL_CHANNEL = Pattern.compile("och(\\d+):(.+)");
    private static final Uint32 ASSIGNMENT = Uint32.ONE;
    private static final Decimal64 TEN_GBPS = Decimal64.valueOf("10.000");
    private static final DataObjectIdentifier<LogicalChannels> CHANNELS = DataObjectIdentifier.builderOfInherited(
        OpenconfigTerminalDeviceData.class, TerminalDevice.class).child(LogicalChannels.class).build();
    /** The list removals take out entries of, for a batched edit-config. */
    static final BatchedRemoval.EntryList ENTRIES = new BatchedRemoval.EntryList(List.of(TerminalDevice.QNAME,
        LogicalChannels.QNAME), Channel.QNAME, QName.create(Channel.QNAME, "index"));
    private static final Function<TerminalDevice, Collection<String>> NAMES =
        root -> channels(root).stream().map(OpenConfigEncryptor::name).toList();

    /**
     * Creates the driver.
     *
     * @param devices device access
     */
    public OpenConfigEncryptor(final MountPointDevices devices) {
        super(devices, " (OpenConfig)");
    }

    @Override
    ListenableFuture<List<Channel>> entries(final DataBroker broker) {
        try (var tx = broker.newReadOnlyTransaction()) {
            return Futures.transform(tx.read(LogicalDatastoreType.CONFIGURATION, ROOT),
                root -> root.map(OpenConfigEncryptor::channels).orElse(List.of()), MoreExecutors.directExecutor());
        }
    }

    @Override
    PortKeys keys(final Channel channel) {
        final Encryption encryption = encryption(channel);
        final Matcher optical = opticalChannel(channel);
        return new PortKeys(name(channel), optical == null ? null : optical.group(2),
            config(channel) != null && config(channel).getAdminState() == AdminStateType.ENABLED,
            encryption != null && !Boolean.FALSE.equals(encryption.getEnabled()),
            encryption == null || encryption.getKeyExchange() == null ? null : method(encryption.getKeyExchange()),
            encryption == null || encryption.getPendingKeyExchange() == null ? null
                : method(encryption.getPendingKeyExchange()),
            encryption == null || encryption.getCurrentKeyId() == null ? null
                : UUID.fromString(encryption.getCurrentKeyId().getValue()));
    }

    @Override
    void bind(final WriteTransaction tx, final List<EncryptorPort> ports, final Map<String, UUID> keyIds) {
        tx.merge(LogicalDatastoreType.CONFIGURATION, CHANNELS, new LogicalChannelsBuilder().setChannel(
            BindingMap.ordered(ports.stream().map(port -> channel(port, keyIds.get(port.name()))).toList())).build());
    }

    @Override
    void writeKeyIds(final WriteTransaction tx, final Map<Channel, UUID> keyIds) {
        // one edit: each channel with only its key id
        tx.merge(LogicalDatastoreType.CONFIGURATION, CHANNELS, new LogicalChannelsBuilder().setChannel(
            BindingMap.ordered(keyIds.entrySet().stream().map(update -> new ChannelBuilder()
                .setIndex(update.getKey().requireIndex())
                .setConfig(new ConfigBuilder().addAugmentation(new Config2Builder().setEncryption(
                    new EncryptionBuilder().setCurrentKeyId(new Uuid(update.getValue().toString())).build())
                    .build()).build())
                .build()).toList())).build());
    }

    @Override
    void writeSwitched(final WriteTransaction tx, final Channel channel, final UUID keyId,
            final org.qslice.api.model.KeyExchange method, final String keySource) {
        // the whole container, so the pending method goes
        tx.put(LogicalDatastoreType.CONFIGURATION, encryptionPath(channel.requireIndex()),
            new EncryptionBuilder(existing(channel)).setCurrentKeyId(new Uuid(keyId.toString()))
                .setKeyExchange(keyExchange(method)).setPendingKeyExchange(null).setKeySource(keySource).build());
    }

    @Override
    void writePending(final WriteTransaction tx, final Channel channel,
            final org.qslice.api.model.@Nullable KeyExchange pending) {
        tx.put(LogicalDatastoreType.CONFIGURATION, encryptionPath(channel.requireIndex()),
            new EncryptionBuilder(existing(channel)).setPendingKeyExchange(pending == null ? null
                : keyExchange(pending)).build());
    }

    @Override
    ListenableFuture<?> removeEntries(final String nodeId, final List<String> names) {
        return devices.removeEntries(nodeId, "removing " + names.size() + " client port(s) (OpenConfig)", ENTRIES,
            names.stream().map(name -> channelIndex(name).toString()).toList(),
            broker -> Removal.remove(broker, names, OpenConfigEncryptor::path, NAMES, ROOT));
    }

    @Override
    public ListenableFuture<List<EncryptorPort>> read(final String nodeId) {
        return devices.read(nodeId, ROOT, root -> channels(root).stream().map(OpenConfigEncryptor::domain).toList());
    }

    @Override
    public ListenableFuture<Set<org.qslice.api.model.KeyExchange>> supported(final String nodeId) {
        return Futures.transform(devices.read(nodeId, ROOT, root -> {
            final Config1 card = root.getConfig() == null ? null : root.getConfig().augmentation(Config1.class);
            return card == null || card.getSupportedKeyExchange() == null ? List.<KeyExchange>of()
                : List.copyOf(card.getSupportedKeyExchange());
        }), methods -> methods.stream().map(OpenConfigEncryptor::method).collect(Collectors.toUnmodifiableSet()),
            MoreExecutors.directExecutor());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Without its VLAN, which the model does not hold.
     */
    @Override
    public EncryptorPort asHeld(final String nodeId, final EncryptorPort port) {
        return new EncryptorPort(port.name(), port.description(), port.line(), port.channel(), port.portNumber(), 0,
            port.encryption(), port.keyExchange(), port.keySource(), port.refreshIntervalMs());
    }

    static Channel channel(final EncryptorPort port, final @Nullable UUID keyId) {
        final Uint32 index = OpenConfigNames.index(port.name());
        return new ChannelBuilder()
            .setIndex(index)
            .setConfig(new ConfigBuilder()
                .setIndex(index)
                .setDescription(OpenConfigNames.description(port.name(), port.description()))
                .setAdminState(AdminStateType.ENABLED)
                .setLogicalChannelType(PROTETHERNET.VALUE)
                .setRateClass(TRIBRATE10G.VALUE)
                .setTribProtocol(PROT10GELAN.VALUE)
                .addAugmentation(new Config2Builder().setEncryption(new EncryptionBuilder()
                    .setEnabled(port.encryption())
                    .setKeyExchange(keyExchange(port.keyExchange()))
                    .setKeySource(port.keySource().isEmpty() ? null : port.keySource())
                    .setKeyRefreshIntervalMs(Uint32.valueOf(port.refreshIntervalMs()))
                    .setCurrentKeyId(keyId == null ? null : new Uuid(keyId.toString()))
                    .build()).build())
                .build())
            .setIngress(new IngressBuilder().setConfig(new org.opendaylight.yang.gen.v1.http.openconfig.net.yang
                .terminal.device.rev210729.terminal.logical.channel.ingress.top.ingress.ConfigBuilder()
                .setTransceiver(CLIENT + port.portNumber()).build()).build())
            .setLogicalChannelAssignments(new LogicalChannelAssignmentsBuilder().setAssignment(BindingMap.of(
                new AssignmentBuilder().setIndex(ASSIGNMENT).setConfig(new org.opendaylight.yang.gen.v1.http.openconfig
                    .net.yang.terminal.device.rev210729.terminal.logical.chan.assignment.top.logical.channel
                    .assignments.assignment.ConfigBuilder()
                    .setIndex(ASSIGNMENT)
                    .setAssignmentType(AssignmentType.OPTICALCHANNEL)
                    .setOpticalChannel("och" + port.channel() + ":" + port.line())
                    .setAllocation(TEN_GBPS)
                    .build()).build())).build())
            .build();
    }

    static EncryptorPort domain(final Channel channel) {
        final Encryption encryption = encryption(channel);
        final Matcher optical = opticalChannel(channel);
        final String text = description(channel);
        final String name = name(channel);
        final String description = OpenConfigNames.rest(text, name);
        return new EncryptorPort(name, description, optical == null ? "" : optical.group(2),
            optical == null ? 0 : Integer.parseInt(optical.group(1)), clientPort(channel), 0,
            encryption != null && !Boolean.FALSE.equals(encryption.getEnabled()),
            encryption == null || encryption.getKeyExchange() == null ? org.qslice.api.model.KeyExchange.NONE
                : method(encryption.getKeyExchange()),
            encryption == null || encryption.getKeySource() == null ? "" : encryption.getKeySource(),
            encryption == null || encryption.getKeyRefreshIntervalMs() == null ? 0
                : encryption.getKeyRefreshIntervalMs().longValue());
    }

    private static List<Channel> channels(final TerminalDevice root) {
        return root.getLogicalChannels() == null ? List.of()
            : List.copyOf(root.getLogicalChannels().nonnullChannel().values());
    }

    private static @Nullable Config config(final Channel channel) {
        return channel.getConfig();
    }

    private static String description(final Channel channel) {
        final Config config = config(channel);
        return config == null || config.getDescription() == null ? "" : config.getDescription();
    }

    /** The client-port name in a channel's description, or {@code logical-channel-<index>} if it is not qslice's. */
    private static String name(final Channel channel) {
        final String name = OpenConfigNames.name(description(channel));
        return name == null ? FOREIGN + channel.requireIndex() : name;
    }

    private static @Nullable Encryption encryption(final Channel channel) {
        final Config config = config(channel);
        final Config2 augmentation = config == null ? null : config.augmentation(Config2.class);
        return augmentation == null ? null : augmentation.getEncryption();
    }

    private static Encryption existing(final Channel channel) {
        final Encryption encryption = encryption(channel);
        return encryption == null ? new EncryptionBuilder().build() : encryption;
    }

    private static @Nullable Matcher opticalChannel(final Channel channel) {
        if (channel.getLogicalChannelAssignments() == null) {
            return null;
        }
        for (Assignment assignment : channel.getLogicalChannelAssignments().nonnullAssignment().values()) {
            if (assignment.getConfig() != null && assignment.getConfig().getOpticalChannel() != null) {
                final Matcher matcher = OPTICAL_CHANNEL.matcher(assignment.getConfig().getOpticalChannel());
                if (matcher.matches()) {
                    return matcher;
                }
            }
        }
        return null;
    }

    private static int clientPort(final Channel channel) {
        final String transceiver = channel.getIngress() == null || channel.getIngress().getConfig() == null
            ? null : channel.getIngress().getConfig().getTransceiver();
        if (transceiver == null || !transceiver.startsWith(CLIENT)) {
            return 0;
        }
        try {
            return Integer.parseInt(transceiver.substring(CLIENT.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static DataObjectIdentifier<Channel> path(final String name) {
        return CHANNELS.toBuilder().child(Channel.class, new ChannelKey(channelIndex(name))).build();
    }

    /** The index of the logical channel a client-port name reads back from. */
    private static Uint32 channelIndex(final String name) {
        return name.startsWith(FOREIGN) ? Uint32.valueOf(name.substring(FOREIGN.length()))
            : OpenConfigNames.index(name);
    }

    private static DataObjectIdentifier<Encryption> encryptionPath(final Uint32 index) {
        return CHANNELS.toBuilder().child(Channel.class, new ChannelKey(index)).child(Config.class)
            .augmentation(Config2.class).child(Encryption.class).build();
    }

    private static org.qslice.api.model.KeyExchange method(final KeyExchange exchange) {
        return KeyedEncryptor.method(exchange.getName());
    }

    private static KeyExchange keyExchange(final org.qslice.api.model.KeyExchange method) {
        return KeyExchange.ofName(deviceName(method));
    }
}

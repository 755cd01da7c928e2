/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.mdsal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.DateAndTime;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.JournalStepState;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.journal.Slice;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.journal.SliceBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.journal.slice.StepBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.journal.slice.step.Channel;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.journal.slice.step.ChannelBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.journal.slice.step.ClientPort;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.journal.slice.step.ClientPortBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.journal.slice.step.CrossConnect;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.journal.slice.step.CrossConnectBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.journal.slice.step.Device;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.journal.slice.step.DeviceBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.journal.slice.step.OpticalCrossConnect;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.journal.slice.step.OpticalCrossConnectBuilder;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.qslice.api.kms.KeyType;
import org.qslice.api.model.ProvisioningRecord.Operation;
import org.qslice.impl.device.EncryptorPort;
import org.qslice.impl.device.EthernetCrossConnect;
import org.qslice.impl.provision.ChannelRefresh;
import org.qslice.impl.provision.DeviceRef;
import org.qslice.impl.provision.Journal;
import org.qslice.impl.provision.Journal.StepState;
import org.qslice.impl.provision.Lane;
import org.qslice.impl.provision.Step;

/**
 * Converts {@link Journal}s to and from the {@code /qslice-slice:journal} list entries of the configuration
 * datastore. Decoding is strict: a missing or unknown value fails with {@link IllegalArgumentException} naming it,
 * so a damaged entry is reported rather than half-read.
 */
public final class JournalCodec {
    private JournalCodec() {
        // utility class
    }

    /**
     * Converts a journal for the datastore.
     *
     * @param journal the journal
     * @return the list entry
     */
    public static Slice binding(final Journal journal) {
        final var steps = new ArrayList<org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.journal.slice.Step>();
        for (Journal.Entry entry : journal.steps()) {
            steps.add(encode(entry.step(), entry.state(), entry.role()));
        }
        return new SliceBuilder()
            .setSliceId(journal.sliceId())
            .setOperation(Slice.Operation.ofName(journal.operation().yangName()))
            .setStarted(new DateAndTime(journal.started().toString()))
            .setStep(steps)
            .build();
    }

    /**
     * Returns a step entry carrying only its key and a new state, to merge into a stored journal.
     *
     * @param index the step's index
     * @param state its new state
     * @return the partial entry
     */
    public static org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.journal.slice.Step state(final int index,
            final StepState state) {
        return new StepBuilder().setIndex(Uint16.valueOf(index)).setState(JournalStepState.ofName(state.yangName()))
            .build();
    }

    private static org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.journal.slice.Step encode(final Step step,
            final StepState state, final Journal.Role role) {
        final var builder = new StepBuilder()
            .setIndex(Uint16.valueOf(step.index()))
            .setLane(step.lane().yangName())
            .setState(JournalStepState.ofName(state.yangName()))
            .setRestoration(role == Journal.Role.CURRENT ? null
                : org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.journal.slice.Step.Restoration.ofName(
                    role.yangName()));
        step.device().ifPresent(device -> builder.setDevice(new DeviceBuilder()
            .setSite(device.site())
            .setName(device.name())
            .setKind(YangEnums.toYang(device.kind()))
            .setNodeId(device.nodeId())
            .build()));
        switch (step.change()) {
            case Step.SwitchConfig config -> builder.setCrossConnect((config.crossConnects()
                .stream().map(xc -> new CrossConnectBuilder()
                    .setName(xc.name())
                    .setDescription(xc.description())
                    .setBandwidthMbps(Uint64.valueOf(xc.bandwidthMbps()))
                    .setAPort(xc.aPort())
                    .setAVlan(Uint16.valueOf(xc.aVlan()))
                    .setZPort(xc.zPort())
                    .setZVlan(Uint16.valueOf(xc.zVlan()))
                    .build()).toList()));
            case Step.OpticalConfig config -> builder.setOpticalCrossConnect((config
                .crossConnects().stream().map(xc -> new OpticalCrossConnectBuilder()
                    .setName(xc.name())
                    .setDescription(xc.description())
                    .setInPort(xc.inPort())
                    .setOutPort(xc.outPort())
                    .setChannel(Uint16.valueOf(xc.channel()))
                    .setClientPort(Uint16.valueOf(xc.clientPort()))
                    .build()).toList()));
            case Step.EncryptorConfig config -> builder.setClientPort((config.ports().stream()
                .map(port -> new ClientPortBuilder()
                    .setName(port.name())
                    .setDescription(port.description())
                    .setLine(port.line())
                    .setChannel(Uint16.valueOf(port.channel()))
                    .setPortNumber(Uint16.valueOf(port.portNumber()))
                    .setVlan(Uint16.valueOf(port.vlan()))
                    .setEncryption(port.encryption())
                    .setKeyExchange(YangEnums.toYang(port.keyExchange()))
                    .setKeySource(port.keySource())
                    .setRefreshIntervalMs(Uint64.valueOf(port.refreshIntervalMs()))
                    .build()).toList()));
            case Step.KeyRefresh refresh -> builder.setChannel((refresh.channels().stream()
                .map(channel -> new ChannelBuilder()
                    .setChannelId(channel.channelId())
                    .setKeyType(org.opendaylight.yang.gen.v1.urn.qslice.types.rev261126.KeyType.ofName(
                        channel.keyType().yangName()))
                    .setMasterSaeId(channel.masterSaeId())
                    .setSlaveSaeId(channel.slaveSaeId())
                    .setIntervalMs(Uint64.valueOf(channel.interval().toMillis()))
                    .build()).toList()));
        }
        return builder.build();
    }

    /**
     * Converts a stored entry back.
     *
     * @param slice the list entry
     * @return the journal
     * @throws IllegalArgumentException naming what is missing or invalid
     */
    public static Journal journal(final Slice slice) {
        final var steps = new ArrayList<Journal.Entry>();
        for (var step : slice.nonnullStep()) {
            steps.add(new Journal.Entry(decode(step), StepState.valueOf(upper(require(step.getState(),
                "state of step " + step.getIndex()).getName())), step.getRestoration() == null ? Journal.Role.CURRENT
                : Journal.Role.valueOf(upper(step.getRestoration().getName()))));
        }
        return new Journal(require(slice.getSliceId(), "slice-id"),
            Operation.valueOf(upper(require(slice.getOperation(), "operation").getName())),
            instant(require(slice.getStarted(), "started")), steps);
    }

    private static Step decode(final org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.journal.slice.Step step) {
        final int index = require(step.getIndex(), "index").intValue();
        final String where = "step " + index;
        final Lane lane = Lane.valueOf(upper(require(step.getLane(), where + " lane").replace('-', '_')));
        final Optional<DeviceRef> device = Optional.ofNullable(step.getDevice()).map(d -> device(d, where));
        final Step.Change change;
        if (!step.nonnullCrossConnect().isEmpty()) {
            change = new Step.SwitchConfig(step.nonnullCrossConnect().stream().map(xc -> crossConnect(xc,
                where)).toList());
        } else if (!step.nonnullOpticalCrossConnect().isEmpty()) {
            change = new Step.OpticalConfig(step.nonnullOpticalCrossConnect().stream().map(xc ->
                optical(xc, where)).toList());
        } else if (!step.nonnullClientPort().isEmpty()) {
            change = new Step.EncryptorConfig(step.nonnullClientPort().stream().map(port -> port(port,
                where)).toList());
        } else if (!step.nonnullChannel().isEmpty()) {
            change = new Step.KeyRefresh(step.nonnullChannel().stream().map(channel -> channel(channel,
                where)).toList());
        } else {
            throw new IllegalArgumentException(where + " writes nothing");
        }
        return new Step(index, lane, device, change);
    }

    private static DeviceRef device(final Device device, final String where) {
        return new DeviceRef(require(device.getSite(), where + " device site"), require(device.getName(),
            where + " device name"), YangEnums.fromYang(require(device.getKind(), where + " device kind")),
            require(device.getNodeId(), where + " device node-id"));
    }

    private static EthernetCrossConnect crossConnect(final CrossConnect xc, final String where) {
        final String what = where + " cross-connect " + xc.getName();
        return new EthernetCrossConnect(require(xc.getName(), where + " cross-connect name"),
            Optional.ofNullable(xc.getDescription()).orElse(""), require(xc.getBandwidthMbps(), what
                + " bandwidth").longValue(), require(xc.getAPort(), what + " a-port"),
            require(xc.getAVlan(), what + " a-vlan").intValue(), require(xc.getZPort(), what + " z-port"),
            require(xc.getZVlan(), what + " z-vlan").intValue());
    }

    private static org.qslice.impl.device.OpticalCrossConnect optical(final OpticalCrossConnect xc,
            final String where) {
        final String what = where + " optical cross-connect " + xc.getName();
        return new org.qslice.impl.device.OpticalCrossConnect(require(xc.getName(), what + " name"),
            Optional.ofNullable(xc.getDescription()).orElse(""), require(xc.getInPort(), what + " in-port"),
            require(xc.getOutPort(), what + " out-port"), require(xc.getChannel(), what + " channel").intValue(),
            require(xc.getClientPort(), what + " client-port").intValue());
    }

    private static EncryptorPort port(final ClientPort port, final String where) {
        final String what = where + " client port " + port.getName();
        return new EncryptorPort(require(port.getName(), what + " name"),
            Optional.ofNullable(port.getDescription()).orElse(""), require(port.getLine(), what + " line"),
            require(port.getChannel(), what + " channel").intValue(), require(port.getPortNumber(),
                what + " port-number").intValue(), require(port.getVlan(), what + " vlan").intValue(),
            require(port.getEncryption(), what + " encryption"),
            YangEnums.fromYang(require(port.getKeyExchange(), what + " key-exchange")),
            Optional.ofNullable(port.getKeySource()).orElse(""), require(port.getRefreshIntervalMs(),
                what + " refresh-interval-ms").longValue());
    }

    private static ChannelRefresh channel(final Channel channel, final String where) {
        final String what = where + " channel " + channel.getChannelId();
        return new ChannelRefresh(require(channel.getChannelId(), what + " id"),
            KeyType.ofYangName(require(channel.getKeyType(), what + " key-type").getName()),
            require(channel.getMasterSaeId(), what + " master-sae-id"), require(channel.getSlaveSaeId(),
                what + " slave-sae-id"), Duration.ofMillis(require(channel.getIntervalMs(), what + " interval-ms")
                .longValue()));
    }

    private static Instant instant(final DateAndTime value) {
        try {
            return Instant.parse(value.getValue());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("started is not an instant: " + value.getValue(), e);
        }
    }

    private static String upper(final String name) {
        return name.toUpperCase(Locale.ROOT);
    }

    private static <T> T require(final T value, final String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        return value;
    }
}

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.mdsal;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.DeprecatedKeyExchange;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.KeyExchangeChange;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.KeyRates;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.LinkOperState;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.LinkStates;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.ReportKeyRate;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.ReportKeyRateInput;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.ReportKeyRateOutput;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.ReportKeyRateOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.ReportLinkState;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.ReportLinkStateInput;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.ReportLinkStateOutput;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.ReportLinkStateOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.key.rates.Source;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.key.rates.SourceBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.key.rates.SourceKey;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.link.states.Link;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.link.states.LinkBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.link.states.LinkKey;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.common.Decimal64;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.qslice.api.SliceException;
import org.qslice.api.SliceException.Kind;
import org.qslice.api.model.KeyExchange;
import org.qslice.api.model.SliceInfo;
import org.qslice.api.model.SliceState;
import org.qslice.api.model.TopologyStatus;
import org.qslice.impl.slice.SliceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Link states in the datastore: the {@code report-link-state} RPC writes them ({@code link-states}, configuration,
 * so a restart or a new cluster leader keeps them), and a watcher hands the set of down links to the slice manager
 * whoever wrote it (the RPC, or a monitor writing the list over RESTCONF).
 */
public final class LinkStateRpcs {
    /** Path of the link states. */
    public static final DataObjectIdentifier<LinkStates> LINK_STATES = DataObjectIdentifier.builder(LinkStates.class)
        .build();

    private static final Logger LOG = LoggerFactory.getLogger(LinkStateRpcs.class);

    private LinkStateRpcs() {
        // utility class
    }

    /**
     * Converts the stored link states into the down links with when they went down.
     *
     * @param states the container, may be null
     * @param clock for an unreadable {@code since}
     * @return link id to time
     */
    public static Map<String, Instant> down(final LinkStates states, final Clock clock) {
        final var down = new TreeMap<String, Instant>();
        if (states != null) {
            for (Link link : states.nonnullLink().values()) {
                if (link.getState() == LinkOperState.Down) {
                    down.put(link.requireLinkId(), since(link.getSince(), clock));
                }
            }
        }
        return down;
    }

    private static Instant since(final String value, final Clock clock) {
        if (value != null) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                LOG.debug("link state since '{}' is not RFC 3339, using now", value);
            }
        }
        return clock.instant();
    }

    /**
     * Follows a container in the CONFIGURATION datastore (also its initial content) and hands every version of it,
     * converted, to a consumer: the link states ({@link #linkStates}) and the measured key rates ({@link #keyRates}).
     *
     * @param <T> the container
     * @param <R> what the consumer takes
     */
    public static final class Watcher<T extends DataObject, R> implements DataTreeChangeListener<T>, AutoCloseable {
        private final Function<T, R> convert;
        private final Consumer<R> consumer;
        private final Registration registration;

        private Watcher(final DataBroker broker, final DataObjectIdentifier<T> path, final Function<T, R> convert,
                final Consumer<R> consumer) {
            this.convert = requireNonNull(convert);
            this.consumer = requireNonNull(consumer);
            registration = broker.registerTreeChangeListener(LogicalDatastoreType.CONFIGURATION, path, this);
        }

        @Override
        public void onInitialData() {
            consumer.accept(convert.apply(null));
        }

        @Override
        public void onDataTreeChanged(final List<DataTreeModification<T>> changes) {
            consumer.accept(convert.apply(changes.getLast().getRootNode().dataAfter()));
        }

        @Override
        public void close() {
            registration.close();
        }
    }

    /**
     * Follows the link states: the down links after every change.
     *
     * @param broker the data broker
     * @param clock for states without a readable time
     * @param consumer receives the down links; must not block
     * @return the watcher, to close
     */
    public static Watcher<LinkStates, Map<String, Instant>> linkStates(final DataBroker broker, final Clock clock,
            final Consumer<Map<String, Instant>> consumer) {
        requireNonNull(clock);
        return new Watcher<>(broker, LINK_STATES, states -> down(states, clock), consumer);
    }

    /**
     * Follows the measured key rates: source to bit/s after every change.
     *
     * @param broker the data broker
     * @param consumer receives the rates; must not block
     * @return the watcher, to close
     */
    public static Watcher<KeyRates, Map<String, Double>> keyRates(final DataBroker broker,
            final Consumer<Map<String, Double>> consumer) {
        return new Watcher<>(broker, KEY_RATES, LinkStateRpcs::rates, consumer);
    }

    /**
     * Follows the key-exchange methods deprecated network-wide.
     *
     * @param broker the data broker
     * @param consumer receives the whole set after every change; must not block
     * @return the watcher, to close
     */
    public static Watcher<DeprecatedKeyExchange, Set<KeyExchange>> deprecations(final DataBroker broker,
            final Consumer<Set<KeyExchange>> consumer) {
        return new Watcher<>(broker, DeprecateKeyExchangeImpl.PATH, DeprecateKeyExchangeImpl::methods, consumer);
    }

    /**
     * Follows the links switched to another key-exchange method in place.
     *
     * @param broker the data broker
     * @param consumer receives the whole map (link id to method) after every change; must not block
     * @return the watcher, to close
     */
    public static Watcher<KeyExchangeChange, Map<String, KeyExchange>> keyExchanges(final DataBroker broker,
            final Consumer<Map<String, KeyExchange>> consumer) {
        return new Watcher<>(broker, ChangeKeyExchangeImpl.PATH, ChangeKeyExchangeImpl::methods, consumer);
    }

    /** Path of the measured key rates. */
    public static final DataObjectIdentifier<KeyRates> KEY_RATES = DataObjectIdentifier.builder(KeyRates.class)
        .build();

    /**
     * Converts the stored key rates.
     *
     * @param rates the container, may be null
     * @return source to bit/s
     */
    public static Map<String, Double> rates(final KeyRates rates) {
        final var result = new TreeMap<String, Double>();
        if (rates != null) {
            for (Source source : rates.nonnullSource().values()) {
                if (source.getSecretKeyRateBps() != null) {
                    result.put(source.requireQkdLink(), source.getSecretKeyRateBps().doubleValue());
                }
            }
        }
        return result;
    }


    /**
     * {@code report-key-rate}: the source must be a {@code qkd-link} or a link of the qslice topology and the rate
     * at least 0; the rate is stored and the manager frees what the source can no longer carry.
     *
     * @param broker where the rate is stored
     * @param manager the slices, for the topology
     * @param clock the time of the report
     */
    public record ReportKeyRateImpl(DataBroker broker, SliceManager manager, Clock clock) implements ReportKeyRate {
        /**
         * Checks for nulls.
         */
        public ReportKeyRateImpl {
            requireNonNull(broker);
            requireNonNull(manager);
            requireNonNull(clock);
        }

        @Override
        public ListenableFuture<RpcResult<ReportKeyRateOutput>> invoke(final ReportKeyRateInput input) {
            final String source = input.getQkdLink();
            if (source == null || source.isBlank()) {
                return Futures.immediateFuture(RpcResults.failed(new SliceException(Kind.INVALID, "qkd-link",
                    "qkd-link is mandatory", null)));
            }
            if (input.getSecretKeyRateBps() == null || input.getSecretKeyRateBps().doubleValue() < 0) {
                return Futures.immediateFuture(RpcResults.failed(new SliceException(Kind.INVALID,
                    "secret-key-rate-bps", "secret-key-rate-bps is mandatory and must be >= 0, got "
                        + input.getSecretKeyRateBps(), null)));
            }
            final Optional<TopologyStatus> topology = manager.topology();
            final boolean known = topology.isPresent() && topology.orElseThrow().topology().links().values().stream()
                .anyMatch(link -> link.keyExchange().usesQkd() && (link.qkdLink().orElse(link.id()).equals(source)));
            if (!known) {
                return Futures.immediateFuture(RpcResults.failed(new SliceException(Kind.INVALID, "qkd-link",
                    "qkd-link: " + source + " is no QKD key source of the qslice topology (a qkd-link name, or the id"
                        + " of a QKD link that names none)", null)));
            }
            final double bps = input.getSecretKeyRateBps().doubleValue();
            final var tx = broker.newWriteOnlyTransaction();
            tx.put(LogicalDatastoreType.CONFIGURATION, KEY_RATES.toBuilder().child(Source.class,
                new SourceKey(source)).build(), new SourceBuilder().setQkdLink(source)
                    .setSecretKeyRateBps(input.getSecretKeyRateBps()).setSince(clock.instant().toString()).build());
            final var load = Optional.ofNullable(topology.orElseThrow().keySources().get(source));
            LOG.info("key source {} reported at {} b/s", source, bps);
            return RpcResults.from(Futures.transform(tx.commit(), ignored -> load, MoreExecutors.directExecutor()),
                usage -> {
                    final var out = new ReportKeyRateOutputBuilder();
                    usage.ifPresent(u -> out.setCommittedBps(Decimal64.valueOf(
                        java.math.BigDecimal.valueOf(u.committedBps()).setScale(3, java.math.RoundingMode.HALF_UP)))
                        .setOverCommitted(u.committedBps() > bps));
                    return out.build();
                });
        }
    }

    /**
     * {@code report-link-state}: the link must be in the qslice topology; down is stored with the time and reason,
     * up removes the entry. The restoration it causes runs after the answer.
     *
     * @param broker where the state is stored
     * @param manager the slices, for the topology and the affected slices
     * @param clock the time of the report
     */
    public record ReportLinkStateImpl(DataBroker broker, SliceManager manager, Clock clock)
            implements ReportLinkState {
        /**
         * Checks for nulls.
         */
        public ReportLinkStateImpl {
            requireNonNull(broker);
            requireNonNull(manager);
            requireNonNull(clock);
        }

        @Override
        public ListenableFuture<RpcResult<ReportLinkStateOutput>> invoke(final ReportLinkStateInput input) {
            final String linkId = input.getLinkId();
            if (linkId == null || linkId.isBlank()) {
                return failed(new SliceException(Kind.INVALID, "link-id", "link-id is mandatory", null));
            }
            if (input.getState() == null) {
                return failed(new SliceException(Kind.INVALID, "state", "state is mandatory (up or down)", null));
            }
            final Optional<TopologyStatus> topology = manager.topology();
            if (topology.isEmpty()) {
                return failed(new SliceException(Kind.UNAVAILABLE, "no qslice topology is loaded: link " + linkId
                    + " cannot be reported"));
            }
            if (!topology.orElseThrow().topology().links().containsKey(linkId)) {
                return failed(new SliceException(Kind.INVALID, "link-id", "link-id: link " + linkId
                    + " is not in the qslice topology", null));
            }
            final boolean up = input.getState() == LinkOperState.Up;
            final var tx = broker.newWriteOnlyTransaction();
            final var path = LINK_STATES.toBuilder().child(Link.class, new LinkKey(linkId)).build();
            if (up) {
                tx.delete(LogicalDatastoreType.CONFIGURATION, path);
            } else {
                tx.put(LogicalDatastoreType.CONFIGURATION, path, new LinkBuilder().setLinkId(linkId)
                    .setState(LinkOperState.Down).setSince(clock.instant().toString())
                    .setReason(input.getReason()).build());
            }
            final List<String> affected = manager.slices().stream()
                .filter(slice -> slice.state() != SliceState.PLANNED && slice.state() != SliceState.RESERVED)
                .filter(slice -> slice.connections().stream().anyMatch(plan -> plan.linkIds().contains(linkId)))
                .map(SliceInfo::id).toList();
            LOG.info("link {} reported {}{}", linkId, up ? "up" : "down", input.getReason() == null ? ""
                : " (" + input.getReason() + ")");
            return RpcResults.from(Futures.transform(tx.commit(), ignored -> affected,
                MoreExecutors.directExecutor()), slices -> new ReportLinkStateOutputBuilder().setLinkId(linkId)
                    .setState(input.getState()).setAffectedSlice(slices.isEmpty() ? null : Set.copyOf(slices)).build());
        }

        private static ListenableFuture<RpcResult<ReportLinkStateOutput>> failed(final SliceException error) {
            return Futures.immediateFuture(RpcResults.failed(error));
        }
    }
}

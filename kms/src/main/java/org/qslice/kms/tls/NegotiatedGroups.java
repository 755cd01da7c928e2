/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.tls;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.bouncycastle.tls.NamedGroup;
import org.eclipse.jdt.annotation.Nullable;

/**
 * What the server's TLS handshakes negotiated: completed handshakes per key exchange group, the last one, and the
 * handshakes that failed or that the pq-only policy refused. Thread-safe; the event loops record, the engine's
 * housekeeping reads {@link #snapshot()} when {@link #version()} moved.
 */
public final class NegotiatedGroups {
    /** Name used when a completed handshake selected no named group (e.g. a PSK-only resumption). */
    public static final String NO_GROUP = "none";

    /**
     * A consistent-enough view for reports.
     *
     * @param policy the server's policy
     * @param lastGroup group of the last completed handshake, if any
     * @param lastHandshake when it completed
     * @param handshakes completed handshakes per group, by name
     * @param failed handshakes that did not complete (refused ones included)
     * @param refused handshakes the pq-only policy refused
     */
    public record Snapshot(TlsGroupPolicy policy, @Nullable String lastGroup, @Nullable Instant lastHandshake,
            Map<String, Long> handshakes, long failed, long refused) {
        /**
         * Copies the map.
         *
         * @param policy policy
         * @param lastGroup last group
         * @param lastHandshake last handshake
         * @param handshakes per group
         * @param failed failed
         * @param refused refused
         */
        public Snapshot {
            requireNonNull(policy);
            handshakes = Map.copyOf(handshakes);
        }
    }

    private record Last(String group, Instant at) {
    }

    private final TlsGroupPolicy policy;
    private final Clock clock;
    private final ConcurrentHashMap<String, LongAdder> handshakes = new ConcurrentHashMap<>();
    private final LongAdder failed = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final AtomicLong version = new AtomicLong();
    private volatile @Nullable Last last;

    /**
     * An empty record.
     *
     * @param policy the server's policy (reported with the counts)
     * @param clock when handshakes completed
     */
    public NegotiatedGroups(final TlsGroupPolicy policy, final Clock clock) {
        this.policy = requireNonNull(policy);
        this.clock = requireNonNull(clock);
    }

    /**
     * Returns the policy.
     *
     * @return the policy
     */
    public TlsGroupPolicy policy() {
        return policy;
    }

    /**
     * The IANA/Bouncy Castle name of a group code.
     *
     * @param group the code, or a negative value for none
     * @return e.g. {@code X25519MLKEM768}, {@code x25519}, {@code secp256r1}, or {@value #NO_GROUP}
     */
    public static String name(final int group) {
        return group < 0 ? NO_GROUP : NamedGroup.getName(group);
    }

    /**
     * A handshake completed.
     *
     * @param group the group it negotiated
     */
    public void completed(final String group) {
        handshakes.computeIfAbsent(group, key -> new LongAdder()).increment();
        last = new Last(group, clock.instant());
        version.incrementAndGet();
    }

    /**
     * A handshake failed (bad certificate, no common group, timeout, peer gone).
     */
    public void failed() {
        failed.increment();
        version.incrementAndGet();
    }

    /**
     * The pq-only policy refused a handshake (counted as failed too).
     */
    public void refused() {
        refused.increment();
        failed();
    }

    /**
     * Increases with every record: report when it moved.
     *
     * @return the version
     */
    public long version() {
        return version.get();
    }

    /**
     * The counts now.
     *
     * @return the snapshot
     */
    public Snapshot snapshot() {
        final var counts = new TreeMap<String, Long>();
        handshakes.forEach((group, count) -> counts.put(group, count.sum()));
        final Last current = last;
        return new Snapshot(policy, current == null ? null : current.group(), current == null ? null : current.at(),
            counts, failed.sum(), refused.sum());
    }

    /**
     * The groups a client can get, most preferred first.
     *
     * @return group names
     */
    public List<String> offered() {
        return policy.keyExchangeGroups();
    }
}

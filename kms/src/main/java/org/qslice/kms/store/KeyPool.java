/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.jdt.annotation.Nullable;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.crypto.KeyMaterial;
import org.qslice.kms.crypto.Sealer;
import org.qslice.kms.etsi.DeliveredKey;
import org.qslice.kms.source.GeneratedKey;

/**
 * One pool of keys for a channel and key type, and the life cycle of each key:
 * <ul>
 *   <li>{@code available}: generated, in the pool (FIFO);</li>
 *   <li>{@code delivered}: handed out; a key taken by the master SAE (enc_keys) may then be fetched once by the
 *       slave SAE (dec_keys); a channel key drawn by the refresh scheduler may be fetched once by each end;</li>
 *   <li>{@code consumed}: every end that may have it has it (or the channel moved on two keys); material erased;</li>
 *   <li>{@code discarded}: erased unused (pool removed, peer too late, too many pending, a delivery that could not be
 *       recorded).</li>
 * </ul>
 * Material is held sealed (AES-256-GCM-SIV, associated data = pool id and key id) and unsealed only to hand it out.
 * Every delivery is appended to the journal ({@link DeliveryLog}) before it leaves. The pool's parts: this core
 * (entries, life cycle, access checks), {@link PoolStatistics}, {@link PoolChanges} (reports and version) and
 * {@link PoolCodec} (vault file and journal records). Thread-safe (every method synchronizes on the pool; the parts
 * are used under its lock only).
 */
public final class KeyPool {

    /**
     * A pool falling below its low-water mark or running empty.
     *
     * @param pool the pool
     * @param stored available keys
     * @param lowWater low-water mark
     * @param poolSize pool size
     * @param empty the pool is empty
     */
    public record Starvation(PoolId pool, int stored, int lowWater, int poolSize, boolean empty) {
    }

    /**
     * Where a pool records a delivery before the key leaves the KMS (the engine's {@link DeliveryJournal}).
     */
    @FunctionalInterface
    public interface DeliveryLog {
        /**
         * Appends a record.
         *
         * @param record the record
         * @return its sequence number
         * @throws IOException if it cannot be appended
         */
        long append(byte[] record) throws IOException;
    }

    private final PoolId id;
    private final Sealer sealer;
    private @Nullable DeliveryLog deliveryLog;
    private long journalSeq;
    private final LinkedHashMap<UUID, PoolEntry> available = new LinkedHashMap<>();
    private final LinkedHashMap<UUID, PoolEntry> pending = new LinkedHashMap<>();
    // channel keys that the bound on pending keys never evicts: the channels' current and previous keys as of the
    // last expire(), and every channel key drawn since
    private final Set<UUID> protectedKeys = new HashSet<>();
    private Instant lastExpire;
    private final ArrayDeque<PoolEntry> history = new ArrayDeque<>();
    private PoolSettings settings;
    private PoolStatistics stats = new PoolStatistics();
    private final PoolChanges changes = new PoolChanges();

    /**
     * An empty pool.
     *
     * @param id the pool
     * @param settings its configuration
     * @param sealer seals key material (the KMS key-sealing key)
     */
    public KeyPool(final PoolId id, final PoolSettings settings, final Sealer sealer) {
        this.id = requireNonNull(id);
        this.settings = requireNonNull(settings);
        this.sealer = requireNonNull(sealer);
    }

    /**
     * Returns the pool id.
     *
     * @return the id
     */
    public PoolId id() {
        return id;
    }

    /**
     * Lets the pool deliver keys: each delivery is appended to {@code log} first. A pool delivers nothing until it is
     * attached, that is until the vault holds it, so that every journal record has a pool file to be replayed over.
     *
     * @param log the delivery log
     */
    public synchronized void attach(final DeliveryLog log) {
        deliveryLog = requireNonNull(log);
    }

    /**
     * Whether the pool is attached to a delivery log.
     *
     * @return true once {@link #attach(DeliveryLog)} was called
     */
    public synchronized boolean attached() {
        return deliveryLog != null;
    }

    /**
     * Returns the sequence number of the last journal record this pool's state includes.
     *
     * @return the sequence number (0 for none)
     */
    public synchronized long journalSeq() {
        return journalSeq;
    }

    /**
     * Returns the configuration.
     *
     * @return the settings
     */
    public synchronized PoolSettings settings() {
        return settings;
    }

    /**
     * Reconfigures the pool; excess available keys beyond a smaller size stay until used.
     *
     * @param newSettings the new configuration
     */
    public synchronized void reconfigure(final PoolSettings newSettings) {
        settings = requireNonNull(newSettings);
        touch();
        updateStarvation(Instant.now());
    }

    /**
     * Returns how many keys the pool lacks to be full.
     *
     * @return missing keys, 0 when full
     */
    public synchronized int missing() {
        return Math.max(0, settings.poolSize() - available.size());
    }

    /**
     * Returns the number of available keys.
     *
     * @return available keys
     */
    public synchronized int stored() {
        return available.size();
    }

    /**
     * Adds fresh keys; their material is sealed and the caller's copies destroyed.
     *
     * @param keys the keys
     * @param now the time
     */
    public synchronized void add(final Collection<GeneratedKey> keys, final Instant now) {
        for (GeneratedKey key : keys) {
            final byte[] material = key.material().bytes();
            try {
                if (available.containsKey(key.id()) || pending.containsKey(key.id())) {
                    continue;
                }
                final var entry = new PoolEntry(key.id(), now, false, KeyState.AVAILABLE, sealer.seal(material,
                    aad(key.id())));
                available.put(key.id(), entry);
                changes.managed(entry);
                stats.generated(now);
            } finally {
                Arrays.fill(material, (byte) 0);
                key.material().destroy();
            }
        }
        touch();
        stats.refilled(available.size(), Math.min(settings.lowWater(), settings.poolSize()));
    }

    /**
     * Records a failure of the pool's key source.
     *
     * @param message what failed (never key material)
     */
    public synchronized void sourceFailed(final String message) {
        stats.sourceFailed(message);
        touch();
    }

    /**
     * Hands {@code number} keys to the master SAE (ETSI 014 enc_keys); the slave SAE may then fetch each once.
     *
     * @param number how many
     * @param now the time
     * @return the keys, oldest first; the caller destroys their material
     * @throws PoolException {@code EMPTY} when fewer are available
     */
    public synchronized List<DeliveredKey> takeForMaster(final int number, final Instant now) throws PoolException {
        final DeliveryLog log = requireLog();
        if (available.size() < number) {
            updateStarvation(now);
            throw new PoolException(PoolException.Kind.EMPTY, "pool " + id + " holds " + available.size()
                + " keys, " + number + " requested");
        }
        final var result = new ArrayList<DeliveredKey>(number);
        final var taken = new ArrayList<PoolEntry>(number);
        final Iterator<PoolEntry> it = available.values().iterator();
        try {
            for (int i = 0; i < number; i++) {
                final PoolEntry entry = it.next();
                result.add(new DeliveredKey(entry.id, unseal(entry)));
                it.remove();
                entry.state = KeyState.DELIVERED;
                entry.delivered = now;
                entry.deliveredTo.add(settings.masterSaeId());
                entry.mayFetch.add(settings.slaveSaeId());
                pending.put(entry.id, entry);
                taken.add(entry);
                changes.managed(entry);
            }
        } catch (PoolException e) {
            result.forEach(key -> key.material().destroy());
            throw e;
        }
        record(log, PoolCodec.RECORD_DELIVERED, taken, now, result);
        stats.delivered(number, now);
        trimPending(now);
        touch();
        updateStarvation(now);
        return result;
    }

    /**
     * Whether the pool ever received a key (a new pool is filling).
     *
     * @return true once a key was generated
     */
    public synchronized boolean everFilled() {
        return stats.generatedTotal > 0;
    }

    /**
     * Draws the next key as a channel's key (refresh scheduler): both ends may fetch it once by id.
     *
     * @param now the time
     * @return the key id
     * @throws PoolException {@code EMPTY} when the pool is empty
     */
    public synchronized UUID drawChannelKey(final Instant now) throws PoolException {
        final DeliveryLog log = requireLog();
        final Iterator<PoolEntry> it = available.values().iterator();
        if (!it.hasNext()) {
            updateStarvation(now);
            throw new PoolException(PoolException.Kind.EMPTY, "pool " + id + " is empty");
        }
        final PoolEntry old = it.next();
        it.remove();
        final var entry = new PoolEntry(old.id, old.created, true, KeyState.DELIVERED, old.sealed);
        entry.delivered = now;
        entry.mayFetch.add(settings.masterSaeId());
        entry.mayFetch.add(settings.slaveSaeId());
        pending.put(entry.id, entry);
        protectedKeys.add(entry.id);
        changes.managed(entry);
        record(log, PoolCodec.RECORD_DELIVERED, List.of(entry), now, List.of());
        stats.delivered(1, now);
        stats.lastRefresh = now;
        trimPending(now);
        touch();
        updateStarvation(now);
        return entry.id;
    }

    /**
     * Whether a delivered key of this pool may be fetched by {@code callerSaeId} naming {@code peerSaeId}.
     *
     * @param keyId key id
     * @return whether the pool holds the key (available or pending)
     */
    public synchronized boolean holds(final UUID keyId) {
        return pending.containsKey(keyId) || available.containsKey(keyId);
    }

    /**
     * Hands a delivered key to one of its ends (ETSI 014 dec_keys). For an enc_keys key the caller must be the slave
     * SAE naming the master SAE; for a channel key either end naming the other. Each end gets it once; when all have
     * it the key is consumed and erased.
     *
     * @param callerSaeId authenticated caller
     * @param peerSaeId the SAE named in the request path
     * @param keyId key id
     * @param now the time
     * @return the key; the caller destroys the material
     * @throws PoolException {@code NOT_FOUND} or {@code UNAUTHORIZED}
     */
    public synchronized DeliveredKey fetch(final String callerSaeId, final String peerSaeId, final UUID keyId,
            final Instant now) throws PoolException {
        final PoolEntry entry = pending.get(keyId);
        if (entry == null) {
            if (available.containsKey(keyId)) {
                throw new PoolException(PoolException.Kind.UNAUTHORIZED, "key " + keyId + " was not delivered to a"
                    + " master SAE");
            }
            throw new PoolException(PoolException.Kind.NOT_FOUND, "no key " + keyId + " awaits delivery");
        }
        checkPair(entry, callerSaeId, peerSaeId);
        if (!entry.mayFetch.contains(callerSaeId)) {
            throw new PoolException(PoolException.Kind.NOT_FOUND, "key " + keyId + " was already delivered to SAE "
                + callerSaeId);
        }
        final DeliveryLog log = requireLog();
        final var delivered = new DeliveredKey(keyId, unseal(entry));
        entry.mayFetch.remove(callerSaeId);
        entry.deliveredTo.add(callerSaeId);
        stats.lastDelivered = now;
        final boolean last = entry.mayFetch.isEmpty();
        if (last) {
            retire(entry, KeyState.CONSUMED, now);
        } else {
            changes.managed(entry);
        }
        record(log, last ? PoolCodec.RECORD_RETIRED : PoolCodec.RECORD_DELIVERED, List.of(entry), now,
            List.of(delivered));
        touch();
        return delivered;
    }

    /**
     * Retires a channel key that the channel no longer uses: consumed (or discarded if no end fetched it).
     *
     * @param keyId key id
     * @param now the time
     */
    public synchronized void retireChannelKey(final UUID keyId, final Instant now) {
        protectedKeys.remove(keyId);
        final PoolEntry entry = pending.get(keyId);
        if (entry != null) {
            retire(entry, entry.deliveredTo.isEmpty() ? KeyState.DISCARDED : KeyState.CONSUMED, now);
            touch();
        }
    }

    /**
     * Discards delivered keys whose peer did not fetch them within {@code ttl}, except the given ids (the channels'
     * current and previous keys). Those stay protected from the bound on pending keys too, until the next call.
     *
     * @param now the time
     * @param ttl how long a delivered key waits for its peer
     * @param keep key ids never expired here
     */
    public synchronized void expire(final Instant now, final Duration ttl, final Set<UUID> keep) {
        // a key drawn since the last call may be missing from keep (computed before this call, on another thread)
        final Instant since = lastExpire;
        protectedKeys.removeIf(keyId -> {
            final PoolEntry entry = pending.get(keyId);
            return entry == null || !keep.contains(keyId) && (since == null || entry.delivered == null
                || entry.delivered.isBefore(since));
        });
        pending.keySet().stream().filter(keep::contains).forEach(protectedKeys::add);
        lastExpire = now;
        final Instant limit = now.minus(ttl);
        final var expired = new ArrayList<PoolEntry>();
        for (PoolEntry entry : pending.values()) {
            if (entry.delivered != null && entry.delivered.isBefore(limit) && !keep.contains(entry.id)) {
                expired.add(entry);
            }
        }
        for (PoolEntry entry : expired) {
            retire(entry, entry.mayFetch.isEmpty() ? KeyState.CONSUMED : KeyState.DISCARDED, now);
        }
        if (!expired.isEmpty()) {
            touch();
        }
    }

    /**
     * Discards every key (pool removal, or an unclean restart where delivery states are uncertain).
     *
     * @param now the time
     * @return how many keys were discarded
     */
    public synchronized int discardAll(final Instant now) {
        final var all = new ArrayList<PoolEntry>(available.size() + pending.size());
        all.addAll(available.values());
        all.addAll(pending.values());
        for (PoolEntry entry : all) {
            retire(entry, KeyState.DISCARDED, now);
        }
        touch();
        updateStarvation(now);
        return all.size();
    }

    private DeliveryLog requireLog() throws PoolException {
        final DeliveryLog log = deliveryLog;
        if (log == null) {
            throw new PoolException(PoolException.Kind.NOT_RECORDED, "pool " + id + " is not in the vault yet");
        }
        return log;
    }

    /*
     * Appends a delivery to the journal. If that fails nothing may leave: the handed-out copies are destroyed and the
     * keys discarded, since the journal may or may not hold the record.
     */
    private void record(final DeliveryLog log, final byte kind, final List<PoolEntry> entries, final Instant now,
            final List<DeliveredKey> handedOut) throws PoolException {
        try {
            journalSeq = log.append(PoolCodec.record(id, kind, entries));
        } catch (IOException e) {
            handedOut.forEach(key -> key.material().destroy());
            for (PoolEntry entry : entries) {
                if (pending.containsKey(entry.id)) {
                    retire(entry, KeyState.DISCARDED, now);
                }
            }
            touch();
            throw new PoolException(PoolException.Kind.NOT_RECORDED, "the KMS cannot record the delivery durably ("
                + e.getMessage() + "); nothing was delivered and the keys are discarded", e);
        }
    }

    /**
     * Returns the pool a journal record belongs to.
     *
     * @param record a record from {@link DeliveryLog#append(byte[])}
     * @return the pool id
     * @throws IOException if the record is malformed
     */
    public static PoolId recordPool(final byte[] record) throws IOException {
        return PoolCodec.recordPool(record);
    }

    /**
     * Applies a journal record over the state read from the vault (at start). Records this state already includes
     * are skipped; applying one twice changes nothing.
     *
     * @param seq the record's sequence number
     * @param record the record
     * @throws IOException if the record is malformed
     */
    public synchronized void replay(final long seq, final byte[] record) throws IOException {
        if (seq <= journalSeq) {
            return;
        }
        final PoolCodec.Record parsed = PoolCodec.readRecord(record);
        for (PoolEntry entry : parsed.entries()) {
            available.remove(entry.id);
            final PoolEntry before = pending.remove(entry.id);
            if (before != null && entry.sealed == null) {
                before.erase();
            }
            if (parsed.kind() == PoolCodec.RECORD_DELIVERED) {
                pending.put(entry.id, entry);
                if (before == null) {
                    stats.deliveredTotal++;
                }
            } else {
                stats.consumedTotal++;
                if (settings.historySize() > 0) {
                    history.addLast(entry);
                    while (history.size() > settings.historySize()) {
                        history.removeFirst();
                    }
                }
            }
        }
        journalSeq = seq;
        changes.requestFullResync();
        touch();
    }

    private void touch() {
        changes.touch();
    }

    /**
     * Returns a number that grows with every change, for persistence.
     *
     * @return the change counter
     */
    public synchronized long version() {
        return changes.version();
    }

    /**
     * Checks, without changing anything, whether {@link #fetch(String, String, UUID, Instant)} would succeed.
     *
     * @param callerSaeId caller
     * @param peerSaeId SAE named in the path
     * @param keyId key id
     * @throws PoolException as {@code fetch} would
     */
    public synchronized void checkFetch(final String callerSaeId, final String peerSaeId, final UUID keyId)
            throws PoolException {
        final PoolEntry entry = pending.get(keyId);
        if (entry == null) {
            throw available.containsKey(keyId)
                ? new PoolException(PoolException.Kind.UNAUTHORIZED, "key " + keyId + " was not delivered")
                : new PoolException(PoolException.Kind.NOT_FOUND, "no key " + keyId + " awaits delivery");
        }
        checkPair(entry, callerSaeId, peerSaeId);
        if (!entry.mayFetch.contains(callerSaeId)) {
            throw new PoolException(PoolException.Kind.NOT_FOUND, "key " + keyId + " was already delivered to SAE "
                + callerSaeId);
        }
    }

    private void checkPair(final PoolEntry entry, final String callerSaeId, final String peerSaeId)
            throws PoolException {
        final String master = settings.masterSaeId();
        final String slave = settings.slaveSaeId();
        final boolean pairOk = callerSaeId.equals(slave) && peerSaeId.equals(master)
            || entry.channelKey && callerSaeId.equals(master) && peerSaeId.equals(slave);
        if (!pairOk) {
            throw new PoolException(PoolException.Kind.UNAUTHORIZED, "SAE " + callerSaeId + " may not fetch key "
                + entry.id);
        }
    }

    /**
     * Keeps at most {@code maxPending} delivered keys awaiting their peer, the oldest going first; a channel's
     * current and previous keys are never evicted (an encryptor may still fetch or use them), so the bound may be
     * passed by those.
     */
    private void trimPending(final Instant now) {
        int excess = pending.size() - settings.maxPending();
        if (excess <= 0) {
            return;
        }
        final var evicted = new ArrayList<PoolEntry>();
        for (PoolEntry entry : pending.values()) {
            if (excess == 0) {
                break;
            }
            if (!protectedKeys.contains(entry.id)) {
                evicted.add(entry);
                excess--;
            }
        }
        for (PoolEntry entry : evicted) {
            retire(entry, entry.mayFetch.isEmpty() ? KeyState.CONSUMED : KeyState.DISCARDED, now);
        }
    }

    private void retire(final PoolEntry entry, final KeyState state, final Instant now) {
        protectedKeys.remove(entry.id);
        available.remove(entry.id);
        pending.remove(entry.id);
        entry.erase();
        entry.state = state;
        entry.consumed = now;
        entry.mayFetch.clear();
        stats.retired(state);
        changes.left(entry.id);
        if (settings.historySize() > 0) {
            history.addLast(entry);
            changes.history(entry.id, true);
            while (history.size() > settings.historySize()) {
                changes.history(history.removeFirst().id, false);
            }
        }
    }

    private KeyMaterial unseal(final PoolEntry entry) throws PoolException {
        final byte[] sealed = entry.sealed;
        if (sealed == null) {
            throw new PoolException(PoolException.Kind.NOT_FOUND, "key " + entry.id + " was erased");
        }
        try {
            final byte[] material = sealer.open(sealed, aad(entry.id));
            try {
                return KeyMaterial.copyOf(material);
            } finally {
                Arrays.fill(material, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealed key " + entry.id + " of pool " + id + " does not decrypt", e);
        }
    }

    private byte[] aad(final UUID keyId) {
        final byte[] pool = id.toString().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(pool.length + 16).put(pool).putLong(keyId.getMostSignificantBits())
            .putLong(keyId.getLeastSignificantBits()).array();
    }

    private void updateStarvation(final Instant now) {
        stats.updateStarvation(id, available.size(), settings);
    }

    /**
     * Returns, once, a starvation event raised since the last call.
     *
     * @return the event, if one is pending
     */
    public synchronized Optional<Starvation> takeStarvation() {
        return stats.takeStarvation();
    }

    /**
     * Whether the pool changed since the last {@link #delta(Instant)}.
     *
     * @return true if changed
     */
    public synchronized boolean dirty() {
        return changes.dirty();
    }

    /**
     * Forces the next delta to be a full picture (e.g. after the mirror was lost).
     */
    public synchronized void requestFullResync() {
        changes.requestFullResync();
    }

    /**
     * Returns the statistics now.
     *
     * @param now the time
     * @return the snapshot
     */
    public synchronized PoolSnapshot snapshot(final Instant now) {
        return stats.snapshot(id, settings, available.size(), pending.size(), now);
    }

    /**
     * Returns the keys that still exist (available, then delivered and pending), without changing anything.
     *
     * @return the keys, never material
     */
    public synchronized List<KeyInfo> managedKeys() {
        final var keys = new ArrayList<KeyInfo>(available.size() + pending.size());
        available.values().forEach(entry -> keys.add(entry.info()));
        pending.values().forEach(entry -> keys.add(entry.info()));
        return keys;
    }

    /**
     * Returns what changed since the last call (or everything after {@link #requestFullResync()}) and resets the
     * change tracking.
     *
     * @param now the time
     * @return the delta
     */
    public synchronized PoolDelta delta(final Instant now) {
        return changes.delta(snapshot(now), available.values(), pending.values(), history);
    }

    /**
     * Serializes the pool (material stays sealed) for the vault.
     *
     * @return the bytes
     */
    public synchronized byte[] serialize() {
        return PoolCodec.serialize(id, settings, stats, journalSeq, available.values(), pending.values(), history);
    }

    /**
     * Restores a pool from {@link #serialize()}.
     *
     * @param bytes the serialized pool
     * @param sealer the same key-sealing key
     * @return the pool
     * @throws IOException if the bytes are malformed
     */
    public static KeyPool deserialize(final byte[] bytes, final Sealer sealer) throws IOException {
        final PoolCodec.Decoded decoded = PoolCodec.deserialize(bytes);
        final var pool = new KeyPool(decoded.id(), decoded.settings(), sealer);
        pool.restore(decoded);
        return pool;
    }

    private synchronized void restore(final PoolCodec.Decoded decoded) {
        stats = decoded.statistics();
        journalSeq = decoded.journalSeq();
        decoded.available().forEach(entry -> available.put(entry.id, entry));
        decoded.pending().forEach(entry -> pending.put(entry.id, entry));
        history.addAll(decoded.history());
        stats.starving = available.size() < Math.min(settings.lowWater(), settings.poolSize());
    }

    @Override
    public synchronized String toString() {
        return "KeyPool[" + id + ", available=" + available.size() + ", pending=" + pending.size() + "]";
    }
}

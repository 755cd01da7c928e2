/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.store;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.jdt.annotation.Nullable;
import org.qslice.api.kms.KeyType;
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
 *   <li>{@code discarded}: erased unused (pool removed, peer too late, too many pending, unclean restart).</li>
 * </ul>
 * Material is held sealed (AES-256-GCM, associated data = pool id and key id) and unsealed only to hand it out.
 * Thread-safe (every method synchronizes on the pool).
 */
public final class KeyPool {
    private static final int FORMAT = 2;
    private static final byte RECORD_DELIVERED = 1;
    private static final byte RECORD_RETIRED = 2;
    private static final double RATE_TAU_SECONDS = 10.0;

    private static final class Entry {
        final UUID id;
        final Instant created;
        final boolean channelKey;
        final List<String> deliveredTo = new ArrayList<>(2);
        final Set<String> mayFetch = new LinkedHashSet<>(2);
        KeyState state;
        @Nullable Instant delivered;
        @Nullable Instant consumed;
        byte @Nullable [] sealed;

        Entry(final UUID id, final Instant created, final boolean channelKey, final KeyState state,
                final byte @Nullable [] sealed) {
            this.id = id;
            this.created = created;
            this.channelKey = channelKey;
            this.state = state;
            this.sealed = sealed;
        }

        KeyInfo info() {
            return new KeyInfo(id, state, created, delivered, consumed, deliveredTo, channelKey);
        }

        void erase() {
            if (sealed != null) {
                Arrays.fill(sealed, (byte) 0);
                sealed = null;
            }
        }
    }

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
    private final LinkedHashMap<UUID, Entry> available = new LinkedHashMap<>();
    private final LinkedHashMap<UUID, Entry> pending = new LinkedHashMap<>();
    // channel keys that the bound on pending keys never evicts: the channels' current and previous keys as of the
    // last expire(), and every channel key drawn since
    private final Set<UUID> protectedKeys = new HashSet<>();
    private Instant lastExpire;
    private final ArrayDeque<Entry> history = new ArrayDeque<>();
    private final LinkedHashMap<UUID, KeyInfo> managedChanges = new LinkedHashMap<>();
    private final LinkedHashMap<UUID, Boolean> retiredChanges = new LinkedHashMap<>();

    private PoolSettings settings;
    private long generatedTotal;
    private long deliveredTotal;
    private long consumedTotal;
    private long discardedTotal;
    private long generationFailures;
    private long starvationEvents;
    private boolean starving;
    private boolean emptyReported;
    private @Nullable Starvation pendingStarvation;
    private @Nullable Instant lastGenerated;
    private @Nullable Instant lastDelivered;
    private @Nullable Instant lastRefresh;
    private @Nullable String lastError;
    private boolean fullResync = true;
    private boolean dirty = true;
    private long version = 1;
    private @Nullable Instant rateSince;
    private long deliveredAtRate;
    private long generatedAtRate;
    private double consumptionRate;
    private double generationRate;

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
                final var entry = new Entry(key.id(), now, false, KeyState.AVAILABLE, sealer.seal(material,
                    aad(key.id())));
                available.put(key.id(), entry);
                managedChanges.put(key.id(), entry.info());
                generatedTotal++;
                lastGenerated = now;
            } finally {
                Arrays.fill(material, (byte) 0);
                key.material().destroy();
            }
        }
        lastError = null;
        touch();
        if (starving && available.size() >= Math.min(settings.lowWater(), settings.poolSize())
            && !available.isEmpty()) {
            starving = false;
            emptyReported = false;
        }
    }

    /**
     * Records a failure of the pool's key source.
     *
     * @param message what failed (never key material)
     */
    public synchronized void sourceFailed(final String message) {
        generationFailures++;
        lastError = message;
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
        final var taken = new ArrayList<Entry>(number);
        final Iterator<Entry> it = available.values().iterator();
        try {
            for (int i = 0; i < number; i++) {
                final Entry entry = it.next();
                result.add(new DeliveredKey(entry.id, unseal(entry)));
                it.remove();
                entry.state = KeyState.DELIVERED;
                entry.delivered = now;
                entry.deliveredTo.add(settings.masterSaeId());
                entry.mayFetch.add(settings.slaveSaeId());
                pending.put(entry.id, entry);
                taken.add(entry);
                managedChanges.put(entry.id, entry.info());
            }
        } catch (PoolException e) {
            result.forEach(key -> key.material().destroy());
            throw e;
        }
        record(log, RECORD_DELIVERED, taken, now, result);
        deliveredTotal += number;
        lastDelivered = now;
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
        return generatedTotal > 0;
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
        final Iterator<Entry> it = available.values().iterator();
        if (!it.hasNext()) {
            updateStarvation(now);
            throw new PoolException(PoolException.Kind.EMPTY, "pool " + id + " is empty");
        }
        final Entry old = it.next();
        it.remove();
        final var entry = new Entry(old.id, old.created, true, KeyState.DELIVERED, old.sealed);
        entry.delivered = now;
        entry.mayFetch.add(settings.masterSaeId());
        entry.mayFetch.add(settings.slaveSaeId());
        pending.put(entry.id, entry);
        protectedKeys.add(entry.id);
        managedChanges.put(entry.id, entry.info());
        record(log, RECORD_DELIVERED, List.of(entry), now, List.of());
        deliveredTotal++;
        lastDelivered = now;
        lastRefresh = now;
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
        final Entry entry = pending.get(keyId);
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
        lastDelivered = now;
        final boolean last = entry.mayFetch.isEmpty();
        if (last) {
            retire(entry, KeyState.CONSUMED, now);
        } else {
            managedChanges.put(entry.id, entry.info());
        }
        record(log, last ? RECORD_RETIRED : RECORD_DELIVERED, List.of(entry), now, List.of(delivered));
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
        final Entry entry = pending.get(keyId);
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
            final Entry entry = pending.get(keyId);
            return entry == null || !keep.contains(keyId) && (since == null || entry.delivered == null
                || entry.delivered.isBefore(since));
        });
        pending.keySet().stream().filter(keep::contains).forEach(protectedKeys::add);
        lastExpire = now;
        final Instant limit = now.minus(ttl);
        final var expired = new ArrayList<Entry>();
        for (Entry entry : pending.values()) {
            if (entry.delivered != null && entry.delivered.isBefore(limit) && !keep.contains(entry.id)) {
                expired.add(entry);
            }
        }
        for (Entry entry : expired) {
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
        final var all = new ArrayList<Entry>(available.size() + pending.size());
        all.addAll(available.values());
        all.addAll(pending.values());
        for (Entry entry : all) {
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
    private void record(final DeliveryLog log, final byte kind, final List<Entry> entries, final Instant now,
            final List<DeliveredKey> handedOut) throws PoolException {
        try {
            journalSeq = log.append(record(kind, entries));
        } catch (IOException e) {
            handedOut.forEach(key -> key.material().destroy());
            for (Entry entry : entries) {
                if (pending.containsKey(entry.id)) {
                    retire(entry, KeyState.DISCARDED, now);
                }
            }
            touch();
            throw new PoolException(PoolException.Kind.NOT_RECORDED, "the KMS cannot record the delivery durably ("
                + e.getMessage() + "); nothing was delivered and the keys are discarded", e);
        }
    }

    private byte[] record(final byte kind, final List<Entry> entries) {
        final var bytes = new ByteArrayOutputStream(64 + 120 * entries.size());
        try (var out = new DataOutputStream(bytes)) {
            out.writeUTF(id.channelId());
            out.writeUTF(id.keyType().yangName());
            out.writeByte(kind);
            writeEntries(out, entries);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory serialization failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Returns the pool a journal record belongs to.
     *
     * @param record a record from {@link DeliveryLog#append(byte[])}
     * @return the pool id
     * @throws IOException if the record is malformed
     */
    public static PoolId recordPool(final byte[] record) throws IOException {
        try (var in = new DataInputStream(new ByteArrayInputStream(record))) {
            return new PoolId(in.readUTF(), KeyType.ofYangName(in.readUTF()));
        } catch (IllegalArgumentException e) {
            throw new IOException("malformed pool id in a journal record", e);
        }
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
        try (var in = new DataInputStream(new ByteArrayInputStream(record))) {
            in.readUTF();
            in.readUTF();
            final byte kind = in.readByte();
            for (Entry entry : readEntries(in)) {
                available.remove(entry.id);
                final Entry before = pending.remove(entry.id);
                if (before != null && entry.sealed == null) {
                    before.erase();
                }
                if (kind == RECORD_DELIVERED) {
                    pending.put(entry.id, entry);
                    if (before == null) {
                        deliveredTotal++;
                    }
                } else if (kind == RECORD_RETIRED) {
                    consumedTotal++;
                    if (settings.historySize() > 0) {
                        history.addLast(entry);
                        while (history.size() > settings.historySize()) {
                            history.removeFirst();
                        }
                    }
                } else {
                    throw new IOException("malformed journal record kind " + kind);
                }
            }
        }
        journalSeq = seq;
        fullResync = true;
        touch();
    }

    private void touch() {
        dirty = true;
        version++;
    }

    /**
     * Returns a number that grows with every change, for persistence.
     *
     * @return the change counter
     */
    public synchronized long version() {
        return version;
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
        final Entry entry = pending.get(keyId);
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

    private void checkPair(final Entry entry, final String callerSaeId, final String peerSaeId)
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
        final var evicted = new ArrayList<Entry>();
        for (Entry entry : pending.values()) {
            if (excess == 0) {
                break;
            }
            if (!protectedKeys.contains(entry.id)) {
                evicted.add(entry);
                excess--;
            }
        }
        for (Entry entry : evicted) {
            retire(entry, entry.mayFetch.isEmpty() ? KeyState.CONSUMED : KeyState.DISCARDED, now);
        }
    }

    private void retire(final Entry entry, final KeyState state, final Instant now) {
        protectedKeys.remove(entry.id);
        available.remove(entry.id);
        pending.remove(entry.id);
        entry.erase();
        entry.state = state;
        entry.consumed = now;
        entry.mayFetch.clear();
        if (state == KeyState.CONSUMED) {
            consumedTotal++;
        } else {
            discardedTotal++;
        }
        managedChanges.put(entry.id, null);
        if (settings.historySize() > 0) {
            history.addLast(entry);
            retiredChanges.put(entry.id, Boolean.TRUE);
            while (history.size() > settings.historySize()) {
                retiredChanges.put(history.removeFirst().id, Boolean.FALSE);
            }
        }
    }

    private KeyMaterial unseal(final Entry entry) throws PoolException {
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
        final int stored = available.size();
        final int lowWater = Math.min(settings.lowWater(), settings.poolSize());
        if (stored < lowWater || stored == 0) {
            if (!starving) {
                starving = true;
                starvationEvents++;
                pendingStarvation = new Starvation(id, stored, lowWater, settings.poolSize(), stored == 0);
                emptyReported = stored == 0;
            } else if (stored == 0 && !emptyReported) {
                emptyReported = true;
                pendingStarvation = new Starvation(id, 0, lowWater, settings.poolSize(), true);
            }
        } else if (starving) {
            starving = false;
            emptyReported = false;
        }
    }

    /**
     * Returns, once, a starvation event raised since the last call.
     *
     * @return the event, if one is pending
     */
    public synchronized Optional<Starvation> takeStarvation() {
        final Starvation event = pendingStarvation;
        pendingStarvation = null;
        return Optional.ofNullable(event);
    }

    /**
     * Whether the pool changed since the last {@link #delta(Instant)}.
     *
     * @return true if changed
     */
    public synchronized boolean dirty() {
        return dirty;
    }

    /**
     * Forces the next delta to be a full picture (e.g. after the mirror was lost).
     */
    public synchronized void requestFullResync() {
        fullResync = true;
        dirty = true;
    }

    /**
     * Returns the statistics now.
     *
     * @param now the time
     * @return the snapshot
     */
    public synchronized PoolSnapshot snapshot(final Instant now) {
        updateRates(now);
        return new PoolSnapshot(id, settings, available.size(), pending.size(), generatedTotal, deliveredTotal,
            consumedTotal, discardedTotal, generationFailures, consumptionRate, generationRate, starving,
            starvationEvents, lastGenerated, lastDelivered, lastRefresh, lastError);
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
        final PoolSnapshot snapshot = snapshot(now);
        final PoolDelta delta;
        if (fullResync) {
            final var managed = new ArrayList<KeyInfo>(available.size() + pending.size());
            available.values().forEach(entry -> managed.add(entry.info()));
            pending.values().forEach(entry -> managed.add(entry.info()));
            delta = new PoolDelta(snapshot, true, managed, List.of(),
                history.stream().map(Entry::info).toList(), List.of());
        } else {
            final var upserts = new ArrayList<KeyInfo>();
            final var deletes = new ArrayList<UUID>();
            managedChanges.forEach((key, info) -> {
                if (info != null) {
                    upserts.add(info);
                } else {
                    deletes.add(key);
                }
            });
            final var retiredUpserts = new ArrayList<KeyInfo>();
            final var retiredDeletes = new ArrayList<UUID>();
            final var inHistory = new LinkedHashMap<UUID, Entry>();
            history.forEach(entry -> inHistory.put(entry.id, entry));
            retiredChanges.forEach((key, present) -> {
                final Entry entry = inHistory.get(key);
                if (present && entry != null) {
                    retiredUpserts.add(entry.info());
                } else if (entry == null) {
                    retiredDeletes.add(key);
                }
            });
            delta = new PoolDelta(snapshot, false, upserts, deletes, retiredUpserts, retiredDeletes);
        }
        managedChanges.clear();
        retiredChanges.clear();
        fullResync = false;
        dirty = false;
        return delta;
    }

    private void updateRates(final Instant now) {
        if (rateSince == null) {
            rateSince = now;
            deliveredAtRate = deliveredTotal;
            generatedAtRate = generatedTotal;
            return;
        }
        final double seconds = Duration.between(rateSince, now).toNanos() / 1e9;
        if (seconds < 1.0) {
            return;
        }
        final double weight = 1 - Math.exp(-seconds / RATE_TAU_SECONDS);
        consumptionRate += weight * ((deliveredTotal - deliveredAtRate) / seconds - consumptionRate);
        generationRate += weight * ((generatedTotal - generatedAtRate) / seconds - generationRate);
        rateSince = now;
        deliveredAtRate = deliveredTotal;
        generatedAtRate = generatedTotal;
    }

    /**
     * Serializes the pool (material stays sealed) for the vault.
     *
     * @return the bytes
     */
    public synchronized byte[] serialize() {
        final var bytes = new ByteArrayOutputStream(64 + 120 * (available.size() + pending.size()));
        try (var out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeUTF(id.channelId());
            out.writeUTF(id.keyType().yangName());
            out.writeUTF(settings.masterSaeId());
            out.writeUTF(settings.slaveSaeId());
            out.writeInt(settings.poolSize());
            out.writeInt(settings.lowWater());
            out.writeDouble(settings.linkLengthKm());
            out.writeInt(settings.maxPending());
            out.writeInt(settings.historySize());
            out.writeLong(generatedTotal);
            out.writeLong(deliveredTotal);
            out.writeLong(consumedTotal);
            out.writeLong(discardedTotal);
            out.writeLong(generationFailures);
            out.writeLong(starvationEvents);
            out.writeLong(journalSeq);
            writeInstant(out, lastGenerated);
            writeInstant(out, lastDelivered);
            writeInstant(out, lastRefresh);
            writeEntries(out, available.values());
            writeEntries(out, pending.values());
            writeEntries(out, history);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory serialization failed", e);
        }
        return bytes.toByteArray();
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
        try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            final int format = in.readInt();
            if (format != FORMAT) {
                throw new IOException("unknown pool format " + format);
            }
            final PoolId id;
            try {
                id = new PoolId(in.readUTF(), KeyType.ofYangName(in.readUTF()));
            } catch (IllegalArgumentException e) {
                throw new IOException("malformed pool id", e);
            }
            final var settings = new PoolSettings(in.readUTF(), in.readUTF(), in.readInt(), in.readInt(),
                in.readDouble(), in.readInt(), in.readInt());
            final var pool = new KeyPool(id, settings, sealer);
            pool.restore(in);
            return pool;
        }
    }

    private synchronized void restore(final DataInputStream in) throws IOException {
        generatedTotal = in.readLong();
        deliveredTotal = in.readLong();
        consumedTotal = in.readLong();
        discardedTotal = in.readLong();
        generationFailures = in.readLong();
        starvationEvents = in.readLong();
        journalSeq = in.readLong();
        lastGenerated = readInstant(in);
        lastDelivered = readInstant(in);
        lastRefresh = readInstant(in);
        for (Entry entry : readEntries(in)) {
            available.put(entry.id, entry);
        }
        for (Entry entry : readEntries(in)) {
            pending.put(entry.id, entry);
        }
        history.addAll(readEntries(in));
        starving = available.size() < Math.min(settings.lowWater(), settings.poolSize());
    }

    private static void writeEntries(final DataOutputStream out, final Collection<Entry> entries) throws IOException {
        out.writeInt(entries.size());
        for (Entry entry : entries) {
            out.writeLong(entry.id.getMostSignificantBits());
            out.writeLong(entry.id.getLeastSignificantBits());
            out.writeByte(entry.state.ordinal());
            out.writeBoolean(entry.channelKey);
            writeInstant(out, entry.created);
            writeInstant(out, entry.delivered);
            writeInstant(out, entry.consumed);
            writeStrings(out, entry.deliveredTo);
            writeStrings(out, entry.mayFetch);
            final byte[] sealed = entry.sealed;
            if (sealed == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(sealed.length);
                out.write(sealed);
            }
        }
    }

    private static List<Entry> readEntries(final DataInputStream in) throws IOException {
        final int count = in.readInt();
        if (count < 0 || count > 10_000_000) {
            throw new IOException("malformed entry count " + count);
        }
        final var entries = new ArrayList<Entry>(Math.min(count, 4096));
        final KeyState[] states = KeyState.values();
        for (int i = 0; i < count; i++) {
            final var id = new UUID(in.readLong(), in.readLong());
            final int state = in.readByte();
            if (state < 0 || state >= states.length) {
                throw new IOException("malformed key state " + state);
            }
            final boolean channelKey = in.readBoolean();
            final Instant created = requireNonNull(readInstant(in));
            final Instant delivered = readInstant(in);
            final Instant consumed = readInstant(in);
            final List<String> deliveredTo = readStrings(in);
            final List<String> mayFetch = readStrings(in);
            final int length = in.readInt();
            byte[] sealed = null;
            if (length >= 0) {
                sealed = new byte[length];
                in.readFully(sealed);
            }
            final var entry = new Entry(id, created, channelKey, states[state], sealed);
            entry.delivered = delivered;
            entry.consumed = consumed;
            entry.deliveredTo.addAll(deliveredTo);
            entry.mayFetch.addAll(mayFetch);
            entries.add(entry);
        }
        return entries;
    }

    private static void writeStrings(final DataOutputStream out, final Collection<String> strings)
            throws IOException {
        out.writeInt(strings.size());
        for (String string : strings) {
            out.writeUTF(string);
        }
    }

    private static List<String> readStrings(final DataInputStream in) throws IOException {
        final int count = in.readInt();
        if (count < 0 || count > 16) {
            throw new IOException("malformed string count " + count);
        }
        final var strings = new ArrayList<String>(count);
        for (int i = 0; i < count; i++) {
            strings.add(in.readUTF());
        }
        return strings;
    }

    private static void writeInstant(final DataOutputStream out, final @Nullable Instant instant) throws IOException {
        out.writeBoolean(instant != null);
        if (instant != null) {
            out.writeLong(instant.getEpochSecond());
            out.writeInt(instant.getNano());
        }
    }

    private static @Nullable Instant readInstant(final DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    @Override
    public synchronized String toString() {
        return "KeyPool[" + id + ", available=" + available.size() + ", pending=" + pending.size() + "]";
    }
}

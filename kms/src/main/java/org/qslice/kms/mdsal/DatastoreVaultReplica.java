/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.mdsal;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadWriteTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.KmsVault;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.vault.File;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.vault.FileBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.vault.FileKey;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.vault.Lease;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.vault.LeaseBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.vault.Segment;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.vault.SegmentKey;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.vault.segment.RecordBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.vault.segment.RecordKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.qslice.kms.store.VaultReplica;

/**
 * The KMS vault's replica in the configuration datastore ({@code /kms-vault}): on a cluster a commit returns once a
 * majority of the members holds it. Every write is a transaction that reads the lease once (one read per
 * transaction, see {@link KmsDataAccess}), fails if the term is no longer this engine's, and puts the lease again:
 * the datastore refuses the commit of a transaction that wrote the lease if another one changed it meanwhile, so
 * a write and a takeover never both succeed. That check refuses two concurrent transactions that both put the lease
 * too (OpenDaylight compares the node's version, not its value: seen on a cluster as "Optimistic lock failed for
 * path .../kms-vault/lease" between a vault commit and a delivery record), so this engine's writes go one at a time;
 * the journal's group commit puts the deliveries that arrive meanwhile into the next one.
 */
public final class DatastoreVaultReplica implements VaultReplica {
    /** The replica's container. */
    static final DataObjectIdentifier<KmsVault> VAULT = DataObjectIdentifier.builder(KmsVault.class).build();
    private static final DataObjectIdentifier<Lease> LEASE = DataObjectIdentifier.builder(KmsVault.class)
        .child(Lease.class).build();
    private static final LogicalDatastoreType CONFIG = LogicalDatastoreType.CONFIGURATION;

    private final DataBroker broker;
    private final String owner;
    private final Duration takeOverTimeout;
    private final Duration writeTimeout;
    private final Set<Long> segments = ConcurrentHashMap.newKeySet();
    private final Object writes = new Object();
    private volatile long term = -1;

    /**
     * A replica over a broker.
     *
     * @param broker the data broker
     * @param owner who this engine is (pid@host), recorded with its term
     * @param takeOverTimeout bound of the takeover (a shard leader may be being elected)
     * @param writeTimeout bound of every other write (a delivery waits for it)
     */
    public DatastoreVaultReplica(final DataBroker broker, final String owner, final Duration takeOverTimeout,
            final Duration writeTimeout) {
        this.broker = requireNonNull(broker);
        this.owner = requireNonNull(owner);
        this.takeOverTimeout = requireNonNull(takeOverTimeout);
        this.writeTimeout = requireNonNull(writeTimeout);
    }

    @Override
    public Snapshot takeOver() throws IOException {
        final ReadWriteTransaction tx = broker.newReadWriteTransaction();
        final Optional<KmsVault> current = await(tx.read(CONFIG, VAULT), takeOverTimeout, "reading the KMS vault");
        final long previous = current.map(KmsVault::getLease).map(Lease::getTerm).map(Uint64::longValue).orElse(0L);
        final long next = previous + 1;
        tx.put(CONFIG, LEASE, new LeaseBuilder().setTerm(Uint64.valueOf(next)).setOwner(owner).build());
        await(tx.commit(), takeOverTimeout, "taking the KMS vault over");
        final Map<String, byte[]> files = new HashMap<>();
        final List<Record> records = new ArrayList<>();
        segments.clear();
        current.ifPresent(vault -> {
            vault.nonnullFile().values().forEach(file -> files.put(file.requireName(), file.requireContent()));
            for (Segment segment : vault.nonnullSegment().values()) {
                final long number = segment.requireNumber().longValue();
                segments.add(number);
                segment.nonnullRecord().values().forEach(record -> records.add(new Record(number,
                    record.requireSeq().longValue(), record.requireContent())));
            }
        });
        term = next;
        return new Snapshot(next, files, records);
    }

    @Override
    public void commit(final Map<String, byte[]> put, final Set<String> removed, final long firstSegment)
            throws IOException {
        final List<Long> retired = segments.stream().filter(number -> number < firstSegment).toList();
        write(tx -> {
            put.forEach((name, content) -> tx.put(CONFIG, file(name), new FileBuilder().setName(name)
                .setContent(content).build()));
            removed.forEach(name -> tx.delete(CONFIG, file(name)));
            retired.forEach(number -> tx.delete(CONFIG, segment(number)));
        }, "committing the KMS vault");
        retired.forEach(segments::remove);
    }

    @Override
    public void append(final List<VaultReplica.Record> records) throws IOException {
        write(tx -> records.forEach(record -> tx.mergeParentStructurePut(CONFIG, DataObjectIdentifier
            .builder(KmsVault.class).child(Segment.class, new SegmentKey(Uint64.valueOf(record.segment())))
            .child(org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.vault.segment.Record.class,
                new RecordKey(Uint64.valueOf(record.seq()))).build(), new RecordBuilder()
            .setSeq(Uint64.valueOf(record.seq())).setContent(record.sealed()).build())),
            "recording a KMS delivery");
        records.forEach(record -> segments.add(record.segment()));
    }

    /** The body of a fenced write. */
    @FunctionalInterface
    private interface Body {
        void fill(ReadWriteTransaction tx);
    }

    private void write(final Body body, final String what) throws IOException {
        synchronized (writes) {
            fencedWrite(body, what);
        }
    }

    private void fencedWrite(final Body body, final String what) throws IOException {
        final long mine = term;
        final ReadWriteTransaction tx = broker.newReadWriteTransaction();
        final Optional<Lease> lease = await(tx.read(CONFIG, LEASE), writeTimeout, what);
        final long current = lease.map(Lease::getTerm).map(Uint64::longValue).orElse(0L);
        if (mine < 0 || current != mine) {
            tx.cancel();
            throw new IOException(what + ": the KMS vault was taken over by " + lease.map(Lease::getOwner)
                .orElse("another engine") + " (term " + current + ", this engine's " + mine + ")");
        }
        // written again unchanged: a takeover committed meanwhile changed it, and the datastore refuses this commit
        tx.put(CONFIG, LEASE, lease.orElseThrow());
        body.fill(tx);
        await(tx.commit(), writeTimeout, what);
    }

    private static DataObjectIdentifier<File> file(final String name) {
        return DataObjectIdentifier.builder(KmsVault.class).child(File.class, new FileKey(name)).build();
    }

    private static DataObjectIdentifier<Segment> segment(final long number) {
        return DataObjectIdentifier.builder(KmsVault.class).child(Segment.class, new SegmentKey(Uint64.valueOf(
            number))).build();
    }

    private static <T> T await(final Future<T> future, final Duration timeout, final String what)
            throws IOException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException(what + " failed: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new IOException(what + ": no answer from the datastore within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + " interrupted", e);
        }
    }
}

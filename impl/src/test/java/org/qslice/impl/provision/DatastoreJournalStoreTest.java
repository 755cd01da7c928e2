/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.qslice.api.model.ProvisioningRecord.Operation;
import org.qslice.impl.mdsal.DatastoreJournalStore;
import org.qslice.impl.provision.Journal.StepState;

/**
 * The journal through the real binding codecs and in-memory datastore: every step kind, every state and every
 * operation survive the round trip, a state change is a merge of the step's state only, and a damaged entry is
 * reported, never half-read.
 */
class DatastoreJournalStoreTest extends AbstractConcurrentDataBrokerTest {
    private final Fixture fixture = new Fixture();
    private final Translator translator = new Translator("access", Duration.ofSeconds(3));
    private DatastoreJournalStore store;

    DatastoreJournalStoreTest() {
        super(true);
    }

    @BeforeEach
    void start() throws Exception {
        setup();
        store = new DatastoreJournalStore(getDataBroker());
    }

    private List<JournalStore.Loaded> load() throws Exception {
        return store.loadAll().get(10, TimeUnit.SECONDS);
    }

    @Test
    void everyStepKindStateAndOperationRoundTrips() throws Exception {
        final ProvisioningPlan plan = translator.translate(fixture.reserve(Fixture.useCase1("uc1")), fixture.topology);
        assertTrue(plan.steps().stream().anyMatch(step -> step.change() instanceof Step.KeyRefresh));
        final Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (Operation operation : Operation.values()) {
            final Journal journal = Journal.planned(plan, started).by(operation, started);
            store.save(journal).get(10, TimeUnit.SECONDS);
            assertEquals(List.of(new JournalStore.Loaded("uc1", Optional.of(journal), Optional.empty())), load());
        }
        final StepState[] states = StepState.values();
        for (int i = 0; i < plan.steps().size(); i++) {
            final var change = Map.of(i + 1, states[i % states.length]);
            store.mark("uc1", change).get(10, TimeUnit.SECONDS);
        }
        final Journal marked = load().get(0).journal().orElseThrow();
        for (int i = 0; i < plan.steps().size(); i++) {
            assertEquals(states[i % states.length], marked.state(i + 1));
            assertEquals(plan.steps().get(i), marked.steps().get(i).step(), "a mark must not touch the entries");
        }
        store.remove("uc1").get(10, TimeUnit.SECONDS);
        assertEquals(List.of(), load());
    }

    @Test
    void aMarkWithoutAStoredJournalFailsAndADamagedEntryIsReported() throws Exception {
        assertThrows(ExecutionException.class, () -> store.mark("nothing", Map.of(1, StepState.APPLIED))
            .get(10, TimeUnit.SECONDS));
        final ProvisioningPlan plan = translator.translate(fixture.reserve(Fixture.useCase2("uc2")), fixture.topology);
        store.save(Journal.planned(plan, Instant.now())).get(10, TimeUnit.SECONDS);
        // an outside write takes a step's lane away
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.CONFIGURATION, DatastoreJournalStore.path("uc2").toBuilder()
            .child(org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.journal.slice.Step.class,
                new org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.journal.slice.StepKey(
                    org.opendaylight.yangtools.yang.common.Uint16.valueOf(2))).build());
        tx.commit().get(10, TimeUnit.SECONDS);
        final var marked = store.mark("uc2", Map.of(2, StepState.APPLYING));
        marked.get(10, TimeUnit.SECONDS);
        final JournalStore.Loaded loaded = load().get(0);
        assertTrue(loaded.journal().isEmpty());
        assertTrue(loaded.error().orElseThrow().contains("step 2 lane is missing"), loaded.toString());
    }
}

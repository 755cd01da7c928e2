/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.qslice.api.model.ProvisioningRecord.Operation;
import org.qslice.impl.provision.Journal.Entry;
import org.qslice.impl.provision.Journal.Role;
import org.qslice.impl.provision.Journal.StepState;

/**
 * The journal of a make-before-break restoration: what the devices hold now (a slice's journal) against what they
 * must hold once connections moved (the translation of the slice with its new paths), entry by entry.
 *
 * <ul>
 *   <li>an entry both hold, applied and unchanged, is kept ({@link Role#CURRENT}, applied): the restoration does not
 *       touch it (an entry the new paths want under the same name with other values keeps its current values: a
 *       move never rewrites a live entry);</li>
 *   <li>an entry only the new paths have is {@link Role#ADDED}, planned: applied first, in lane order, undone if any
 *       fails;</li>
 *   <li>an entry only the devices hold is {@link Role#RETIRING}, in the state it had: removed once every added step
 *       is applied.</li>
 * </ul>
 * Entries are matched by device and name (KMS registrations by channel id). Restoration names a moved connection's
 * switch entries after its path generation and takes new client ports on every link of its new path, so an old and
 * a new path never share an entry: both carry the connection while it moves.
 */
public final class RestorationJournal {
    private RestorationJournal() {
        // static factory
    }

    /**
     * Builds the journal of a restoration.
     *
     * @param current the slice's journal: what its devices may hold
     * @param target the translation of the slice with its new paths
     * @param started when the restoration starts
     * @return the journal: kept steps, then retiring steps, then added steps, indexed from 1; operation restore
     */
    public static Journal build(final Journal current, final ProvisioningPlan target, final Instant started) {
        // what the devices may hold, by device and key
        final var held = new LinkedHashMap<String, Held>();
        for (Entry entry : current.steps()) {
            if (entry.state().mayHold()) {
                entry.step().parts().forEach((key, part) -> held.put(entry.step().target() + "|" + key,
                    new Held(entry.step(), part, entry.state())));
            }
        }
        final var kept = new ArrayList<Grouped>();
        final var added = new ArrayList<Grouped>();
        for (Step step : target.steps()) {
            final var keep = new ArrayList<Object>();
            final var add = new ArrayList<Object>();
            step.parts().forEach((key, part) -> {
                final Held was = held.remove(step.target() + "|" + key);
                if (was != null && was.state() == StepState.APPLIED) {
                    keep.add(was.part());
                } else {
                    // not held, or held with an uncertain outcome: written again (idempotent)
                    add.add(part);
                }
            });
            if (!keep.isEmpty()) {
                kept.add(new Grouped(step, keep, StepState.APPLIED));
            }
            if (!add.isEmpty()) {
                added.add(new Grouped(step, add, StepState.PLANNED));
            }
        }
        // what only the devices hold, grouped back by the step (and state) it came from
        final var retiring = new LinkedHashMap<String, Grouped>();
        held.values().forEach(was -> retiring.computeIfAbsent(was.step().index() + "|" + was.state(),
            key -> new Grouped(was.step(), new ArrayList<>(), was.state())).parts().add(was.part()));
        final var steps = new ArrayList<Entry>();
        final BiConsumer<List<Grouped>, Role> append = (groups, role) -> groups.forEach(group -> steps.add(
            new Entry(group.step().withParts(steps.size() + 1, group.parts()), group.state(), role)));
        append.accept(kept, Role.CURRENT);
        append.accept(List.copyOf(retiring.values()), Role.RETIRING);
        append.accept(added, Role.ADDED);
        return new Journal(current.sliceId(), Operation.RESTORE, started, steps);
    }

    /**
     * Tells whether a journal belongs to a restoration that has not been compacted: one that runs, or that a
     * restart interrupted.
     *
     * @param journal the journal
     * @return true if a step is added or retiring
     */
    public static boolean unfinished(final Journal journal) {
        return journal.steps().stream().anyMatch(entry -> entry.role() != Role.CURRENT);
    }

    /**
     * Tells whether the new paths of a restoration are complete: every added step applied. A restart then rolls the
     * restoration forward (removes the retiring steps); otherwise back (removes the added steps).
     *
     * @param journal a restoration's journal
     * @return true if every added step is applied
     */
    public static boolean newPathsApplied(final Journal journal) {
        return journal.steps().stream().filter(entry -> entry.role() == Role.ADDED)
            .allMatch(entry -> entry.state() == StepState.APPLIED);
    }

    /**
     * Returns the journal a finished restoration leaves: the steps a device may hold, each of the current paths,
     * indexed from 1 again.
     *
     * @param journal the journal after the restoration's steps
     * @return the compacted journal
     */
    public static Journal compact(final Journal journal) {
        final var steps = new ArrayList<Entry>();
        for (Entry entry : journal.steps()) {
            if (entry.state().mayHold()) {
                steps.add(new Entry(entry.step().withParts(steps.size() + 1, List.copyOf(entry.step().parts()
                    .values())), entry.state(), Role.CURRENT));
            }
        }
        return new Journal(journal.sliceId(), journal.operation(), journal.started(), steps);
    }

    /**
     * Returns the steps of a restoration's journal with a role, in journal order.
     *
     * @param journal the journal
     * @param role the role
     * @return the steps
     */
    public static List<Step> steps(final Journal journal, final Role role) {
        return journal.steps().stream().filter(entry -> entry.role() == role).map(Entry::step).toList();
    }

    private record Held(Step step, Object part, StepState state) {
    }

    private record Grouped(Step step, List<Object> parts, StepState state) {
    }

    /**
     * For tests and messages: the parts of a journal's steps of a role, by target.
     *
     * @param journal the journal
     * @param role the role
     * @return target to keys
     */
    static Map<String, List<String>> keys(final Journal journal, final Role role) {
        final var keys = new LinkedHashMap<String, List<String>>();
        steps(journal, role).forEach(step -> keys.computeIfAbsent(step.target(), t -> new ArrayList<>())
            .addAll(step.parts().keySet()));
        return keys;
    }
}

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.cli;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.qslice.api.SliceService;

/**
 * {@code qslice:slice-show}: Shows a slice: state, paths per connection, reservations.
 */
@Service
@Command(scope = "qslice", name = "slice-show",
    description = "Shows a slice: state, paths per connection, reservations, failure and restoration events, "
        + "provisioning steps and timings")
public final class SliceShowCommand implements Action {
    @Reference
    private SliceService slices;

    @Argument(index = 0, name = "slice-id", description = "the slice", required = true)
    private String argument;

    @Override
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    public Object execute() throws Exception {
        final var slice = Await.result(slices.get(argument));
        if (slice.isEmpty()) {
            throw new Await.CommandFailure("slice " + argument + " does not exist", null);
        }
        Format.slice(slice.orElseThrow(), System.out);
        final var events = Await.result(slices.events(argument));
        if (!events.isEmpty()) {
            System.out.println("  events (failures and restoration, oldest first):");
            events.forEach(line -> System.out.println("    " + line));
        }
        final var record = Await.result(slices.provisioning(argument));
        if (record.isPresent()) {
            Format.provisioning(record.orElseThrow(), System.out);
        } else {
            System.out.println("  provisioning: devices never configured");
        }
        return null;
    }
}

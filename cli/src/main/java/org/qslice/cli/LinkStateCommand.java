/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.cli;

import java.util.Locale;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.qslice.api.SliceService;

/**
 * {@code qslice:link-state}: reports a link up or down, as an external monitor does ({@code report-link-state}).
 */
@Service
@Command(scope = "qslice", name = "link-state", description = "Reports a link up or down: down reroutes the "
    + "restorable connections on it at their security level (or degrades their slices), up lets them come back")
public final class LinkStateCommand implements Action {
    @Reference
    private SliceService slices;

    @Argument(index = 0, name = "link-id", description = "the link", required = true)
    private String link;

    @Argument(index = 1, name = "state", description = "up or down", required = true)
    private String state;

    @Argument(index = 2, name = "reason", description = "why (free text)", required = false)
    private String reason;

    @Override
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    public Object execute() throws Exception {
        final boolean up = switch (state.trim().toLowerCase(Locale.ROOT)) {
            case "up" -> true;
            case "down" -> false;
            default -> throw new Await.CommandFailure("state must be up or down, not " + state, null);
        };
        final var affected = Await.result(slices.reportLinkState(link, up, Optional.ofNullable(reason)));
        System.out.println("link " + link + " reported " + (up ? "up" : "down") + "; active slices on it: "
            + (affected.isEmpty() ? "none" : String.join(", ", affected)));
        return null;
    }
}

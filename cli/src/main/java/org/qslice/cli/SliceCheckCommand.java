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
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.qslice.api.SliceService;

/**
 * {@code qslice:slice-check}: compares what a slice's devices hold with its provisioning journal; with
 * {@code --repair}, writes back what is missing or changed.
 */
@Service
@Command(scope = "qslice", name = "slice-check",
    description = "Compares what a slice's devices hold with its journal (missing, changed, foreign entries)")
public final class SliceCheckCommand implements Action {
    @Reference
    private SliceService slices;

    @Argument(index = 0, name = "slice-id", description = "the slice", required = true)
    private String argument;

    @Option(name = "--repair", description = "write back what is missing or changed (never deletes an entry)")
    private boolean repair;

    @Override
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    public Object execute() throws Exception {
        Format.drift(argument, Await.result(repair ? slices.repair(argument) : slices.check(argument)), System.out);
        return null;
    }
}

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
 * {@code qslice:slice-create}: Computes and reserves a slice from a request file.
 */
@Service
@Command(scope = "qslice", name = "slice-create", description = "Computes and reserves a slice from a request file")
public final class SliceCreateCommand implements Action {
    @Reference
    private SliceService slices;

    @Argument(index = 0, name = "file", description = "request file, e.g. testbed/use-case-1.json", required = true)
    private String argument;

    @Override
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    public Object execute() throws Exception {
        Format.slice(Await.result(slices.create(slices.parseRequest(Await.file(argument)))), System.out);
        return null;
    }
}

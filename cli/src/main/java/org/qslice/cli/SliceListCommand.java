/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.cli;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.qslice.api.SliceService;

/**
 * {@code qslice:slice-list}: the slices and their states.
 */
@Service
@Command(scope = "qslice", name = "slice-list", description = "Lists the slices and their states")
public final class SliceListCommand implements Action {
    @Reference
    private SliceService slices;

    @Override
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    public Object execute() throws Exception {
        Format.slices(Await.result(slices.list()), System.out);
        return null;
    }
}

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
import org.qslice.api.model.KeyExchange;

/**
 * {@code qslice:deprecate-key-exchange dh}: deprecates a key-exchange method network-wide and prints what moved.
 */
@Service
@Command(scope = "qslice", name = "deprecate-key-exchange", description = "Deprecates a key-exchange method "
    + "everywhere (dh, qra, qkd, hybrid-qkd-qra): every connection below its minimum level moves make-before-break, "
    + "or its slice is degraded; prints what moved and what could not")
public final class DeprecateKeyExchangeCommand implements Action {
    @Reference
    private SliceService slices;

    @Argument(index = 0, name = "method", description = "dh, qra, qkd or hybrid-qkd-qra", required = true)
    private String method;

    @Option(name = "--lift", description = "lift the deprecation instead")
    private boolean lift;

    @Override
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    public Object execute() throws Exception {
        final KeyExchange parsed = Await.method(method);
        Await.result(slices.deprecateKeyExchange(parsed, !lift)).forEach(System.out::println);
        return null;
    }
}

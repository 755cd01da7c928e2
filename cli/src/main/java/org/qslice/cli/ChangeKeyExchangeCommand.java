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
import org.qslice.api.model.KeyExchange;

/**
 * {@code qslice:change-key-exchange <link> <method>}: switches one link's channel to another key-exchange method in
 * place, at a key boundary of both ends.
 */
@Service
@Command(scope = "qslice", name = "change-key-exchange", description = "Switches a link's channel to another "
    + "key-exchange method in place (dh, qra, qkd, hybrid-qkd-qra), both encryptors at the same key boundary; refused "
    + "if a connection on the link would fall below its minimum or a card does not support the method")
public final class ChangeKeyExchangeCommand implements Action {
    @Reference
    private SliceService slices;

    @Argument(index = 0, name = "link", description = "the link id", required = true)
    private String link;

    @Argument(index = 1, name = "method", description = "dh, qra, qkd or hybrid-qkd-qra", required = true)
    private String method;

    @Override
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    public Object execute() throws Exception {
        final KeyExchange parsed = Await.method(method);
        Await.result(slices.changeKeyExchange(link, parsed)).forEach(System.out::println);
        return null;
    }
}

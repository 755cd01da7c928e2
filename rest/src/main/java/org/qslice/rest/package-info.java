/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The guard in front of qslice's RESTCONF paths: a servlet filter in OpenDaylight's RESTCONF context, after its
 * authentication, that checks a request body with yangtools' own parsers before RESTCONF sees it and answers a bad
 * one with an RFC 8040 {@code errors} body naming the field and the reason ({@link RequestCheck}), so that no bad
 * body reaches an RPC or the datastore, and none gets a {@code 500}.
 */
package org.qslice.rest;

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Karaf console commands of qslice (scope {@code qslice}). Commands only parse arguments and format results; the
 * work is done by the api services they reference.
 */
package org.qslice.cli;

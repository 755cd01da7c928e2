/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Domain types of qslice: plain Java values shared by path computation, resource accounting, provisioning and the
 * console. They carry no MD-SAL types and this module does not depend on the generated YANG bindings: an enum only
 * knows its YANG name ({@code yangName()} and {@code parse}); the conversions to and from the binding enums live in
 * the modules that use the bindings ({@code org.qslice.impl.mdsal.YangEnums}).
 */
package org.qslice.api.model;

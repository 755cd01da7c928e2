/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api;

import static java.util.Objects.requireNonNull;

/**
 * Why a slice operation was refused or failed. The message names the object and the reason; it never carries key
 * material.
 */
public class SliceException extends Exception {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    /**
     * Failure classes, each mapped to one RESTCONF error type and tag.
     */
    public enum Kind {
        /** Bad input: a field has an invalid value (PROTOCOL, invalid-value). */
        INVALID,
        /** The object already exists (PROTOCOL, data-exists). */
        EXISTS,
        /** The object does not exist (PROTOCOL, data-missing). */
        MISSING,
        /** Not enough free resources (APPLICATION, resource-denied). */
        RESOURCES,
        /** The operation is not allowed in the object's current state (APPLICATION, operation-failed). */
        STATE,
        /** A device or mount point is missing or failed (TRANSPORT, resource-denied). */
        TRANSPORT,
        /** The capability is not available in this controller (APPLICATION, operation-not-supported). */
        UNAVAILABLE,
        /** The controller could not complete the operation (APPLICATION, operation-failed). */
        INTERNAL
    }

    private final Kind kind;
    private final String field;

    /**
     * Creates an exception.
     *
     * @param kind failure class
     * @param message what failed and why
     */
    public SliceException(final Kind kind, final String message) {
        this(kind, null, message, null);
    }

    /**
     * Creates an exception naming the offending input field.
     *
     * @param kind failure class
     * @param field path of the field, e.g. {@code connection[c1]/bandwidth-gbps}, or null
     * @param message what failed and why
     * @param cause underlying cause, or null
     */
    public SliceException(final Kind kind, final String field, final String message, final Throwable cause) {
        super(message, cause);
        this.kind = requireNonNull(kind);
        this.field = field;
    }

    /**
     * Returns the failure class.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the path of the offending input field, if the failure is about one.
     *
     * @return the field path or null
     */
    public String field() {
        return field;
    }
}

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.karaf.agent.bridge;

import static java.util.Objects.requireNonNull;

import java.security.AccessControlContext;
import java.security.PrivilegedAction;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import javax.security.auth.Subject;

/**
 * Where the current JAAS {@link Subject} lives on JDK 24+, for code written against the Security Manager era API.
 *
 * <p>{@link #doAs(Subject, PrivilegedAction)} binds the subject twice: with {@link Subject#callAs(Subject, Callable)}
 * (so {@link Subject#current()} sees it on this thread) and in an {@link InheritableThreadLocal} (so threads started
 * while it runs, such as the ones Gogo runs commands on, see it too, as they used to see the creator's
 * {@code AccessControlContext} before JDK 24). {@link #getSubject(AccessControlContext)} reads the former, else the
 * latter.
 */
public final class SubjectBridge {
    private static final InheritableThreadLocal<Subject> INHERITED = new InheritableThreadLocal<>();

    private SubjectBridge() {
        // static bridge only
    }

    /**
     * Replacement for {@code Subject.getSubject(AccessControlContext)}, which always throws on JDK 24+.
     *
     * @param acc ignored: JDK 24+ does not carry the subject in an access control context any more
     * @return the subject bound by {@link Subject#callAs(Subject, Callable)} on this thread, else the one inherited
     *         from the {@link #doAs(Subject, PrivilegedAction)} that started this thread, else {@code null}
     */
    @SuppressWarnings("removal")
    public static Subject getSubject(final AccessControlContext acc) {
        final Subject current = Subject.current();
        return current != null ? current : INHERITED.get();
    }

    /**
     * Replacement body of Karaf's {@code JaasHelper.doAs(Subject, PrivilegedAction)}.
     *
     * @param <T> the result type
     * @param subject the subject to run as, may be {@code null} (runs with no subject)
     * @param action the action to run
     * @return what the action returned
     * @throws NullPointerException if {@code action} is {@code null}
     */
    public static <T> T doAs(final Subject subject, final PrivilegedAction<T> action) {
        requireNonNull(action);
        try {
            return callAs(subject, action::run);
        } catch (PrivilegedActionException e) {
            // action::run cannot throw a checked exception
            throw new IllegalStateException(e);
        }
    }

    /**
     * Replacement body of Karaf's {@code JaasHelper.doAs(Subject, PrivilegedExceptionAction)}.
     *
     * @param <T> the result type
     * @param subject the subject to run as, may be {@code null} (runs with no subject)
     * @param action the action to run
     * @return what the action returned
     * @throws PrivilegedActionException wrapping a checked exception the action threw (unchecked ones propagate as
     *         they are), like {@code AccessController.doPrivileged} did
     * @throws NullPointerException if {@code action} is {@code null}
     */
    public static <T> T doAs(final Subject subject, final PrivilegedExceptionAction<T> action)
            throws PrivilegedActionException {
        requireNonNull(action);
        return callAs(subject, action::run);
    }

    // Unwrapping is the point: callers expect what the action threw, as AccessController.doPrivileged delivered it.
    @SuppressWarnings("checkstyle:AvoidHidingCauseException")
    private static <T> T callAs(final Subject subject, final Callable<T> action) throws PrivilegedActionException {
        final Subject previous = INHERITED.get();
        INHERITED.set(subject);
        try {
            return Subject.callAs(subject, action);
        } catch (CompletionException e) {
            // callAs() wraps exactly what the action threw (errors pass through unwrapped)
            final Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Exception checked) {
                throw new PrivilegedActionException(checked);
            }
            throw e;
        } finally {
            if (previous != null) {
                INHERITED.set(previous);
            } else {
                INHERITED.remove();
            }
        }
    }
}

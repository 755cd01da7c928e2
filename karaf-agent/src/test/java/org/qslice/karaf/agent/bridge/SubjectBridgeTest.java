/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.karaf.agent.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.security.PrivilegedAction;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.concurrent.atomic.AtomicReference;
import javax.security.auth.Subject;
import org.junit.jupiter.api.Test;

class SubjectBridgeTest {
    private final Subject alice = new Subject();
    private final Subject bob = new Subject();

    @Test
    void noSubjectOutsideDoAs() {
        assertNull(SubjectBridge.getSubject(null));
    }

    @Test
    void doAsBindsForCurrentAndForBridge() {
        final Subject[] seen = SubjectBridge.doAs(alice,
            (PrivilegedAction<Subject[]>) () -> new Subject[] { Subject.current(), SubjectBridge.getSubject(null) });
        assertSame(alice, seen[0]);
        assertSame(alice, seen[1]);
        assertNull(SubjectBridge.getSubject(null));
    }

    @Test
    void threadStartedInsideDoAsInheritsTheSubject() throws Exception {
        final AtomicReference<Subject> seen = new AtomicReference<>();
        final Thread thread = SubjectBridge.doAs(alice, (PrivilegedAction<Thread>) () -> {
            final Thread started = new Thread(() -> seen.set(SubjectBridge.getSubject(null)));
            started.start();
            return started;
        });
        thread.join();
        assertSame(alice, seen.get());
    }

    @Test
    void nestedDoAsRestoresTheOuterSubject() {
        final Subject after = SubjectBridge.doAs(alice, (PrivilegedAction<Subject>) () -> {
            assertSame(bob, SubjectBridge.doAs(bob, (PrivilegedAction<Subject>) () -> SubjectBridge.getSubject(null)));
            return SubjectBridge.getSubject(null);
        });
        assertSame(alice, after);
    }

    @Test
    void nullSubjectRunsWithoutSubject() {
        assertNull(SubjectBridge.doAs(alice,
            (PrivilegedAction<Subject>) () -> SubjectBridge.doAs(null,
                (PrivilegedAction<Subject>) () -> SubjectBridge.getSubject(null))));
    }

    @Test
    void exceptionsKeepTheirDoPrivilegedShape() {
        final IllegalStateException unchecked = new IllegalStateException("boom");
        assertSame(unchecked, assertThrows(IllegalStateException.class,
            () -> SubjectBridge.doAs(alice, (PrivilegedAction<Object>) () -> {
                throw unchecked;
            })));
        assertSame(unchecked, assertThrows(IllegalStateException.class,
            () -> SubjectBridge.doAs(alice, (PrivilegedExceptionAction<Object>) () -> {
                throw unchecked;
            })));
        final IOException checked = new IOException("io");
        final PrivilegedActionException wrapped = assertThrows(PrivilegedActionException.class,
            () -> SubjectBridge.doAs(alice, (PrivilegedExceptionAction<Object>) () -> {
                throw checked;
            }));
        assertSame(checked, wrapped.getException());
        final AssertionError error = new AssertionError("error");
        assertSame(error, assertThrows(AssertionError.class,
            () -> SubjectBridge.doAs(alice, (PrivilegedAction<Object>) () -> {
                throw error;
            })));
        assertNull(SubjectBridge.getSubject(null));
    }

    @Test
    void nullActionIsRejected() {
        assertThrows(NullPointerException.class, () -> SubjectBridge.doAs(alice, (PrivilegedAction<Object>) null));
        assertThrows(NullPointerException.class,
            () -> SubjectBridge.doAs(alice, (PrivilegedExceptionAction<Object>) null));
    }

    @Test
    void returnsWhatTheActionReturns() throws PrivilegedActionException {
        assertEquals("x", SubjectBridge.doAs(alice, (PrivilegedAction<String>) () -> "x"));
        assertEquals("y", SubjectBridge.doAs(alice, (PrivilegedExceptionAction<String>) () -> "y"));
    }
}

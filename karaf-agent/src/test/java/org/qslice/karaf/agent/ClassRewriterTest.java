/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.karaf.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.PrivilegedAction;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.qslice.karaf.agent.bridge.SubjectBridge;
import org.qslice.karaf.agent.fixture.ClassVersionProbe;
import org.qslice.karaf.agent.fixture.SubjectProbe;

class ClassRewriterTest {
    private static final String JAAS_HELPER = "org.apache.karaf.util.jaas.JaasHelper";
    private static final String[] JAAS_HELPER_CLASSES = {
        JAAS_HELPER, JAAS_HELPER + "$OsgiSubjectDomainCombiner", JAAS_HELPER + "$DelegatingProtectionDomain"
    };
    private static final String PROXY_UTILS = "org.apache.aries.proxy.impl.ProxyUtils";

    private final Subject admin = user("karaf", "admin");
    private final Subject viewer = user("tesla", "viewer");

    @Test
    void getSubjectFailsOnThisJdkWithoutTheRewrite() throws Exception {
        final Class<?> probe = load(bytes -> bytes, SubjectProbe.class.getName());
        final Throwable thrown = assertThrows(UnsupportedOperationException.class, () -> call(probe, "currentSubject"));
        assertEquals("getSubject is not supported", thrown.getMessage());
    }

    @Test
    void rewrittenGetSubjectSeesTheBridgedSubject() throws Exception {
        final Class<?> probe = load(ClassRewriterTest::rewrite, SubjectProbe.class.getName());
        assertNull(call(probe, "currentSubject"));
        assertSame(admin, SubjectBridge.doAs(admin, (PrivilegedAction<Object>) () -> call(probe, "currentSubject")));
        assertSame(admin, SubjectBridge.doAs(admin,
            (PrivilegedAction<Object>) () -> call(probe, "subjectSeenByNewThread")));
        // plain JDK 18+ binding works too
        assertSame(viewer, Subject.callAs(viewer, () -> call(probe, "currentSubject")));
    }

    @Test
    void rewriteRegeneratesStackMapsAcrossMergedTypes() throws Exception {
        final Class<?> probe = load(ClassRewriterTest::rewrite, SubjectProbe.class.getName());
        final Method names = probe.getMethod("principalNames", boolean.class);
        assertEquals("admin,karaf", SubjectBridge.doAs(admin, (PrivilegedAction<Object>) () -> invoke(names, true)));
        assertEquals("", invoke(names, false));
        assertEquals(List.of(), getSubjectCalls(rewrite(IsolatedLoader.classFile(SubjectProbe.class.getName()))));
    }

    @Test
    void realJaasHelperFailsOnThisJdkWithoutTheRewrite() throws Exception {
        final Class<?> helper = load(bytes -> bytes, JAAS_HELPER_CLASSES);
        final Method doAs = helper.getMethod("doAs", Subject.class, PrivilegedAction.class);
        final Method hasRole = helper.getMethod("currentUserHasRole", String.class);
        // doAs "works" but binds nothing JDK 24+ looks at; the role check then throws
        final Throwable thrown = assertThrows(UnsupportedOperationException.class,
            () -> invoke(doAs, admin, (PrivilegedAction<Object>) () -> invoke(hasRole, "admin")));
        assertEquals("getSubject is not supported", thrown.getMessage());
    }

    @Test
    void realJaasHelperDoAsAndRoleChecksWorkAfterRewrite() throws Exception {
        final Class<?> helper = load(ClassRewriterTest::rewrite, JAAS_HELPER_CLASSES);
        final Method doAs = helper.getMethod("doAs", Subject.class, PrivilegedAction.class);
        final Method doAsException = helper.getMethod("doAs", Subject.class, PrivilegedExceptionAction.class);
        final Method runAs = helper.getMethod("runAs", Subject.class, Runnable.class);
        final Method hasRole = helper.getMethod("currentUserHasRole", String.class);

        assertEquals(false, invoke(hasRole, "admin"));
        assertEquals(true, invoke(doAs, admin, (PrivilegedAction<Object>) () -> invoke(hasRole, "admin")));
        assertEquals(false, invoke(doAs, viewer, (PrivilegedAction<Object>) () -> invoke(hasRole, "admin")));
        assertEquals(true, invoke(doAsException, viewer,
            (PrivilegedExceptionAction<Object>) () -> invoke(hasRole, "viewer")));
        assertSame(admin, invoke(doAs, admin, (PrivilegedAction<Object>) Subject::current));

        // Gogo runs a command on a thread the session thread started: RBAC must still see the user
        final AtomicReference<Object> seenByChild = new AtomicReference<>();
        final Thread child = (Thread) invoke(doAs, admin, (PrivilegedAction<Object>) () -> {
            final Thread thread = new Thread(() -> seenByChild.set(invoke(hasRole, "admin")));
            thread.start();
            return thread;
        });
        child.join();
        assertEquals(true, seenByChild.get());

        final AtomicReference<Object> seenByRunAs = new AtomicReference<>();
        invoke(runAs, admin, (Runnable) () -> seenByRunAs.set(invoke(hasRole, "admin")));
        assertEquals(true, seenByRunAs.get());

        final IOException checked = new IOException("io");
        final Throwable thrown = assertThrows(IllegalStateException.class,
            () -> invoke(doAsException, admin, (PrivilegedExceptionAction<Object>) () -> {
                throw checked;
            })).getCause();
        assertSame(checked, assertInstanceOf(PrivilegedActionException.class, thrown).getException());
        assertThrows(NullPointerException.class, () -> invoke(doAs, admin, null));
    }

    @Test
    void onlyTheTwoStaticDoAsBodiesAreReplaced() {
        final ClassModel rewritten = ClassFile.of().parse(rewrite(IsolatedLoader.classFile(JAAS_HELPER)));
        final List<String> callingBridge = rewritten.methods().stream()
            .filter(method -> method.code().orElseThrow().elementStream()
                .anyMatch(e -> e instanceof InvokeInstruction invoke
                    && invoke.owner().asInternalName().equals(ClassRewriter.BRIDGE)
                    && invoke.name().equalsString("doAs")))
            .map(method -> method.methodName().stringValue() + method.methodType().stringValue())
            .sorted()
            .toList();
        assertEquals(List.of(
            "doAs(Ljavax/security/auth/Subject;Ljava/security/PrivilegedAction;)Ljava/lang/Object;",
            "doAs(Ljavax/security/auth/Subject;Ljava/security/PrivilegedExceptionAction;)Ljava/lang/Object;"),
            callingBridge);
        assertEquals(List.of(), getSubjectCalls(rewritten));
    }

    @Test
    void jaasHelperNameAloneIsNotEnough() {
        // same class name, no matching doAs signature and no getSubject call: nothing to do
        final byte[] other = ClassFile.of().build(ClassDesc.of(JAAS_HELPER), clb -> clb
            .withMethodBody("doAs", MethodTypeDesc.ofDescriptor("(Ljava/lang/Object;)V"),
                ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code.return_()));
        assertNull(ClassRewriter.rewrite(other, ClassRewriter.candidateFixes(internalName(JAAS_HELPER), other),
            resolver()));
    }

    @Test
    void realProxyUtilsRejectsThisJdkWithoutTheRewrite() throws Exception {
        final Class<?> proxyUtils = load(bytes -> bytes, PROXY_UTILS);
        assertEquals(Runtime.version().feature() + 44, proxyUtils.getField("JAVA_CLASS_VERSION").getInt(null));
        final Throwable thrown = assertThrows(IllegalArgumentException.class,
            () -> call(proxyUtils, "getWeavingJavaVersion"));
        assertEquals("Invalid Java version " + (Runtime.version().feature() + 44), thrown.getMessage());
    }

    @Test
    void realProxyUtilsWeavesJava21AfterRewrite() throws Exception {
        final String realVersion = System.getProperty("java.class.version");
        final Class<?> proxyUtils = load(ClassRewriterTest::rewrite, PROXY_UTILS);
        assertEquals(65, proxyUtils.getField("JAVA_CLASS_VERSION").getInt(null));
        assertEquals(65, call(proxyUtils, "getWeavingJavaVersion"));
        // narrow: the property itself is untouched
        assertEquals(realVersion, System.getProperty("java.class.version"));
    }

    @Test
    void classVersionPinIsOnlyForProxyUtils() {
        final byte[] probe = IsolatedLoader.classFile(ClassVersionProbe.class.getName());
        assertEquals(Set.of(), ClassRewriter.candidateFixes(internalName(ClassVersionProbe.class.getName()), probe));
        assertNull(ClassRewriter.rewrite(probe, Set.of(Fix.PROXY_UTILS_CLASS_VERSION), resolver()));
    }

    @Test
    void unrelatedClassesAreLeftAlone() {
        final byte[] loader = IsolatedLoader.classFile(IsolatedLoader.class.getName());
        assertEquals(Set.of(), ClassRewriter.candidateFixes(internalName(IsolatedLoader.class.getName()), loader));
        // mentions "getSubject" (its own method) but calls no Subject.getSubject: parsed, then left alone
        final byte[] bridge = IsolatedLoader.classFile(SubjectBridge.class.getName());
        final Set<Fix> fixes = ClassRewriter.candidateFixes(ClassRewriter.BRIDGE, bridge);
        assertEquals(Set.of(Fix.SUBJECT_CALLS), fixes);
        assertNull(ClassRewriter.rewrite(bridge, fixes, resolver()));
    }

    @Test
    void containsFindsNeedleAnywhere() {
        final byte[] needle = {1, 2, 3};
        assertTrue(ClassRewriter.contains(new byte[] {1, 2, 3}, needle));
        assertTrue(ClassRewriter.contains(new byte[] {0, 1, 1, 2, 3}, needle));
        assertFalse(ClassRewriter.contains(new byte[] {1, 2}, needle));
        assertFalse(ClassRewriter.contains(new byte[] {1, 2, 4, 3}, needle));
    }

    static byte[] rewrite(final byte[] classfile) {
        final String name = ClassFile.of().parse(classfile).thisClass().asInternalName();
        final byte[] rewritten = ClassRewriter.rewrite(classfile, ClassRewriter.candidateFixes(name, classfile),
            resolver());
        return rewritten != null ? rewritten : classfile;
    }

    static ClassHierarchyResolver resolver() {
        return ClassHierarchyResolver.ofResourceParsing(ClassRewriterTest.class.getClassLoader());
    }

    private static List<String> getSubjectCalls(final byte[] classfile) {
        return getSubjectCalls(ClassFile.of().parse(classfile));
    }

    private static List<String> getSubjectCalls(final ClassModel model) {
        return model.methods().stream()
            .filter(method -> method.code().map(ClassRewriterTest::callsGetSubject).orElse(false))
            .map(MethodModel::methodName)
            .map(Object::toString)
            .toList();
    }

    private static boolean callsGetSubject(final CodeModel code) {
        return code.elementStream().anyMatch(e -> e instanceof InvokeInstruction invoke
            && invoke.owner().asInternalName().equals("javax/security/auth/Subject")
            && invoke.name().equalsString("getSubject"));
    }

    private static String internalName(final String binaryName) {
        return binaryName.replace('.', '/');
    }

    private static Class<?> load(final UnaryOperator<byte[]> rewrite, final String... names)
            throws ClassNotFoundException {
        return IsolatedLoader.of(rewrite, names).loadClass(names[0]);
    }

    private static Object call(final Class<?> type, final String method) {
        try {
            return invoke(type.getMethod(method));
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Invokes a static method and rethrows what it threw: unchecked exceptions as they are, checked ones wrapped in an
     * {@link IllegalStateException}.
     */
    @SuppressWarnings("checkstyle:AvoidHidingCauseException")
    private static Object invoke(final Method method, final Object... args) {
        try {
            return method.invoke(null, args);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        } catch (InvocationTargetException e) {
            final Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static Subject user(final String name, final String role) {
        final Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(name));
        subject.getPrincipals().add(new RolePrincipal(role));
        return subject;
    }
}

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.karaf.agent;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CLASS_INIT_NAME;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassElement;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.MethodTransform;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The bytecode rewrites of the agent, on plain {@code byte[]} class files with the {@code java.lang.classfile} API.
 * No class loading, no output: the caller decides what to do with failures.
 */
final class ClassRewriter {
    static final String JAAS_HELPER = "org/apache/karaf/util/jaas/JaasHelper";
    static final String PROXY_UTILS = "org/apache/aries/proxy/impl/ProxyUtils";
    static final String BRIDGE = "org/qslice/karaf/agent/bridge/SubjectBridge";
    static final String CLASS_VERSION_KEY = "java.class.version";
    /**
     * Java 21: the newest class file version Aries Proxy 1.1.14 knows how to weave.
     */
    static final String PINNED_CLASS_VERSION = "65.0";

    private static final String SUBJECT = "javax/security/auth/Subject";
    private static final String GET_SUBJECT = "getSubject";
    private static final String DO_AS = "doAs";
    private static final byte[] GET_SUBJECT_UTF8 = GET_SUBJECT.getBytes(StandardCharsets.US_ASCII);

    private static final ClassDesc CD_SUBJECT = ClassDesc.ofInternalName(SUBJECT);
    private static final ClassDesc CD_BRIDGE = ClassDesc.ofInternalName(BRIDGE);
    private static final ClassDesc CD_SYSTEM = ClassDesc.of("java.lang.System");
    private static final MethodTypeDesc MTD_GET_SUBJECT =
        MethodTypeDesc.of(CD_SUBJECT, ClassDesc.of("java.security.AccessControlContext"));
    private static final MethodTypeDesc MTD_DO_AS =
        MethodTypeDesc.of(CD_Object, CD_SUBJECT, ClassDesc.of("java.security.PrivilegedAction"));
    private static final MethodTypeDesc MTD_DO_AS_EXCEPTION =
        MethodTypeDesc.of(CD_Object, CD_SUBJECT, ClassDesc.of("java.security.PrivilegedExceptionAction"));
    private static final MethodTypeDesc MTD_GET_PROPERTY = MethodTypeDesc.of(CD_String, CD_String);

    private ClassRewriter() {
        // utility class
    }

    /**
     * Cheap pre-filter on the raw class file: which fixes could apply to it. Most classes get an empty set without
     * being parsed.
     *
     * @param internalName the class name in internal form, as a {@code ClassFileTransformer} gets it
     * @param classfile the class file bytes
     * @return the candidate fixes, possibly empty
     */
    static Set<Fix> candidateFixes(final String internalName, final byte[] classfile) {
        final Set<Fix> fixes = EnumSet.noneOf(Fix.class);
        if (JAAS_HELPER.equals(internalName)) {
            fixes.add(Fix.JAAS_HELPER_DO_AS);
        } else if (PROXY_UTILS.equals(internalName)) {
            fixes.add(Fix.PROXY_UTILS_CLASS_VERSION);
        }
        if (contains(classfile, GET_SUBJECT_UTF8)) {
            fixes.add(Fix.SUBJECT_CALLS);
        }
        return fixes;
    }

    /**
     * Applies the given fixes where they match.
     *
     * @param classfile the class file bytes
     * @param fixes the fixes to apply
     * @param resolver class hierarchy for regenerating stack maps of changed methods
     * @return the new class file, or {@code null} if nothing matched and the class stays as it is
     * @throws IllegalArgumentException if the class file cannot be parsed or rewritten
     */
    @SuppressFBWarnings(value = "PZLA_PREFER_ZERO_LENGTH_ARRAYS",
        justification = "null means no change, as in ClassFileTransformer, which returns it as it is")
    static byte[] rewrite(final byte[] classfile, final Set<Fix> fixes, final ClassHierarchyResolver resolver) {
        if (fixes.isEmpty()) {
            return null;
        }
        final ClassFile cf = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(resolver));
        final ClassModel model = cf.parse(classfile);
        final String className = model.thisClass().asInternalName();
        if (model.methods().stream().allMatch(method -> planFor(className, method, fixes) == Plan.KEEP)) {
            return null;
        }
        return cf.transformClass(model, (builder, element) -> transform(className, fixes, builder, element));
    }

    private static void transform(final String className, final Set<Fix> fixes,
            final ClassBuilder builder, final ClassElement element) {
        if (!(element instanceof MethodModel method)) {
            builder.with(element);
            return;
        }
        switch (planFor(className, method, fixes)) {
            case BRIDGE_DO_AS -> builder.transformMethod(method, (mb, me) -> {
                if (me instanceof CodeModel) {
                    final MethodTypeDesc type = method.methodTypeSymbol();
                    mb.withCode(code -> code.aload(0).aload(1).invokestatic(CD_BRIDGE, DO_AS, type).areturn());
                } else {
                    mb.with(me);
                }
            });
            case REWRITE_CODE -> builder.transformMethod(method, MethodTransform.transformingCode(
                new CallSiteRewrite(fixes.contains(Fix.SUBJECT_CALLS), pinsClassVersion(className, method, fixes))));
            case KEEP -> builder.with(method);
            default -> throw new IllegalStateException("unknown plan");
        }
    }

    private enum Plan {
        KEEP,
        BRIDGE_DO_AS,
        REWRITE_CODE
    }

    private static Plan planFor(final String className, final MethodModel method, final Set<Fix> fixes) {
        final CodeModel code = method.code().orElse(null);
        if (code == null) {
            return Plan.KEEP;
        }
        if (fixes.contains(Fix.JAAS_HELPER_DO_AS) && JAAS_HELPER.equals(className)
                && method.flags().has(AccessFlag.STATIC) && method.methodName().equalsString(DO_AS)) {
            final String descriptor = method.methodType().stringValue();
            if (descriptor.equals(MTD_DO_AS.descriptorString())
                    || descriptor.equals(MTD_DO_AS_EXCEPTION.descriptorString())) {
                return Plan.BRIDGE_DO_AS;
            }
        }
        final boolean subjectCalls = fixes.contains(Fix.SUBJECT_CALLS);
        final boolean pin = pinsClassVersion(className, method, fixes);
        if (!subjectCalls && !pin) {
            return Plan.KEEP;
        }
        boolean afterKey = false;
        for (CodeElement element : code) {
            if (subjectCalls && isGetSubject(element) || pin && afterKey && isGetProperty(element)) {
                return Plan.REWRITE_CODE;
            }
            if (element instanceof Instruction) {
                afterKey = isClassVersionKey(element);
            }
        }
        return Plan.KEEP;
    }

    private static boolean pinsClassVersion(final String className, final MethodModel method, final Set<Fix> fixes) {
        return fixes.contains(Fix.PROXY_UTILS_CLASS_VERSION) && PROXY_UTILS.equals(className)
            && method.methodName().equalsString(CLASS_INIT_NAME);
    }

    private static boolean isGetSubject(final CodeElement element) {
        return element instanceof InvokeInstruction invoke && invoke.opcode() == Opcode.INVOKESTATIC
            && invoke.owner().asInternalName().equals(SUBJECT) && invoke.name().equalsString(GET_SUBJECT)
            && invoke.type().equalsString(MTD_GET_SUBJECT.descriptorString());
    }

    private static boolean isGetProperty(final CodeElement element) {
        return element instanceof InvokeInstruction invoke && invoke.opcode() == Opcode.INVOKESTATIC
            && invoke.owner().asSymbol().equals(CD_SYSTEM) && invoke.name().equalsString("getProperty")
            && invoke.type().equalsString(MTD_GET_PROPERTY.descriptorString());
    }

    private static boolean isClassVersionKey(final CodeElement element) {
        return element instanceof ConstantInstruction.LoadConstantInstruction ldc
            && CLASS_VERSION_KEY.equals(ldc.constantValue());
    }

    static boolean contains(final byte[] haystack, final byte[] needle) {
        final byte first = needle[0];
        final int last = haystack.length - needle.length;
        for (int i = 0; i <= last; i++) {
            if (haystack[i] == first && Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Rewrites call sites in one method body. One instance per method: it remembers the previous instruction.
     */
    private static final class CallSiteRewrite implements CodeTransform {
        private final boolean subjectCalls;
        private final boolean pinClassVersion;
        private boolean afterClassVersionKey;

        CallSiteRewrite(final boolean subjectCalls, final boolean pinClassVersion) {
            this.subjectCalls = subjectCalls;
            this.pinClassVersion = pinClassVersion;
        }

        @Override
        public void accept(final CodeBuilder builder, final CodeElement element) {
            if (subjectCalls && isGetSubject(element)) {
                builder.invokestatic(CD_BRIDGE, GET_SUBJECT, MTD_GET_SUBJECT);
            } else if (pinClassVersion && afterClassVersionKey && isGetProperty(element)) {
                // the key is already on the stack: drop it and push the pinned value instead of the real one
                builder.pop().ldc(PINNED_CLASS_VERSION);
            } else {
                builder.with(element);
            }
            if (element instanceof Instruction) {
                afterClassVersionKey = isClassVersionKey(element);
            }
        }
    }
}

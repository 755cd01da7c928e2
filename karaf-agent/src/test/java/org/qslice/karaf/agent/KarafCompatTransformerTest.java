/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.karaf.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qslice.karaf.agent.bridge.SubjectBridge;
import org.qslice.karaf.agent.fixture.SubjectProbe;

class KarafCompatTransformerTest {
    private static final String JAAS_HELPER = "org/apache/karaf/util/jaas/JaasHelper";
    private static final String PROXY_UTILS = "org/apache/aries/proxy/impl/ProxyUtils";
    private static final ClassLoader TEST_LOADER = KarafCompatTransformerTest.class.getClassLoader();

    private final KarafCompatTransformer transformer = new KarafCompatTransformer(new Trace(null));

    @Test
    void rewritesForLoadersThatSeeTheBridge() {
        assertNotNull(transform(TEST_LOADER, JAAS_HELPER));
        assertNotNull(transform(TEST_LOADER, PROXY_UTILS));
        assertNotNull(transform(TEST_LOADER, internal(SubjectProbe.class)));
    }

    @Test
    void leavesBootAndPlatformClassesAlone() {
        assertNull(transform(null, JAAS_HELPER));
        assertNull(transform(ClassLoader.getPlatformClassLoader(), JAAS_HELPER));
    }

    @Test
    void bridgeFixesNeedTheBridgeVisible() {
        // a loader that delegates to the boot loader only, like a bundle without the boot delegation
        final ClassLoader blind = new ClassLoader("blind", null) {
        };
        assertNull(transform(blind, internal(SubjectProbe.class)));
        // the Aries fix does not call into the bridge
        assertNotNull(transform(blind, PROXY_UTILS));
    }

    @Test
    void leavesItsOwnClassesAlone() {
        assertNull(transform(TEST_LOADER, internal(SubjectBridge.class)));
    }

    @Test
    @SuppressWarnings("checkstyle:RegexpSinglelineJava") // captures the console to prove nothing is printed
    void brokenClassFilesAreLoadedUnchangedAndSilently() {
        final PrintStream out = System.out;
        final PrintStream err = System.err;
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            // magic number, then junk that mentions getSubject so the pre-filter lets it through to the parser
            final byte[] junk = "getSubject, not a class".getBytes(StandardCharsets.US_ASCII);
            final byte[] garbage = new byte[junk.length + 4];
            garbage[0] = (byte) 0xCA;
            garbage[1] = (byte) 0xFE;
            garbage[2] = (byte) 0xBA;
            garbage[3] = (byte) 0xBE;
            System.arraycopy(junk, 0, garbage, 4, junk.length);
            assertNull(transformer.transform(TEST_LOADER, JAAS_HELPER, null, null, garbage));
            assertNull(transformer.transform(TEST_LOADER, "x/Y", null, null, garbage));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertEquals("", printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void traceFileListsWhatWasRewrittenAndWhatFailed(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("trace.log");
        final KarafCompatTransformer traced = new KarafCompatTransformer(new Trace(file));
        assertNotNull(traced.transform(TEST_LOADER, JAAS_HELPER, null, null,
            IsolatedLoader.classFile(JAAS_HELPER.replace('/', '.'))));
        assertNull(traced.transform(TEST_LOADER, "x/Broken", null, null,
            "getSubject".getBytes(StandardCharsets.US_ASCII)));
        final List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("rewrote " + JAAS_HELPER + " ("), lines.get(0));
        assertTrue(lines.get(1).startsWith("left x/Broken unchanged: "), lines.get(1));
    }

    private byte[] transform(final ClassLoader loader, final String internalName) {
        return transformer.transform(loader, internalName, null, null,
            IsolatedLoader.classFile(internalName.replace('/', '.')));
    }

    private static String internal(final Class<?> type) {
        return type.getName().replace('.', '/');
    }
}

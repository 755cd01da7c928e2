/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.pki.LocalPki;
import org.qslice.kms.store.PoolSettings;

/**
 * Shared helpers of the engine tests.
 */
public final class TestSupport {
    private TestSupport() {
        // utility class
    }

    /**
     * A fast test configuration under a directory: free ports, short intervals.
     *
     * @param dir the directory
     * @return the configuration
     */
    public static EngineConfig config(final Path dir) {
        return config(dir, Duration.ofMillis(100));
    }

    /**
     * A fast test configuration whose vault commits every {@code persistInterval}.
     *
     * @param dir the directory
     * @param persistInterval how often the vault commits
     * @return the configuration
     */
    public static EngineConfig config(final Path dir, final Duration persistInterval) {
        final EngineConfig base = EngineConfig.defaults(dir);
        return base.withEtsi014(base.etsi014().withPort(0).withMaxKeyPerRequest(16).withThreads(1, 0))
            .withVault(base.vault().withPersistInterval(persistInterval))
            .withTiming(base.timing().withMirrorInterval(Duration.ofMillis(50)).withRefillBatch(16));
    }

    /**
     * Pool settings.
     *
     * @param master master SAE
     * @param slave slave SAE
     * @param size pool size
     * @return settings
     */
    public static PoolSettings settings(final String master, final String slave, final int size) {
        return new PoolSettings(master, slave, size, Math.min(4, size), 50, 1024, 16);
    }

    /**
     * Waits until a condition holds, polling every 20 ms.
     *
     * @param timeout at most this long
     * @param what what is awaited, for the failure message
     * @param condition the condition
     */
    public static void await(final Duration timeout, final String what, final BooleanSupplier condition) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /**
     * Waits until a pool is full.
     *
     * @param engine the engine
     * @param id the pool
     */
    public static void awaitFull(final KmsEngine engine, final PoolId id) {
        await(Duration.ofSeconds(30), "pool " + id + " full",
            () -> engine.pool(id).map(pool -> pool.missing() == 0).orElse(false));
    }

    /**
     * A TLS 1.3 client context that always presents {@code identity}, whatever CAs the server names in its
     * certificate request (the JDK would otherwise send no certificate), and trusts {@code anchors}.
     *
     * @param identity the client's key and chain
     * @param anchors the CA certificates the server's certificate chains to
     * @return the context
     * @throws GeneralSecurityException if the context cannot be built
     */
    public static SSLContext presenting(final LocalPki.Identity identity, final List<X509Certificate> anchors)
            throws GeneralSecurityException {
        final var keys = new X509ExtendedKeyManager() {
            @Override
            public String[] getClientAliases(final String keyType, final Principal[] issuers) {
                return new String[] {"sae"};
            }

            @Override
            public String chooseClientAlias(final String[] keyType, final Principal[] issuers, final Socket socket) {
                return "sae";
            }

            @Override
            public String[] getServerAliases(final String keyType, final Principal[] issuers) {
                return new String[0];
            }

            @Override
            public String chooseServerAlias(final String keyType, final Principal[] issuers, final Socket socket) {
                return null;
            }

            @Override
            public X509Certificate[] getCertificateChain(final String alias) {
                return identity.chain().toArray(new X509Certificate[0]);
            }

            @Override
            public PrivateKey getPrivateKey(final String alias) {
                return identity.key();
            }
        };
        final var trust = KeyStore.getInstance("PKCS12");
        try {
            trust.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int index = 0;
        for (X509Certificate ca : anchors) {
            trust.setCertificateEntry("ca" + index++, ca);
        }
        final var trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        final SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(new KeyManager[] {keys}, trustManagers.getTrustManagers(), null);
        return context;
    }

    /**
     * Whether bytes hold other bytes anywhere (key material in a file, a buffer, the datastore).
     *
     * @param haystack where to look
     * @param needle what to look for
     * @return true if found
     */
    public static boolean containsBytes(final byte[] haystack, final byte[] needle) {
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}

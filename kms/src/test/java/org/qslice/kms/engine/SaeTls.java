/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.eclipse.jdt.annotation.Nullable;
import org.qslice.kms.NoKeyInLogs;
import org.qslice.kms.pki.LocalPki;

/**
 * An SAE over raw TLS sockets (the JDK's client): it presents exactly the chain it is given, whatever CAs the
 * server names, and reads one status line with bounded waits; refusals are the server's TLS alert.
 */
public final class SaeTls {
    /** Status of the enc-a/enc-z pool, asked by its master. */
    public static final String STATUS = "/api/v1/keys/enc-z/status";
    /** One key of the enc-a/enc-z pool, asked by its master. */
    public static final String ENC_KEYS = "/api/v1/keys/enc-z/enc_keys";

    private SaeTls() {
        // utility class
    }

    /**
     * The status line of one request, or the TLS layer's failure.
     *
     * @param engine the engine
     * @param tls the client
     * @param path the request path
     * @return e.g. {@code HTTP/1.1 200 OK}
     * @throws IOException if the handshake or the request fails
     */
    public static String statusLine(final KmsEngine engine, final SSLContext tls, final String path)
            throws IOException {
        try (var socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
            socket.connect(engine.etsi014Server().address(), 5_000);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            final var line = new StringBuilder();
            for (int read = socket.getInputStream().read(); read >= 0 && read != '\r';
                    read = socket.getInputStream().read()) {
                line.append((char) read);
            }
            return line.toString();
        }
    }

    /**
     * Asserts that the server refuses the client at the handshake with {@code certificate_unknown} and logs why.
     *
     * @param engine the engine
     * @param identity what the client presents
     * @param logged a fragment of the server's log line giving the reason, or null
     */
    public static void assertRefused(final KmsEngine engine, final LocalPki.Identity identity,
            final @Nullable String logged) {
        final SSLException refused = assertThrows(SSLException.class,
            () -> statusLine(engine, presenting(engine, identity), STATUS));
        assertTrue(String.valueOf(refused.getMessage()).contains("Received fatal alert: certificate_unknown"),
            refused.toString());
        if (logged != null) {
            TestSupport.await(Duration.ofSeconds(5), "a log line with '" + logged + "'", () -> {
                try {
                    return Files.readString(NoKeyInLogs.LOG, StandardCharsets.ISO_8859_1).contains(logged);
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    /**
     * A client that always presents {@code identity}, trusting the KMS's server certificate.
     *
     * @param engine the engine (its CA issued the server certificate)
     * @param identity the chain and key presented
     * @return the client context
     * @throws GeneralSecurityException if it cannot be built
     */
    public static SSLContext presenting(final KmsEngine engine, final LocalPki.Identity identity)
            throws GeneralSecurityException {
        return TestSupport.presenting(identity, engine.pki().trustAnchors());
    }
}

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Hashtable;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;
import org.gaul.modernizer_maven_annotations.SuppressModernizer;
import org.qslice.kms.pki.LocalPki;

/**
 * A TLS 1.3 test client on Bouncy Castle's low-level TLS API, which (unlike any JSSE client) offers exactly the named
 * groups it is given in {@code supported_groups} while still accepting the server's ECDSA P-256 certificate: JSSE
 * providers tie the P-256 signature scheme to the {@code secp256r1} group. It presents an SAE certificate, checks the
 * server certificate against the KMS CA, and speaks just enough HTTP/1.1 for one request per connection.
 */
// Bouncy Castle's low-level TLS API takes and returns Vector and Hashtable
@SuppressModernizer
public final class TlsTestClient {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * An HTTP response.
     *
     * @param status status code
     * @param body body text
     */
    public record Response(int status, String body) {
    }

    private final LocalPki.Identity identity;
    private final List<X509Certificate> anchors;
    private final int[] groups;

    /**
     * A client.
     *
     * @param identity SAE certificate and key
     * @param anchors CA certificates the server certificate must be issued by
     * @param groups named groups offered, most preferred first
     */
    public TlsTestClient(final LocalPki.Identity identity, final List<X509Certificate> anchors, final int... groups) {
        this.identity = identity;
        this.anchors = List.copyOf(anchors);
        this.groups = groups.clone();
    }

    /**
     * Connects and completes a TLS 1.3 handshake.
     *
     * @param address the server
     * @return the open connection; close it
     * @throws IOException if the handshake fails ({@link org.bouncycastle.tls.TlsFatalAlertReceived} when the server
     *         sent an alert)
     */
    public Connection connect(final InetSocketAddress address) throws IOException {
        final var socket = new Socket();
        try {
            socket.connect(address, 5_000);
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            final var protocol = new TlsClientProtocol(socket.getInputStream(), socket.getOutputStream());
            protocol.connect(new Client(new JcaTlsCryptoProvider().setProvider(BC).create(RANDOM)));
            return new Connection(socket, protocol);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * An established TLS connection.
     */
    public static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final TlsClientProtocol protocol;

        Connection(final Socket socket, final TlsClientProtocol protocol) {
            this.socket = socket;
            this.protocol = protocol;
        }

        /**
         * Sends {@code GET path} with {@code Connection: close} and reads the whole response.
         *
         * @param path request path
         * @return the response
         * @throws IOException on a transport failure
         */
        public Response get(final String path) throws IOException {
            protocol.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: kms\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            protocol.getOutputStream().flush();
            final var out = new ByteArrayOutputStream();
            final InputStream in = protocol.getInputStream();
            final byte[] buffer = new byte[4096];
            try {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    out.write(buffer, 0, read);
                }
            } catch (IOException e) {
                // the server closing after its response without close_notify ends the body too
                if (out.size() == 0) {
                    throw e;
                }
            }
            final String text = out.toString(StandardCharsets.UTF_8);
            final int status = Integer.parseInt(text.substring(9, 12));
            final int bodyStart = text.indexOf("\r\n\r\n");
            return new Response(status, bodyStart < 0 ? "" : text.substring(bodyStart + 4));
        }

        @Override
        public void close() throws IOException {
            try {
                protocol.close();
            } finally {
                socket.close();
            }
        }
    }

    private final class Client extends DefaultTlsClient {
        Client(final JcaTlsCrypto crypto) {
            super(crypto);
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.TLSv13.only();
        }

        @Override
        @SuppressWarnings({ "rawtypes", "unchecked" })
        protected Vector getSupportedGroups(final Vector namedGroupRoles) {
            final var offered = new Vector();
            for (int group : groups) {
                offered.add(group);
            }
            return offered;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            final JcaTlsCrypto crypto = (JcaTlsCrypto) getCrypto();
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(final TlsServerCertificate serverCertificate)
                        throws IOException {
                    final Certificate chain = serverCertificate.getCertificate();
                    if (chain.isEmpty()) {
                        throw new TlsFatalAlert(AlertDescription.bad_certificate);
                    }
                    try {
                        final X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509")
                            .generateCertificate(new java.io.ByteArrayInputStream(
                                chain.getCertificateAt(0).getEncoded()));
                        leaf.checkValidity();
                        for (X509Certificate anchor : anchors) {
                            try {
                                leaf.verify(anchor.getPublicKey());
                                return;
                            } catch (GeneralSecurityException e) {
                                // try the next anchor
                            }
                        }
                    } catch (CertificateException e) {
                        throw new TlsFatalAlert(AlertDescription.bad_certificate, e);
                    }
                    throw new TlsFatalAlert(AlertDescription.bad_certificate);
                }

                @Override
                public TlsCredentials getClientCredentials(final CertificateRequest request) throws IOException {
                    final var entries = new CertificateEntry[identity.chain().size()];
                    for (int i = 0; i < entries.length; i++) {
                        final TlsCertificate cert;
                        try {
                            cert = crypto.createCertificate(identity.chain().get(i).getEncoded());
                        } catch (java.security.cert.CertificateEncodingException e) {
                            throw new IOException(e);
                        }
                        entries[i] = new CertificateEntry(cert, new Hashtable<>());
                    }
                    final var chain = new Certificate(request.getCertificateRequestContext(), entries);
                    return new JcaDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                        identity.key(), chain,
                        SignatureScheme.getSignatureAndHashAlgorithm(SignatureScheme.ecdsa_secp256r1_sha256));
                }
            };
        }
    }

    /**
     * The description of the alert a handshake failure carries, if the server sent one.
     *
     * @param failure what {@link #connect} threw
     * @return the alert description (e.g. {@link AlertDescription#handshake_failure}), or -1
     */
    public static short receivedAlert(final Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.bouncycastle.tls.TlsFatalAlertReceived received) {
                return received.getAlertDescription();
            }
        }
        return -1;
    }
}

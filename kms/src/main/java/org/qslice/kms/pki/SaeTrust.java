/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.pki;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which SAE client certificates the ETSI 014 server accepts: those that chain (PKIX) to the built-in CA and/or the
 * operator's CA certificates, and that no configured CRL revokes. The CRL file is read again when it changes
 * (checked at each handshake), and a CRL counts only if its issuer's key verifies it. Thread-safe.
 */
public final class SaeTrust {
    private static final Logger LOG = LoggerFactory.getLogger(SaeTrust.class);
    private final List<X509Certificate> anchors;
    private final X509ExtendedTrustManager pkix;
    private final @Nullable Path crlFile;
    private volatile CrlState crls = new CrlState(null, List.of());

    private record CrlState(@Nullable FileTime modified, List<X509CRL> crls) {
    }

    private SaeTrust(final List<X509Certificate> anchors, final X509ExtendedTrustManager pkix,
            final @Nullable Path crlFile) {
        this.anchors = List.copyOf(anchors);
        this.pkix = pkix;
        this.crlFile = crlFile;
    }

    /**
     * Builds the trust.
     *
     * @param builtIn the built-in CA's certificates (trusted if {@code trustBuiltIn})
     * @param trustBuiltIn whether certificates of the built-in CA are accepted
     * @param operatorCaFile PEM file of the operator's CA certificates, or null
     * @param crlFile CRL file (PEM or DER, one or more CRLs), or null
     * @return the trust
     * @throws IOException if a file cannot be read, holds no certificate or a malformed one, or the CRL is
     *     unreadable
     */
    public static SaeTrust load(final List<X509Certificate> builtIn, final boolean trustBuiltIn,
            final @Nullable Path operatorCaFile, final @Nullable Path crlFile) throws IOException {
        try {
            return build(builtIn, trustBuiltIn, operatorCaFile, crlFile);
        } catch (GeneralSecurityException e) {
            throw new IOException("the SAE trust (saeCaFile " + operatorCaFile + ", saeCrlFile " + crlFile
                + ") cannot be loaded: " + e.getMessage(), e);
        }
    }

    private static SaeTrust build(final List<X509Certificate> builtIn, final boolean trustBuiltIn,
            final @Nullable Path operatorCaFile, final @Nullable Path crlFile)
            throws IOException, GeneralSecurityException {
        final var anchors = new ArrayList<X509Certificate>();
        if (trustBuiltIn) {
            anchors.addAll(builtIn);
        }
        if (operatorCaFile != null) {
            final List<X509Certificate> operator = certificates(operatorCaFile);
            if (operator.isEmpty()) {
                throw new IOException("the SAE CA file " + operatorCaFile + " holds no certificate");
            }
            anchors.addAll(operator);
        }
        if (anchors.isEmpty()) {
            throw new IOException("no CA is trusted for SAE certificates: trust the built-in CA or set saeCaFile");
        }
        final KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, new char[0]);
        int index = 0;
        for (X509Certificate anchor : anchors) {
            store.setCertificateEntry("ca" + index++, anchor);
        }
        final TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                final var trust = new SaeTrust(anchors, extended, crlFile);
                trust.currentCrls();
                return trust;
            }
        }
        throw new GeneralSecurityException("no PKIX trust manager");
    }

    /**
     * Returns the CA certificates client certificates may chain to (the server names them in its request).
     *
     * @return the anchors
     */
    public List<X509Certificate> anchors() {
        return anchors;
    }

    /**
     * Returns the trust manager for the server's TLS context.
     *
     * @return the trust manager
     */
    public X509TrustManager trustManager() {
        return new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(final X509Certificate[] chain, final String authType,
                    final Socket socket) throws CertificateException {
                pkix.checkClientTrusted(chain, authType, socket);
                checkNotRevoked(chain);
            }

            @Override
            public void checkClientTrusted(final X509Certificate[] chain, final String authType,
                    final SSLEngine engine) throws CertificateException {
                pkix.checkClientTrusted(chain, authType, engine);
                checkNotRevoked(chain);
            }

            @Override
            public void checkClientTrusted(final X509Certificate[] chain, final String authType)
                    throws CertificateException {
                pkix.checkClientTrusted(chain, authType);
                checkNotRevoked(chain);
            }

            @Override
            public void checkServerTrusted(final X509Certificate[] chain, final String authType,
                    final Socket socket) throws CertificateException {
                throw new CertificateException("the ETSI 014 server does not check servers");
            }

            @Override
            public void checkServerTrusted(final X509Certificate[] chain, final String authType,
                    final SSLEngine engine) throws CertificateException {
                throw new CertificateException("the ETSI 014 server does not check servers");
            }

            @Override
            public void checkServerTrusted(final X509Certificate[] chain, final String authType)
                    throws CertificateException {
                throw new CertificateException("the ETSI 014 server does not check servers");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return anchors.toArray(new X509Certificate[0]);
            }
        };
    }

    /**
     * Fails if a configured CRL, verified by its issuer, revokes a certificate of the chain.
     *
     * @param chain the client's chain, leaf first
     * @throws CertificateException if one is revoked, or the CRL file cannot be read
     */
    void checkNotRevoked(final X509Certificate[] chain) throws CertificateException {
        final List<X509CRL> current = currentCrls();
        for (X509Certificate certificate : chain) {
            for (X509CRL crl : current) {
                if (crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal())
                    && crl.isRevoked(certificate)) {
                    throw new CertificateException("certificate " + certificate.getSerialNumber().toString(16)
                        + " of " + certificate.getSubjectX500Principal().getName() + " is revoked");
                }
            }
        }
    }

    private List<X509CRL> currentCrls() throws CertificateException {
        final Path file = crlFile;
        if (file == null) {
            return List.of();
        }
        try {
            final FileTime modified = Files.getLastModifiedTime(file);
            final CrlState state = crls;
            if (modified.equals(state.modified())) {
                return state.crls();
            }
            final var verified = new ArrayList<X509CRL>();
            try (InputStream in = Files.newInputStream(file)) {
                for (CRL crl : CertificateFactory.getInstance("X.509").generateCRLs(in)) {
                    if (crl instanceof X509CRL x509) {
                        if (signedByAnAnchor(x509)) {
                            verified.add(x509);
                        } else {
                            LOG.warn("SAE CRL {}: a CRL of {} is not signed by a trusted CA and is ignored", file,
                                x509.getIssuerX500Principal().getName());
                        }
                    }
                }
            }
            crls = new CrlState(modified, List.copyOf(verified));
            return verified;
        } catch (IOException | GeneralSecurityException e) {
            // a CRL that cannot be read must not let a revoked certificate through
            throw new CertificateException("the SAE CRL " + file + " cannot be read", e);
        }
    }

    private boolean signedByAnAnchor(final X509CRL crl) {
        for (X509Certificate anchor : anchors) {
            if (anchor.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
                try {
                    crl.verify(anchor.getPublicKey());
                    return true;
                } catch (GeneralSecurityException e) {
                    // not this anchor's
                }
            }
        }
        return false;
    }

    private static List<X509Certificate> certificates(final Path file) throws IOException, GeneralSecurityException {
        final var result = new ArrayList<X509Certificate>();
        try (InputStream in = Files.newInputStream(requireNonNull(file))) {
            CertificateFactory.getInstance("X.509").generateCertificates(in).forEach(certificate -> {
                if (certificate instanceof X509Certificate x509) {
                    result.add(x509);
                }
            });
        }
        return result;
    }
}

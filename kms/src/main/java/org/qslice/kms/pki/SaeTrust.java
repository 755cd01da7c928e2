/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.pki;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.CRL;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.eclipse.jdt.annotation.Nullable;
import org.qslice.kms.etsi.SaeIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which SAE client certificates the ETSI 014 server accepts at the handshake: those that chain (PKIX) to the
 * built-in CA and/or the operator's CA certificates, that no configured CRL revokes, and that name an SAE under the
 * identity rule (common name or SAN URI). The CRL file is read again when its modification time or size changes
 * (checked at each handshake); a CRL counts only if its issuer's key verifies it, the issuer being a trusted CA or a
 * CA certificate of the validated chain (an intermediate CA's CRL). Refusals of certificates a trusted CA issued
 * (revoked, no SAE named) are logged as warnings with the reason; chains that do not verify only at debug, since
 * anyone can send one. Thread-safe.
 */
public final class SaeTrust {
    private static final Logger LOG = LoggerFactory.getLogger(SaeTrust.class);
    private static final int MAX_CA_FILE_BYTES = 1 << 20;

    private final List<X509Certificate> anchors;
    private final X509ExtendedTrustManager pkix;
    private final SaeIdentity identity;
    private final @Nullable Path crlFile;
    private volatile CrlState crls = CrlState.NONE;

    /*
     * The CRLs of one version of the file (or why it could not be read), with the issuer keys each has been verified
     * against so far.
     */
    private record CrlState(@Nullable FileTime modified, long size, List<X509CRL> crls,
            @Nullable String failure, ConcurrentHashMap<Verified, Boolean> verified) {
        static final CrlState NONE = new CrlState(null, -1, List.of(), null, new ConcurrentHashMap<>());

        boolean sameFile(final BasicFileAttributes attributes) {
            return attributes.lastModifiedTime().equals(modified) && attributes.size() == size;
        }
    }

    private record Verified(int crl, PublicKey issuerKey) {
    }

    private SaeTrust(final List<X509Certificate> anchors, final X509ExtendedTrustManager pkix,
            final SaeIdentity identity, final @Nullable Path crlFile) {
        this.anchors = List.copyOf(anchors);
        this.pkix = pkix;
        this.identity = identity;
        this.crlFile = crlFile;
    }

    /**
     * Builds the trust.
     *
     * @param builtIn the built-in CA's certificates (trusted if {@code trustBuiltIn})
     * @param trustBuiltIn whether certificates of the built-in CA are accepted
     * @param operatorCaFile PEM (or DER) file of the operator's CA certificates, or null
     * @param crlFile CRL file (PEM or DER, one or more CRLs), or null
     * @param identity how a certificate names its SAE; one that names none is refused at the handshake
     * @return the trust
     * @throws IOException if a file cannot be read, holds no certificate or a malformed one, or the CRL is
     *     unreadable
     */
    public static SaeTrust load(final List<X509Certificate> builtIn, final boolean trustBuiltIn,
            final @Nullable Path operatorCaFile, final @Nullable Path crlFile, final SaeIdentity identity)
            throws IOException {
        requireNonNull(identity);
        try {
            return build(builtIn, trustBuiltIn, operatorCaFile, crlFile, identity);
        } catch (GeneralSecurityException e) {
            throw new IOException("the SAE trust (saeCaFile " + operatorCaFile + ", saeCrlFile " + crlFile
                + ") cannot be loaded: " + e.getMessage(), e);
        }
    }

    private static SaeTrust build(final List<X509Certificate> builtIn, final boolean trustBuiltIn,
            final @Nullable Path operatorCaFile, final @Nullable Path crlFile, final SaeIdentity identity)
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
                final var trust = new SaeTrust(anchors, extended, identity, crlFile);
                final CrlState first = trust.currentCrls();
                if (first.failure() != null) {
                    throw new IOException(first.failure());
                }
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
                try {
                    pkix.checkClientTrusted(chain, authType, socket);
                } catch (CertificateException e) {
                    throw untrusted(chain, e);
                }
                checkSae(chain);
            }

            @Override
            public void checkClientTrusted(final X509Certificate[] chain, final String authType,
                    final SSLEngine engine) throws CertificateException {
                try {
                    pkix.checkClientTrusted(chain, authType, engine);
                } catch (CertificateException e) {
                    throw untrusted(chain, e);
                }
                checkSae(chain);
            }

            @Override
            public void checkClientTrusted(final X509Certificate[] chain, final String authType)
                    throws CertificateException {
                try {
                    pkix.checkClientTrusted(chain, authType);
                } catch (CertificateException e) {
                    throw untrusted(chain, e);
                }
                checkSae(chain);
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

    private static CertificateException untrusted(final X509Certificate[] chain, final CertificateException cause) {
        // anyone can present a chain: no warning per attempt
        LOG.debug("refused SAE certificate {}: {}", describe(chain), cause.getMessage());
        return cause;
    }

    /**
     * The checks after PKIX: the chain is not revoked and its leaf names an SAE.
     */
    private void checkSae(final X509Certificate[] chain) throws CertificateException {
        try {
            checkNotRevoked(chain);
            identity.saeId(chain[0]);
        } catch (CertificateException | IllegalArgumentException e) {
            LOG.warn("refused SAE certificate {}: {}", describe(chain), e.getMessage());
            throw e instanceof CertificateException certificate ? certificate
                : new CertificateException(e.getMessage(), e);
        }
    }

    private static String describe(final X509Certificate[] chain) {
        return chain.length == 0 ? "(none)" : "'" + chain[0].getSubjectX500Principal().getName() + "' serial "
            + chain[0].getSerialNumber().toString(16) + " issuer '" + chain[0].getIssuerX500Principal().getName()
            + "'";
    }

    /**
     * Fails if a configured CRL, verified by its issuer's key, revokes a certificate of the chain.
     *
     * @param chain the client's chain as PKIX validated it, leaf first
     * @throws CertificateException if one is revoked, or the CRL file cannot be read
     */
    private void checkNotRevoked(final X509Certificate[] chain) throws CertificateException {
        final CrlState state = currentCrls();
        if (state.failure() != null) {
            // a CRL that cannot be read must not let a revoked certificate through
            throw new CertificateException(state.failure());
        }
        for (int i = 0; i < chain.length; i++) {
            final X509Certificate certificate = chain[i];
            for (int index = 0; index < state.crls().size(); index++) {
                final X509CRL crl = state.crls().get(index);
                if (crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal())
                    && crl.isRevoked(certificate) && verifiedFor(state, index, chain, i)) {
                    throw new CertificateException("certificate serial " + certificate.getSerialNumber().toString(16)
                        + " of '" + certificate.getSubjectX500Principal().getName() + "' is revoked by the CRL of '"
                        + crl.getIssuerX500Principal().getName() + "'");
                }
            }
        }
    }

    /**
     * Whether CRL {@code crlIndex} is signed by the issuer of {@code chain[index]}: the next certificate of the
     * (validated) chain, or a trusted CA of that name.
     */
    private boolean verifiedFor(final CrlState state, final int crlIndex, final X509Certificate[] chain,
            final int index) {
        final X509CRL crl = state.crls().get(crlIndex);
        final var keys = new ArrayList<PublicKey>();
        if (index + 1 < chain.length
            && chain[index + 1].getSubjectX500Principal().equals(chain[index].getIssuerX500Principal())) {
            keys.add(chain[index + 1].getPublicKey());
        }
        for (X509Certificate anchor : anchors) {
            if (anchor.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
                keys.add(anchor.getPublicKey());
            }
        }
        for (PublicKey key : keys) {
            final boolean valid = state.verified().computeIfAbsent(new Verified(crlIndex, key), unused -> {
                try {
                    crl.verify(key);
                    return true;
                } catch (GeneralSecurityException e) {
                    return false;
                }
            });
            if (valid) {
                return true;
            }
        }
        LOG.warn("SAE CRL {}: the CRL of '{}' is not signed by that CA and is ignored", crlFile,
            crl.getIssuerX500Principal().getName());
        return false;
    }

    private CrlState currentCrls() {
        final Path file = crlFile;
        if (file == null) {
            return CrlState.NONE;
        }
        final CrlState state = crls;
        final BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            if (state.failure() == null || state.modified() != null) {
                LOG.warn("SAE CRL {} cannot be read: every SAE handshake is refused until it can", file, e);
            }
            final var missing = new CrlState(null, -1, List.of(), "the SAE CRL " + file + " cannot be read",
                new ConcurrentHashMap<>());
            crls = missing;
            return missing;
        }
        if (state.sameFile(attributes)) {
            return state;
        }
        CrlState next;
        try {
            final byte[] bytes = Files.readAllBytes(file);
            final var parsed = new ArrayList<X509CRL>();
            try (InputStream in = new ByteArrayInputStream(bytes)) {
                for (CRL crl : CertificateFactory.getInstance("X.509").generateCRLs(in)) {
                    if (crl instanceof X509CRL x509) {
                        parsed.add(x509);
                    }
                }
            }
            final Date now = Date.from(Instant.now());
            for (X509CRL crl : parsed) {
                if (crl.getNextUpdate() != null && crl.getNextUpdate().before(now)) {
                    LOG.warn("SAE CRL {}: the CRL of '{}' was due for an update at {}; it is still honoured", file,
                        crl.getIssuerX500Principal().getName(), crl.getNextUpdate().toInstant());
                }
            }
            next = new CrlState(attributes.lastModifiedTime(), attributes.size(), List.copyOf(parsed), null,
                new ConcurrentHashMap<>());
            LOG.debug("SAE CRL {} loaded: {} CRLs", file, parsed.size());
        } catch (IOException | GeneralSecurityException e) {
            LOG.warn("SAE CRL {} cannot be parsed: every SAE handshake is refused until it is fixed", file, e);
            next = new CrlState(attributes.lastModifiedTime(), attributes.size(), List.of(), "the SAE CRL " + file
                + " cannot be parsed: " + e.getMessage(), new ConcurrentHashMap<>());
        }
        crls = next;
        return next;
    }

    private static List<X509Certificate> certificates(final Path file) throws IOException, GeneralSecurityException {
        if (Files.size(file) > MAX_CA_FILE_BYTES) {
            throw new IOException("the SAE CA file " + file + " is larger than " + MAX_CA_FILE_BYTES + " bytes");
        }
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

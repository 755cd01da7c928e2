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
import java.io.StringReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.eclipse.jdt.annotation.Nullable;
import org.qslice.kms.etsi.SaeIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues SAE client certificates from certificate signing requests (PEM PKCS#10), so that an SAE generates and keeps
 * its own private key: the KMS's CA signs a certificate that names the SAE in its common name and in the SAN URI
 * {@code <saeUriPrefix><sae-id>}. A request is refused, naming the field, when it is not one PEM PKCS#10 request, its
 * signature does not verify or uses a weak hash, it names another SAE (common name or requested SAN URI), or its key
 * is weak. Other requested extensions are not copied: the CA decides the profile. Plain Java, thread-safe; CPU work
 * only (no I/O, no lock), a few milliseconds per request.
 */
public final class SaeEnrolment {
    /** The longest CSR accepted, in characters. */
    public static final int MAX_CSR_CHARS = 16_384;
    private static final Logger LOG = LoggerFactory.getLogger(SaeEnrolment.class);
    // verifies every accepted signature algorithm (the JDK's providers lack some RSASSA-PSS names), not installed
    private static final Provider BC = new BouncyCastleProvider();
    private static final int MIN_RSA_BITS = 2048;
    private static final int MAX_RSA_BITS = 16_384;
    private static final int MAX_SHOWN = 64;
    private static final Map<ASN1ObjectIdentifier, String> CURVES = Map.of(
        SECObjectIdentifiers.secp256r1, "P-256", SECObjectIdentifiers.secp384r1, "P-384",
        SECObjectIdentifiers.secp521r1, "P-521");
    private static final Set<ASN1ObjectIdentifier> SIGNATURES = Set.of(
        X9ObjectIdentifiers.ecdsa_with_SHA256, X9ObjectIdentifiers.ecdsa_with_SHA384,
        X9ObjectIdentifiers.ecdsa_with_SHA512, PKCSObjectIdentifiers.sha256WithRSAEncryption,
        PKCSObjectIdentifiers.sha384WithRSAEncryption, PKCSObjectIdentifiers.sha512WithRSAEncryption,
        PKCSObjectIdentifiers.id_RSASSA_PSS, EdECObjectIdentifiers.id_Ed25519, EdECObjectIdentifiers.id_Ed448);
    private static final Set<ASN1ObjectIdentifier> PSS_HASHES = Set.of(NISTObjectIdentifiers.id_sha256,
        NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512);
    private static final String ACCEPTED_KEYS = "EC P-256, P-384, P-521, RSA of 2048 bits or more, Ed25519, Ed448";

    /**
     * An issued certificate.
     *
     * @param certificate the SAE's certificate
     * @param caChain the issuing CA's chain, issuer first
     */
    public record Issued(X509Certificate certificate, List<X509Certificate> caChain) {
        /**
         * Copies the chain.
         *
         * @param certificate certificate
         * @param caChain CA chain
         */
        public Issued {
            requireNonNull(certificate);
            caChain = List.copyOf(caChain);
        }

        /**
         * Returns the certificate in PEM.
         *
         * @return PEM
         */
        public String certificatePem() {
            return LocalPki.pem(List.of(certificate));
        }

        /**
         * Returns the CA chain in PEM.
         *
         * @return PEM, issuer first
         */
        public String caChainPem() {
            return LocalPki.pem(caChain);
        }

        /**
         * Returns the serial number in hexadecimal (lower case), as CRL tools show it.
         *
         * @return the serial number
         */
        public String serialHex() {
            return certificate.getSerialNumber().toString(16);
        }

        /**
         * Returns the end of the validity.
         *
         * @return not-after
         */
        public Instant notAfter() {
            return certificate.getNotAfter().toInstant();
        }
    }

    private final LocalPki pki;
    private final boolean caTrusted;
    private final SaeIdentity identity;

    /**
     * Enrolment through a PKI's CA.
     *
     * @param pki the PKI whose CA signs (it must hold ca.key)
     * @param caTrusted whether the ETSI 014 server accepts that CA's certificates ({@code saeTrustBuiltInCa})
     * @param identity how the server names SAEs: its URI prefix names the SAE in the SAN URI
     */
    public SaeEnrolment(final LocalPki pki, final boolean caTrusted, final SaeIdentity identity) {
        this.pki = requireNonNull(pki);
        this.caTrusted = caTrusted;
        this.identity = requireNonNull(identity);
    }

    /**
     * Checks a certificate signing request and issues the SAE's certificate.
     *
     * @param saeId the SAE the certificate names
     * @param csrPem the request, PEM PKCS#10
     * @param validity how long the certificate is valid (1 day to 825 days), or null for 825 days
     * @return the certificate and the CA chain
     * @throws EnrolmentException if refused: {@code INVALID_VALUE} naming the field, {@code NOT_SUPPORTED} when this
     *     KMS does not issue SAE certificates, {@code FAILED} when signing fails
     */
    public Issued enroll(final String saeId, final String csrPem, final @Nullable Duration validity)
            throws EnrolmentException {
        if (!pki.issues()) {
            throw EnrolmentException.notSupported("this KMS does not issue SAE certificates: its PKI directory "
                + pki.directory() + " has no ca.key (the operator's CA issues them)");
        }
        if (!caTrusted) {
            throw EnrolmentException.notSupported("this KMS does not issue SAE certificates: saeTrustBuiltInCa is"
                + " false, so the ETSI 014 server would refuse them (the operator's CA issues them)");
        }
        if (!SaeIdentity.isSaeId(saeId)) {
            throw EnrolmentException.invalid("sae-id", "sae-id '" + shown(saeId)
                + "' must be 1-128 characters of A-Z a-z 0-9 . _ : -");
        }
        final Duration lifetime = validity == null ? LocalPki.MAX_LEAF_VALIDITY : validity;
        if (lifetime.compareTo(Duration.ofDays(1)) < 0 || lifetime.compareTo(LocalPki.MAX_LEAF_VALIDITY) > 0) {
            throw EnrolmentException.invalid("validity-days", "validity-days " + lifetime.toDays()
                + " must be 1.." + LocalPki.MAX_LEAF_VALIDITY.toDays());
        }
        final String uri = sanUri(saeId);
        final PKCS10CertificationRequest request = parse(csrPem);
        checkKey(request.getSubjectPublicKeyInfo());
        checkSignature(request);
        checkNames(request, saeId, uri);
        final PublicKey key;
        try {
            key = new JcaPKCS10CertificationRequest(request).getPublicKey();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw EnrolmentException.invalid("csr", "csr: its public key cannot be read (" + e.getMessage() + ")",
                e);
        }
        final List<X509Certificate> chain;
        try {
            chain = pki.issueSaeCertificate(key, saeId, uri, lifetime);
        } catch (IOException e) {
            throw EnrolmentException.failed("cannot sign the certificate of SAE " + saeId + ": " + e.getMessage(),
                e);
        }
        final var issued = new Issued(chain.get(0), chain.subList(1, chain.size()));
        LOG.info("SAE {} enrolled from a CSR: certificate serial {} ({} key) valid until {}", saeId,
            issued.serialHex(), key.getAlgorithm(), issued.notAfter());
        return issued;
    }

    /**
     * The SAN URI naming the SAE, or null when the prefix and the id make no absolute URI (then only the common name
     * names it, which the {@code san-uri} rule would not accept).
     */
    private @Nullable String sanUri(final String saeId) throws EnrolmentException {
        final String uri = identity.sanUri(saeId);
        boolean absolute;
        try {
            absolute = new URI(uri).isAbsolute();
        } catch (URISyntaxException e) {
            absolute = false;
        }
        if (absolute) {
            return uri;
        }
        if (identity.fromSanUri()) {
            throw EnrolmentException.notSupported("saeUriPrefix '" + identity.uriPrefix() + "' and sae-id '" + saeId
                + "' make no absolute URI to name the SAE in its certificate");
        }
        return null;
    }

    private static PKCS10CertificationRequest parse(final String csrPem) throws EnrolmentException {
        if (csrPem.length() > MAX_CSR_CHARS) {
            throw EnrolmentException.invalid("csr", "csr is longer than " + MAX_CSR_CHARS + " characters");
        }
        try (var parser = new PEMParser(new StringReader(csrPem))) {
            final Object first = parser.readObject();
            if (first == null) {
                throw EnrolmentException.invalid("csr", "csr holds no PEM block"
                    + " '-----BEGIN CERTIFICATE REQUEST-----'");
            }
            if (!(first instanceof PKCS10CertificationRequest request)) {
                throw EnrolmentException.invalid("csr", "csr holds a " + first.getClass().getSimpleName()
                    + ", not a PKCS#10 certificate request");
            }
            if (parser.readObject() != null) {
                throw EnrolmentException.invalid("csr", "csr holds more than one PEM block");
            }
            return request;
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw EnrolmentException.invalid("csr", "csr is not a well-formed PEM PKCS#10 certificate request ("
                + shown(String.valueOf(e.getMessage())) + ")", e);
        }
    }

    private static void checkKey(final SubjectPublicKeyInfo info) throws EnrolmentException {
        final AlgorithmIdentifier algorithm = info.getAlgorithm();
        final ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
            final ASN1Encodable parameters = algorithm.getParameters();
            if (!(parameters instanceof ASN1ObjectIdentifier curve) || !CURVES.containsKey(curve)) {
                throw EnrolmentException.invalid("csr", "csr: its EC key is on curve " + (parameters
                    instanceof ASN1ObjectIdentifier curve ? curve.getId() : "(explicit parameters)")
                    + ", which is not accepted (" + ACCEPTED_KEYS + ")");
            }
        } else if (PKCSObjectIdentifiers.rsaEncryption.equals(oid)) {
            final RSAPublicKey rsa;
            try {
                rsa = RSAPublicKey.getInstance(info.parsePublicKey());
            } catch (IOException | IllegalArgumentException e) {
                throw EnrolmentException.invalid("csr", "csr: its RSA key is malformed", e);
            }
            final int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
                throw EnrolmentException.invalid("csr", "csr: its RSA key has " + bits + " bits, which is not"
                    + " accepted (" + ACCEPTED_KEYS + ", at most " + MAX_RSA_BITS + ")");
            }
            final BigInteger exponent = rsa.getPublicExponent();
            if (!exponent.testBit(0) || exponent.compareTo(BigInteger.valueOf(3)) < 0) {
                throw EnrolmentException.invalid("csr", "csr: its RSA key has the weak public exponent " + exponent);
            }
        } else if (!EdECObjectIdentifiers.id_Ed25519.equals(oid) && !EdECObjectIdentifiers.id_Ed448.equals(oid)) {
            throw EnrolmentException.invalid("csr", "csr: its key algorithm " + oid.getId() + " is not accepted ("
                + ACCEPTED_KEYS + ")");
        }
    }

    private static void checkSignature(final PKCS10CertificationRequest request) throws EnrolmentException {
        final AlgorithmIdentifier algorithm = request.getSignatureAlgorithm();
        final ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        if (!SIGNATURES.contains(oid) || PKCSObjectIdentifiers.id_RSASSA_PSS.equals(oid) && !strongPss(algorithm)) {
            throw EnrolmentException.invalid("csr", "csr: its signature algorithm " + oid.getId() + " is not"
                + " accepted (ECDSA or RSA with SHA-256/384/512, RSASSA-PSS with SHA-256/384/512, Ed25519, Ed448)");
        }
        final boolean valid;
        try {
            valid = request.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BC)
                .build(request.getSubjectPublicKeyInfo()));
        } catch (OperatorCreationException | PKCSException | IllegalArgumentException e) {
            throw EnrolmentException.invalid("csr", "csr: its signature cannot be verified ("
                + shown(String.valueOf(e.getMessage())) + ")", e);
        }
        if (!valid) {
            throw EnrolmentException.invalid("csr", "csr: its signature does not verify with its public key (the"
                + " request was altered, or not signed by the key it holds)");
        }
    }

    private static boolean strongPss(final AlgorithmIdentifier algorithm) {
        try {
            return algorithm.getParameters() != null
                && PSS_HASHES.contains(RSASSAPSSparams.getInstance(algorithm.getParameters()).getHashAlgorithm()
                    .getAlgorithm());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The request must not name another SAE: its common name, if any, is the SAE id, and a SAN URI it requests is
     * the one that names the SAE.
     */
    private void checkNames(final PKCS10CertificationRequest request, final String saeId, final @Nullable String uri)
            throws EnrolmentException {
        final RDN[] commonNames = request.getSubject().getRDNs(BCStyle.CN);
        if (commonNames.length > 1) {
            throw EnrolmentException.invalid("csr", "csr: its subject has more than one common name");
        }
        if (commonNames.length == 1) {
            final String commonName = IETFUtils.valueToString(commonNames[0].getFirst().getValue());
            if (!commonName.equals(saeId)) {
                throw EnrolmentException.invalid("sae-id", "sae-id '" + saeId + "' differs from the common name '"
                    + shown(commonName) + "' of the csr");
            }
        }
        final Extensions requested;
        try {
            requested = request.getRequestedExtensions();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw EnrolmentException.invalid("csr", "csr: its requested extensions are malformed", e);
        }
        if (requested == null) {
            return;
        }
        final GeneralNames names;
        try {
            names = GeneralNames.fromExtensions(requested, Extension.subjectAlternativeName);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw EnrolmentException.invalid("csr", "csr: its requested subject alternative names are malformed",
                e);
        }
        if (names == null) {
            return;
        }
        for (GeneralName name : names.getNames()) {
            if (name.getTagNo() == GeneralName.uniformResourceIdentifier) {
                final String requestedUri = ASN1IA5String.getInstance(name.getName()).getString();
                if (!requestedUri.equals(uri)) {
                    throw EnrolmentException.invalid("sae-id", "sae-id '" + saeId + "' is named by the SAN URI '"
                        + uri + "', but the csr requests '" + shown(requestedUri) + "'");
                }
            }
        }
    }

    /**
     * A value from the request, shortened and with control characters replaced, for a message.
     */
    private static String shown(final String value) {
        final String cut = value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) + "..." : value;
        return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qslice.kms.etsi.SaeIdentity;

/**
 * CSR enrolment: the certificate chains to the KMS's CA, names the SAE (CN and SAN URI), certifies the SAE's own key;
 * every bad request is refused with the field and the reason.
 */
class SaeEnrolmentTest {
    private static final SaeIdentity SAN_URI = SaeIdentity.of("san-uri", SaeIdentity.DEFAULT_URI_PREFIX);

    @TempDir
    Path dir;
    private LocalPki pki;
    private SaeEnrolment enrolment;

    @BeforeEach
    void open() throws Exception {
        pki = LocalPki.open(dir, List.of("localhost"), new SecureRandom());
        enrolment = new SaeEnrolment(pki, true, SaeIdentity.COMMON_NAME);
    }

    @Test
    void theCertificateChainsToTheCaNamesTheSaeAndCertifiesItsOwnKey() throws Exception {
        final KeyPair pair = TestCsr.keyPair("EC");
        final SaeEnrolment.Issued issued = enrolment.enroll("enc-a", TestCsr.csr(pair, "CN=enc-a,O=somewhere",
            null, "SHA256withECDSA"), null);
        final X509Certificate certificate = issued.certificate();
        assertEquals(pair.getPublic(), certificate.getPublicKey());
        assertEquals(pki.trustAnchors().subList(0, 1), issued.caChain());
        // PKIX from the KMS's CA, as the ETSI 014 server validates it
        final var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate));
        final var parameters = new PKIXParameters(Set.of(new TrustAnchor(pki.trustAnchors().get(0), null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(path, parameters);
        assertEquals("enc-a", SaeIdentity.COMMON_NAME.saeId(certificate));
        assertEquals("enc-a", SAN_URI.saeId(certificate));
        assertEquals("CN=enc-a,O=qslice", certificate.getSubjectX500Principal().getName());
        assertEquals(List.of(KeyPurposeId.id_kp_clientAuth.getId()), certificate.getExtendedKeyUsage());
        assertEquals(-1, certificate.getBasicConstraints());
        assertTrue(certificate.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(824))));
        assertEquals(certificate.getSerialNumber().toString(16), issued.serialHex());
        // the PEM forms read back to the same certificates
        assertEquals(List.of(certificate), TestCsr.certificates(issued.certificatePem()));
        assertEquals(issued.caChain(), TestCsr.certificates(issued.caChainPem()));
    }

    @Test
    void otherStrongKeysAnEmptySubjectAndAShorterValidityAreAccepted() throws Exception {
        for (String algorithm : List.of("RSA-2048", "EC-384", "Ed25519")) {
            final KeyPair pair = TestCsr.keyPair(algorithm);
            final String signature = switch (algorithm) {
                case "RSA-2048" -> "SHA256withRSA";
                case "EC-384" -> "SHA384withECDSA";
                default -> "Ed25519";
            };
            final var issued = enrolment.enroll("enc-b", TestCsr.csr(pair, "", "urn:qslice:sae:enc-b", signature),
                Duration.ofDays(30));
            assertEquals(pair.getPublic(), issued.certificate().getPublicKey(), algorithm);
            assertTrue(issued.notAfter().isBefore(Instant.now().plus(Duration.ofDays(31))), algorithm);
        }
        final KeyPair pss = TestCsr.keyPair("RSA-2048");
        assertEquals(pss.getPublic(), enrolment.enroll("enc-b", TestCsr.csr(pss, "CN=enc-b", null,
            "SHA256withRSAandMGF1"), null).certificate().getPublicKey());
    }

    @Test
    void garbageIsRefusedNamingTheCsr() throws Exception {
        assertRefused("csr", "holds no PEM block", "enc-a", "hello, I am not a request");
        assertRefused("csr", "not a well-formed PEM PKCS#10", "enc-a",
            "-----BEGIN CERTIFICATE REQUEST-----\nAAAAAAAAAAAAAAAAAAAAAAAA\n-----END CERTIFICATE REQUEST-----\n");
        assertRefused("csr", "not a PKCS#10 certificate request", "enc-a", TestCsr.pem(pki.trustAnchors().get(0)));
        final String csr = TestCsr.csr(TestCsr.keyPair("EC"), "CN=enc-a", null, "SHA256withECDSA");
        assertRefused("csr", "more than one PEM block", "enc-a", csr + csr);
        assertRefused("csr", "longer than 16384", "enc-a", csr + " ".repeat(SaeEnrolment.MAX_CSR_CHARS));
    }

    @Test
    void aRequestWhoseSignatureDoesNotVerifyIsRefused() throws Exception {
        final KeyPair pair = TestCsr.keyPair("EC");
        final PKCS10CertificationRequest signed = TestCsr.request(pair, "CN=enc-a", null, "SHA256withECDSA");
        final PKCS10CertificationRequest other = TestCsr.request(pair, "CN=enc-b", null, "SHA256withECDSA");
        // enc-a's request with the signature of enc-b's: well-formed, but the signature is not over this content
        final var forged = new PKCS10CertificationRequest(new CertificationRequest(
            signed.toASN1Structure().getCertificationRequestInfo(), signed.getSignatureAlgorithm(),
            new DERBitString(other.getSignature())));
        assertRefused("csr", "signature does not verify", "enc-a", TestCsr.pem(forged));
        // another key's signature over the same content
        final PKCS10CertificationRequest byAnother = TestCsr.request(TestCsr.keyPair("EC"), "CN=enc-a", null,
            "SHA256withECDSA");
        final var swapped = new PKCS10CertificationRequest(new CertificationRequest(
            signed.toASN1Structure().getCertificationRequestInfo(), signed.getSignatureAlgorithm(),
            new DERBitString(byAnother.getSignature())));
        assertRefused("csr", "signature does not verify", "enc-a", TestCsr.pem(swapped));
    }

    @Test
    void aRequestNamingAnotherSaeIsRefused() throws Exception {
        final KeyPair pair = TestCsr.keyPair("EC");
        assertRefused("sae-id", "differs from the common name 'enc-b'", "enc-a",
            TestCsr.csr(pair, "CN=enc-b", null, "SHA256withECDSA"));
        assertRefused("sae-id", "requests 'urn:qslice:sae:enc-b'", "enc-a",
            TestCsr.csr(pair, "CN=enc-a", "urn:qslice:sae:enc-b", "SHA256withECDSA"));
        assertRefused("csr", "more than one common name", "enc-a",
            TestCsr.csr(pair, "CN=enc-a,CN=enc-b", null, "SHA256withECDSA"));
        assertRefused("sae-id", "must be 1-128 characters", "enc/a",
            TestCsr.csr(pair, "CN=enc-a", null, "SHA256withECDSA"));
    }

    @Test
    void weakKeysAndWeakSignaturesAreRefused() throws Exception {
        assertRefused("csr", "RSA key has 1024 bits", "enc-a",
            TestCsr.csr(TestCsr.keyPair("RSA-1024"), "CN=enc-a", null, "SHA256withRSA"));
        assertRefused("csr", "signature algorithm 1.2.840.113549.1.1.5 is not accepted", "enc-a",
            TestCsr.csr(TestCsr.keyPair("RSA-2048"), "CN=enc-a", null, "SHA1withRSA"));
        assertRefused("csr", "signature algorithm 1.2.840.10045.4.1 is not accepted", "enc-a",
            TestCsr.csr(TestCsr.keyPair("EC"), "CN=enc-a", null, "SHA1withECDSA"));
    }

    @Test
    void theValidityIsBounded() throws Exception {
        final String csr = TestCsr.csr(TestCsr.keyPair("EC"), "CN=enc-a", null, "SHA256withECDSA");
        for (Duration validity : List.of(Duration.ZERO, Duration.ofDays(826))) {
            final var refused = assertThrows(EnrolmentException.class,
                () -> enrolment.enroll("enc-a", csr, validity));
            assertEquals("validity-days", refused.field());
            assertTrue(refused.getMessage().contains("must be 1..825"), refused.getMessage());
        }
    }

    @Test
    void aKmsThatDoesNotIssueSaeCertificatesSaysSo() throws Exception {
        final String csr = TestCsr.csr(TestCsr.keyPair("EC"), "CN=enc-a", null, "SHA256withECDSA");
        // the built-in CA is not trusted for SAEs: a certificate it issued would be refused
        final var untrusted = assertThrows(EnrolmentException.class,
            () -> new SaeEnrolment(pki, false, SaeIdentity.COMMON_NAME).enroll("enc-a", csr, null));
        assertEquals(EnrolmentException.Reason.NOT_SUPPORTED, untrusted.reason());
        assertTrue(untrusted.getMessage().contains("saeTrustBuiltInCa is false"), untrusted.getMessage());
        // the operator supplied ca.crt without ca.key
        Files.delete(dir.resolve("ca.key"));
        final LocalPki operators = LocalPki.open(dir, List.of("localhost"), new SecureRandom());
        assertFalse(operators.issues());
        final var noKey = assertThrows(EnrolmentException.class,
            () -> new SaeEnrolment(operators, true, SaeIdentity.COMMON_NAME).enroll("enc-a", csr, null));
        assertEquals(EnrolmentException.Reason.NOT_SUPPORTED, noKey.reason());
        assertTrue(noKey.getMessage().contains("no ca.key"), noKey.getMessage());
        assertNull(noKey.field());
    }

    @Test
    void anEmptyUriPrefixMakesTheSaeIdTheWholeUri() throws Exception {
        final var whole = new SaeEnrolment(pki, true, SaeIdentity.of("san-uri", ""));
        final KeyPair pair = TestCsr.keyPair("EC");
        final var issued = whole.enroll("urn:example:enc-a", TestCsr.csr(pair, "CN=urn:example:enc-a", null,
            "SHA256withECDSA"), null);
        assertEquals("urn:example:enc-a", SaeIdentity.of("san-uri", "").saeId(issued.certificate()));
        // an id that is no URI cannot be named by a SAN URI: the san-uri rule would refuse the certificate
        final var refused = assertThrows(EnrolmentException.class, () -> whole.enroll("enc-a",
            TestCsr.csr(pair, "CN=enc-a", null, "SHA256withECDSA"), null));
        assertEquals(EnrolmentException.Reason.NOT_SUPPORTED, refused.reason());
    }

    @Test
    void theCsrIsPemNotDer() throws Exception {
        final var request = TestCsr.request(TestCsr.keyPair("EC"), "CN=enc-a", null, "SHA256withECDSA");
        assertRefused("csr", "holds no PEM block", "enc-a",
            Base64.getEncoder().encodeToString(request.getEncoded()));
    }

    private void assertRefused(final String field, final String reason, final String saeId, final String csr) {
        final var refused = assertThrows(EnrolmentException.class, () -> enrolment.enroll(saeId, csr, null));
        assertEquals(EnrolmentException.Reason.INVALID_VALUE, refused.reason(), refused.getMessage());
        assertEquals(field, refused.field(), refused.getMessage());
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }
}

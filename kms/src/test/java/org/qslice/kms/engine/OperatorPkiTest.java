/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qslice.kms.engine.SaeTls.ENC_KEYS;
import static org.qslice.kms.engine.SaeTls.STATUS;
import static org.qslice.kms.engine.SaeTls.assertRefused;
import static org.qslice.kms.engine.SaeTls.presenting;
import static org.qslice.kms.engine.SaeTls.statusLine;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.etsi.SaeIdentity;
import org.qslice.kms.pki.LocalPki;

/**
 * The operator's PKI: SAE certificates of the operator's CA (directly or through an intermediate CA) are accepted,
 * the built-in CA's refused when it is not trusted and an unknown CA's always; the SAE id is read from a SAN URI when
 * so configured (the CN then counts for nothing), and a certificate naming no SAE is refused at the handshake with the
 * reason logged; a CRL (of the root or of an intermediate CA) that lists a certificate refuses it at the next
 * handshake, a CRL no trusted key signed is ignored, and an unreadable CRL file refuses every handshake. Each refusal
 * is the server's TLS alert, read over a raw socket with a bounded read.
 */
class OperatorPkiTest {
    private static final PoolId POOL = new PoolId("pki/a-z", KeyType.DH);
    private static final SaeIdentity SAN_URI = SaeIdentity.of("san-uri", SaeIdentity.DEFAULT_URI_PREFIX);
    private static final String OK = "HTTP/1.1 200 OK";
    private final SecureRandom random = new SecureRandom();
    private LocalPki.Identity operatorCa;

    @BeforeEach
    void ca() throws IOException {
        operatorCa = LocalPki.newCa(random);
    }

    private KmsEngine start(final Path dir, final SaeTrustConfig trust) throws Exception {
        final EngineConfig base = TestSupport.config(dir);
        final var engine = KmsEngine.start(base.withEtsi014(base.etsi014().withTrust(trust)), EngineListener.NOOP,
            Optional::empty, Clock.systemUTC());
        engine.applyPools(Map.of(POOL, TestSupport.settings("enc-a", "enc-z", 8)));
        TestSupport.awaitFull(engine, POOL);
        return engine;
    }

    private Path caFile(final Path dir) throws IOException {
        final Path file = dir.resolve("operator-ca.pem");
        Files.writeString(file, pem("CERTIFICATE", encoded(operatorCa.chain().get(0))));
        return file;
    }

    @Test
    void anSaeOfTheOperatorsCaGetsKeysAndOtherCasAreRefused(@TempDir final Path dir) throws Exception {
        try (var engine = start(dir, new SaeTrustConfig(false, caFile(dir), null, SaeIdentity.COMMON_NAME))) {
            final LocalPki.Identity sae = issue(operatorCa, "enc-a", BigInteger.valueOf(7));
            assertEquals(OK, statusLine(engine, presenting(engine, sae), ENC_KEYS));
            // the built-in CA, not trusted by this configuration
            assertRefused(engine, engine.pki().saeIdentity("enc-a"), null);
            // a CA nobody configured, with the same SAE name
            assertRefused(engine, issue(LocalPki.newCa(random), "enc-a", BigInteger.valueOf(7)), null);
        }
    }

    @Test
    void theSaeIdComesFromTheSanUriAndTheCommonNameIsIgnored(@TempDir final Path dir) throws Exception {
        try (var engine = start(dir, new SaeTrustConfig(true, caFile(dir), null, SAN_URI))) {
            final LocalPki.Identity byUri = issue(operatorCa, "somebody-else", BigInteger.valueOf(8),
                "urn:qslice:sae:enc-a", "https://encryptor.example/a");
            assertEquals(OK, statusLine(engine, presenting(engine, byUri), ENC_KEYS));
            // CN enc-a, but the URI names enc-q, which is paired with nobody
            final LocalPki.Identity cnOnlyMatches = issue(operatorCa, "enc-a", BigInteger.valueOf(11),
                "urn:qslice:sae:enc-q");
            assertEquals("HTTP/1.1 401 Unauthorized", statusLine(engine, presenting(engine, cnOnlyMatches),
                ENC_KEYS));
            // the built-in CA's certificate names enc-a in its CN only: no SAE under this rule
            assertRefused(engine, engine.pki().saeIdentity("enc-a"),
                "has no subject alternative name URI urn:qslice:sae:<SAE id>");
            assertRefused(engine, issue(operatorCa, "enc-a", BigInteger.valueOf(12), "urn:qslice:sae:enc-a",
                "urn:qslice:sae:enc-b"), "names more than one SAE");
        }
    }

    @Test
    void aCertificateTheCrlListsIsRefusedAtTheNextHandshake(@TempDir final Path dir) throws Exception {
        final Path crl = dir.resolve("sae.crl");
        final LocalPki.Identity sae = issue(operatorCa, "enc-a", BigInteger.valueOf(9));
        Files.writeString(crl, crl(operatorCa, List.of()));
        try (var engine = start(dir, new SaeTrustConfig(true, caFile(dir), crl, SaeIdentity.COMMON_NAME))) {
            assertEquals(OK, statusLine(engine, presenting(engine, sae), STATUS));
            replace(crl, crl(operatorCa, List.of(BigInteger.valueOf(9))));
            assertRefused(engine, sae, "serial 9 of 'CN=enc-a' is revoked");
            // another certificate of the same CA is still accepted
            assertEquals(OK, statusLine(engine, presenting(engine, issue(operatorCa, "enc-a",
                BigInteger.valueOf(10))), STATUS));
        }
    }

    @Test
    void aCrlNoTrustedKeySignedIsIgnoredAndAnUnreadableOneRefusesEveryone(@TempDir final Path dir)
            throws Exception {
        final Path crl = dir.resolve("sae.crl");
        final LocalPki.Identity sae = issue(operatorCa, "enc-a", BigInteger.valueOf(20));
        Files.writeString(crl, crl(operatorCa, List.of()));
        try (var engine = start(dir, new SaeTrustConfig(true, caFile(dir), crl, SaeIdentity.COMMON_NAME))) {
            // the operator CA's name, another key: a forgery
            final var forger = new LocalPki.Identity(newKey().getPrivate(), operatorCa.chain());
            replace(crl, crl(forger, List.of(BigInteger.valueOf(20))));
            assertEquals(OK, statusLine(engine, presenting(engine, sae), STATUS));
            replace(crl, "-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n");
            assertRefused(engine, sae, "cannot be parsed");
            assertRefused(engine, engine.pki().saeIdentity("enc-a"), null);
            replace(crl, crl(operatorCa, List.of()));
            assertEquals(OK, statusLine(engine, presenting(engine, sae), STATUS));
        }
    }

    @Test
    void anIntermediateCasCertificatesAreAcceptedAndItsCrlHonoured(@TempDir final Path dir) throws Exception {
        final LocalPki.Identity intermediate = intermediate(operatorCa, "operator issuing CA");
        final LocalPki.Identity sae = issue(intermediate, "enc-a", BigInteger.valueOf(30));
        final LocalPki.Identity other = issue(intermediate, "enc-a", BigInteger.valueOf(31));
        final Path crl = dir.resolve("sae.crl");
        Files.writeString(crl, crl(operatorCa, List.of()) + crl(intermediate, List.of()));
        // only the root is configured; the SAE sends its intermediate CA's certificate
        try (var engine = start(dir, new SaeTrustConfig(false, caFile(dir), crl, SaeIdentity.COMMON_NAME))) {
            assertEquals(OK, statusLine(engine, presenting(engine, sae), ENC_KEYS));
            replace(crl, crl(operatorCa, List.of()) + crl(intermediate, List.of(BigInteger.valueOf(30))));
            assertRefused(engine, sae, "serial 1e of 'CN=enc-a' is revoked by the CRL of 'CN=operator issuing CA'");
            assertEquals(OK, statusLine(engine, presenting(engine, other), ENC_KEYS));
            // the root revokes the intermediate CA: all its certificates go
            replace(crl, crl(operatorCa, List.of(intermediate.chain().get(0).getSerialNumber()))
                + crl(intermediate, List.of()));
            assertRefused(engine, other, "of 'CN=operator issuing CA' is revoked");
        }
    }

    /** Replaces a file's content and moves its modification time on (a rewrite within the same tick is possible). */
    private static void replace(final Path file, final String content) throws IOException {
        final FileTime before = Files.getLastModifiedTime(file);
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusSeconds(5)));
    }

    /** A client certificate of a CA, chain leaf first, with SAN URIs if given. */
    private LocalPki.Identity issue(final LocalPki.Identity ca, final String commonName, final BigInteger serial,
            final String... uris) throws GeneralSecurityException {
        final var pair = newKey();
        final X509Certificate caCert = ca.chain().get(0);
        final var builder = new JcaX509v3CertificateBuilder(caCert, serial, Date.from(Instant.now().minusSeconds(60)),
            Date.from(Instant.now().plusSeconds(3600)), new X500Name("CN=" + commonName), pair.getPublic());
        try {
            if (uris.length > 0) {
                final var names = new ArrayList<GeneralName>();
                for (String uri : uris) {
                    names.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
                }
                builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(new GeneralName[0])));
            }
            final var chain = new ArrayList<X509Certificate>();
            chain.add(sign(builder, ca));
            chain.addAll(ca.chain());
            return new LocalPki.Identity(pair.getPrivate(), chain);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** An intermediate CA under {@code root}, chain intermediate first. */
    private LocalPki.Identity intermediate(final LocalPki.Identity root, final String name)
            throws GeneralSecurityException {
        final var pair = newKey();
        final X509Certificate rootCert = root.chain().get(0);
        final var builder = new JcaX509v3CertificateBuilder(rootCert, BigInteger.valueOf(1000 + random.nextInt(1000)),
            Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plusSeconds(7200)),
            new X500Name("CN=" + name), pair.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return new LocalPki.Identity(pair.getPrivate(), List.of(sign(builder, root), rootCert));
    }

    private static X509Certificate sign(final JcaX509v3CertificateBuilder builder, final LocalPki.Identity ca)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(ca.key())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private java.security.KeyPair newKey() throws GeneralSecurityException {
        final var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    /** A CRL of a CA (named by its certificate, signed by its key) listing the serials, in PEM. */
    private static String crl(final LocalPki.Identity ca, final List<BigInteger> revoked)
            throws GeneralSecurityException {
        final X509Certificate caCert = ca.chain().get(0);
        final var builder = new X509v2CRLBuilder(X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded()),
            Date.from(Instant.now().minusSeconds(60)));
        builder.setNextUpdate(Date.from(Instant.now().plusSeconds(3600)));
        for (BigInteger serial : revoked) {
            builder.addCRLEntry(serial, Date.from(Instant.now().minusSeconds(30)), 0);
        }
        try {
            return pem("X509 CRL", new JcaX509CRLConverter().getCRL(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(ca.key()))).getEncoded());
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static byte[] encoded(final X509Certificate certificate) throws IOException {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static String pem(final String type, final byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
            + "\n-----END " + type + "-----\n";
    }
}

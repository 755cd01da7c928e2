/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.etsi.SaeIdentity;
import org.qslice.kms.pki.LocalPki;

/**
 * The operator's PKI: SAE certificates of the operator's CA are accepted (and the built-in CA's refused when it is
 * not trusted), the SAE id is read from a SAN URI when so configured, and a CRL that lists a certificate refuses it
 * at the next handshake. Each refusal is the server's TLS alert, read over a raw socket with a bounded read.
 */
class OperatorPkiTest {
    private static final PoolId POOL = new PoolId("pki/a-z", KeyType.DH);
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
    void anSaeOfTheOperatorsCaGetsKeysAndTheBuiltInCaIsRefusedWhenNotTrusted(@TempDir final Path dir)
            throws Exception {
        try (var engine = start(dir, new SaeTrustConfig(false, caFile(dir), null, SaeIdentity.COMMON_NAME))) {
            final LocalPki.Identity sae = issue("enc-a", null, BigInteger.valueOf(7));
            assertEquals("HTTP/1.1 200 OK", statusLine(engine, presenting(engine, sae)));
            final SSLException refused = assertThrows(SSLException.class,
                () -> statusLine(engine, presenting(engine, engine.pki().saeIdentity("enc-a"))));
            assertTrue(String.valueOf(refused.getMessage()).contains("Received fatal alert: certificate_unknown"),
                refused.toString());
        }
    }

    @Test
    void theSaeIdComesFromTheSanUriAndTheCommonNameIsIgnored(@TempDir final Path dir) throws Exception {
        final var trust = new SaeTrustConfig(true, caFile(dir), null, SaeIdentity.of("san-uri",
            SaeIdentity.DEFAULT_URI_PREFIX));
        try (var engine = start(dir, trust)) {
            final LocalPki.Identity byUri = issue("somebody-else", "urn:qslice:sae:enc-a", BigInteger.valueOf(8));
            assertEquals("HTTP/1.1 200 OK", statusLine(engine, presenting(engine, byUri)));
            // the built-in CA's certificate names enc-a in its CN only: no SAE under this rule
            assertEquals("HTTP/1.1 401 Unauthorized", statusLine(engine, presenting(engine,
                engine.pki().saeIdentity("enc-a"))));
        }
    }

    @Test
    void aCertificateTheCrlListsIsRefusedAtTheNextHandshake(@TempDir final Path dir) throws Exception {
        final Path crl = dir.resolve("sae.crl");
        final LocalPki.Identity sae = issue("enc-a", null, BigInteger.valueOf(9));
        Files.writeString(crl, crl(List.of()));
        try (var engine = start(dir, new SaeTrustConfig(true, caFile(dir), crl, SaeIdentity.COMMON_NAME))) {
            assertEquals("HTTP/1.1 200 OK", statusLine(engine, presenting(engine, sae)));
            Files.writeString(crl, crl(List.of(BigInteger.valueOf(9))));
            Files.setLastModifiedTime(crl, FileTime.from(Instant.now().plusSeconds(5)));
            final SSLException refused = assertThrows(SSLException.class,
                () -> statusLine(engine, presenting(engine, sae)));
            assertTrue(String.valueOf(refused.getMessage()).contains("Received fatal alert: certificate_unknown"),
                refused.toString());
            // another certificate of the same CA is still accepted
            assertEquals("HTTP/1.1 200 OK", statusLine(engine, presenting(engine, issue("enc-a", null,
                BigInteger.valueOf(10)))));
        }
    }

    /** A client certificate of the operator's CA, with a SAN URI if given. */
    private LocalPki.Identity issue(final String commonName, final String uri, final BigInteger serial)
            throws GeneralSecurityException, IOException {
        final var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        final var pair = generator.generateKeyPair();
        final X509Certificate ca = operatorCa.chain().get(0);
        final var builder = new JcaX509v3CertificateBuilder(ca, serial, Date.from(Instant.now().minusSeconds(60)),
            Date.from(Instant.now().plusSeconds(3600)), new X500Name("CN=" + commonName), pair.getPublic());
        if (uri != null) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri)));
        }
        try {
            final X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(operatorCa.key())));
            return new LocalPki.Identity(pair.getPrivate(), List.of(certificate, ca));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** A CRL of the operator's CA listing the serials, in PEM. */
    private String crl(final List<BigInteger> revoked) throws GeneralSecurityException {
        final X509Certificate ca = operatorCa.chain().get(0);
        final var builder = new X509v2CRLBuilder(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
            Date.from(Instant.now().minusSeconds(60)));
        builder.setNextUpdate(Date.from(Instant.now().plusSeconds(3600)));
        for (BigInteger serial : revoked) {
            builder.addCRLEntry(serial, Date.from(Instant.now().minusSeconds(30)), 0);
        }
        try {
            return pem("X509 CRL", new JcaX509CRLConverter().getCRL(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(operatorCa.key()))).getEncoded());
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** The status line of one request over a raw TLS socket, or the TLS layer's failure. */
    private static String statusLine(final KmsEngine engine, final SSLContext tls) throws IOException {
        try (var socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
            socket.connect(engine.etsi014Server().address(), 5_000);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            socket.getOutputStream().write("GET /api/v1/keys/enc-z/status HTTP/1.1\r\nHost: localhost\r\n\r\n"
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

    /** A client that always presents {@code identity}, trusting the KMS's server certificate. */
    private static SSLContext presenting(final KmsEngine engine, final LocalPki.Identity identity)
            throws GeneralSecurityException {
        return TestSupport.presenting(identity, engine.pki().trustAnchors());
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

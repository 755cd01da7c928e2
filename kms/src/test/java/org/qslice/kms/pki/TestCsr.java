/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Certificate signing requests as an SAE makes them (the SAE's key pair never leaves the test), and PEM helpers.
 */
public final class TestCsr {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestCsr() {
        // utility class
    }

    /**
     * A fresh key pair.
     *
     * @param algorithm {@code EC} (P-256), {@code EC-384}, {@code RSA-<bits>} or {@code Ed25519}
     * @return the pair
     * @throws GeneralSecurityException if the algorithm is missing
     */
    public static KeyPair keyPair(final String algorithm) throws GeneralSecurityException {
        if (algorithm.startsWith("RSA-")) {
            final var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(Integer.parseInt(algorithm.substring(4)), RANDOM);
            return generator.generateKeyPair();
        }
        if (algorithm.startsWith("EC")) {
            final var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("EC-384".equals(algorithm) ? "secp384r1" : "secp256r1"),
                RANDOM);
            return generator.generateKeyPair();
        }
        return KeyPairGenerator.getInstance(algorithm).generateKeyPair();
    }

    /**
     * A PEM PKCS#10 request.
     *
     * @param pair the SAE's keys (the private key signs)
     * @param subject the subject, e.g. {@code CN=enc-a}
     * @param uri a SAN URI to request, or null
     * @param signature the signature algorithm, e.g. {@code SHA256withECDSA}
     * @return PEM
     * @throws GeneralSecurityException if signing fails
     */
    public static String csr(final KeyPair pair, final String subject, final @Nullable String uri,
            final String signature) throws GeneralSecurityException {
        return pem(request(pair, subject, uri, signature));
    }

    /**
     * A PKCS#10 request.
     *
     * @param pair the SAE's keys (the private key signs)
     * @param subject the subject
     * @param uri a SAN URI to request, or null
     * @param signature the signature algorithm
     * @return the request
     * @throws GeneralSecurityException if signing fails
     */
    public static PKCS10CertificationRequest request(final KeyPair pair, final String subject,
            final @Nullable String uri, final String signature) throws GeneralSecurityException {
        try {
            final var builder = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), pair.getPublic());
            if (uri != null) {
                final var extensions = new ExtensionsGenerator();
                extensions.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri)));
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            return builder.build(new JcaContentSignerBuilder(signature).setProvider(new BouncyCastleProvider())
                .build(pair.getPrivate()));
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /**
     * An object in PEM.
     *
     * @param object a request or certificate
     * @return PEM
     */
    public static String pem(final Object object) {
        final var text = new StringWriter();
        try (var writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return text.toString();
    }

    /**
     * Reads PEM certificates.
     *
     * @param pem PEM text
     * @return the certificates, in order
     * @throws IOException if unreadable
     * @throws GeneralSecurityException if a certificate is malformed
     */
    public static List<X509Certificate> certificates(final String pem) throws IOException, GeneralSecurityException {
        final var result = new ArrayList<X509Certificate>();
        try (var parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                result.add(new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) object));
            }
        }
        return result;
    }
}

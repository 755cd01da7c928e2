/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.it;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An SAE calling a KMS's ETSI GS QKD 014 API over mutual TLS with the JDK's HTTP client: its certificate and key
 * from the KMS's PKI directory ({@code sae/ID.crt}, {@code sae/ID.key}), trusting the KMS's CA ({@code ca.crt}).
 */
final class Etsi014Sae {
    private Etsi014Sae() {
        // utility class
    }

    /**
     * A GET of an ETSI 014 path.
     *
     * @param base the KMS's ETSI 014 URL
     * @param path the path ({@code /api/v1/keys/...})
     * @return the request
     */
    static HttpRequest get(final URI base, final String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build();
    }

    /**
     * A client presenting an SAE's certificate the KMS generated.
     *
     * @param pki the KMS's PKI directory
     * @param sae the SAE id
     * @return the client
     * @throws Exception if the files cannot be read
     */
    static HttpClient client(final Path pki, final String sae) throws Exception {
        final var certificates = CertificateFactory.getInstance("X.509");
        final List<Certificate> chain;
        try (InputStream in = Files.newInputStream(pki.resolve("sae/" + sae + ".crt"))) {
            chain = new ArrayList<>(certificates.generateCertificates(in));
        }
        final String pem = Files.readString(pki.resolve("sae/" + sae + ".key"), StandardCharsets.US_ASCII)
            .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return client(KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
            Base64.getDecoder().decode(pem))), chain, pki);
    }

    /**
     * A client presenting {@code chain} with {@code key}, trusting the KMS's CA (pki/ca.crt).
     *
     * @param key the SAE's private key
     * @param chain its certificate chain
     * @param pki the KMS's PKI directory
     * @return the client
     * @throws Exception if the CA cannot be read
     */
    static HttpClient client(final PrivateKey key, final List<Certificate> chain, final Path pki) throws Exception {
        final var certificates = CertificateFactory.getInstance("X.509");
        final var keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("sae", key, new char[0], chain.toArray(Certificate[]::new));
        final var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        final var trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pki.resolve("ca.crt"))) {
            int index = 0;
            for (Certificate ca : certificates.generateCertificates(in)) {
                trust.setCertificateEntry("ca" + index, ca);
                index++;
            }
        }
        final var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        final var tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    }
}

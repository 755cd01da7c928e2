/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.pki;

import static java.util.Objects.requireNonNull;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.eclipse.jdt.annotation.Nullable;
import org.qslice.kms.etsi.SaeIdentity;

/**
 * The KMS's certificates, as PEM files in one directory:
 * <pre>
 *   ca.crt        trust anchors for client certificates (and the CA of the generated certificates)
 *   ca.key        the local CA's key (0600); absent when the operator supplies the certificates
 *   server.crt    server certificate chain, server.key its key (0600)
 *   sae/ID.crt    client certificate of SAE "ID" (common name = ID), sae/ID.key its key (0600)
 * </pre>
 * Missing files are generated with Bouncy Castle (EC P-256, SHA256withECDSA) on {@link #open}. An operator who
 * supplies ca.crt, server.crt and server.key and no ca.key runs with their own PKI: then SAE certificates are not
 * generated here. Thread-safe.
 */
public final class LocalPki {
    /** The longest validity of an issued certificate (825 days, the CA/Browser Forum's former limit). */
    public static final Duration MAX_LEAF_VALIDITY = Duration.ofDays(825);
    private static final Set<PosixFilePermission> OWNER_ONLY =
        EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration LEAF_VALIDITY = MAX_LEAF_VALIDITY;

    /**
     * A certificate chain with its private key.
     *
     * @param key the private key
     * @param chain leaf first
     */
    public record Identity(PrivateKey key, List<X509Certificate> chain) {
        /**
         * Copies the chain.
         *
         * @param key key
         * @param chain chain
         */
        public Identity {
            requireNonNull(key);
            chain = List.copyOf(chain);
        }

        @Override
        public String toString() {
            return "Identity[" + chain.get(0).getSubjectX500Principal() + "]";
        }
    }

    private final Path directory;
    private final SecureRandom random;
    private final List<X509Certificate> trustAnchors;
    private final @Nullable Identity server;
    private final @Nullable Identity ca;
    private final ConcurrentHashMap<String, Identity> saes = new ConcurrentHashMap<>();

    private LocalPki(final Path directory, final SecureRandom random, final List<X509Certificate> trustAnchors,
            final @Nullable Identity server, final @Nullable Identity ca) {
        this.directory = directory;
        this.random = random;
        this.trustAnchors = List.copyOf(trustAnchors);
        this.server = server;
        this.ca = ca;
    }

    /**
     * Loads the certificates in a directory, generating what is missing.
     *
     * @param directory the directory (created as needed)
     * @param serverHosts host names and IP addresses for the server certificate's subject alternative names
     * @param random randomness
     * @return the PKI
     * @throws IOException if files cannot be read or written, or the operator supplied an incomplete set
     */
    public static LocalPki open(final Path directory, final List<String> serverHosts, final SecureRandom random)
            throws IOException {
        Files.createDirectories(directory);
        final Path caCrt = directory.resolve("ca.crt");
        final Path caKey = directory.resolve("ca.key");
        Identity ca = null;
        if (!Files.exists(caCrt)) {
            ca = newCa(random);
            writeKey(caKey, ca.key());
            writeCerts(caCrt, ca.chain());
        } else if (Files.exists(caKey)) {
            ca = new Identity(readKey(caKey), readCerts(caCrt).subList(0, 1));
        }
        final List<X509Certificate> anchors = readCerts(caCrt);
        final Path serverCrt = directory.resolve("server.crt");
        final Path serverKey = directory.resolve("server.key");
        final Identity server;
        if (Files.exists(serverCrt) && Files.exists(serverKey)) {
            server = new Identity(readKey(serverKey), readCerts(serverCrt));
        } else if (ca != null) {
            server = issue(ca, "qslice KMS", serverHosts, KeyPurposeId.id_kp_serverAuth, random);
            writeKey(serverKey, server.key());
            writeCerts(serverCrt, server.chain());
        } else {
            throw new IOException("PKI directory " + directory + " has ca.crt but neither server.crt/server.key nor"
                + " ca.key: supply server.crt and server.key");
        }
        return new LocalPki(directory, random, anchors, server, ca);
    }

    /**
     * Loads client credentials only (for an external KME): {@code ca.crt} (the KME's trust anchors) and
     * {@code sae/ID.crt}, {@code sae/ID.key}; nothing is generated.
     *
     * @param directory the directory
     * @param random randomness
     * @return the PKI, which cannot serve
     * @throws IOException if ca.crt cannot be read
     */
    public static LocalPki openClientOnly(final Path directory, final SecureRandom random) throws IOException {
        return new LocalPki(directory, random, readCerts(directory.resolve("ca.crt")), null, null);
    }

    /**
     * Returns the directory.
     *
     * @return the directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * Returns the trust anchors for client (and server) certificates.
     *
     * @return the CA certificates
     */
    public List<X509Certificate> trustAnchors() {
        return trustAnchors;
    }

    /**
     * Whether this PKI issues certificates (it has the CA key).
     *
     * @return true when SAE certificates are generated here
     */
    public boolean issues() {
        return ca != null;
    }

    /**
     * Returns the client identity of an SAE: from sae/ID.crt and sae/ID.key, or newly issued (and written there)
     * when this PKI has the CA key.
     *
     * @param saeId the SAE id (certificate common name)
     * @return the identity
     * @throws IOException if the files are missing and cannot be generated
     */
    public Identity saeIdentity(final String saeId) throws IOException {
        if (!SaeIdentity.isSaeId(saeId) || saeId.startsWith(".")) {
            throw new IOException("SAE id '" + saeId + "' cannot name a certificate file");
        }
        final Identity known = saes.get(saeId);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            final Identity again = saes.get(saeId);
            if (again != null) {
                return again;
            }
            final Path saeDir = directory.resolve("sae");
            final Path crt = saeDir.resolve(saeId + ".crt");
            final Path key = saeDir.resolve(saeId + ".key");
            final Identity identity;
            if (Files.exists(crt) && Files.exists(key)) {
                identity = new Identity(readKey(key), readCerts(crt));
            } else if (ca != null) {
                Files.createDirectories(saeDir);
                identity = issue(ca, saeId, List.of(), KeyPurposeId.id_kp_clientAuth, random);
                writeKey(key, identity.key());
                writeCerts(crt, identity.chain());
            } else {
                throw new IOException("no certificate for SAE " + saeId + " in " + saeDir
                    + " and no ca.key to issue one");
            }
            saes.put(saeId, identity);
            return identity;
        }
    }

    /**
     * Returns the server's certificate chain and key (for TLS contexts built elsewhere, e.g. with another provider).
     *
     * @return the identity
     * @throws SSLException if this PKI has no server certificate (client-only)
     */
    public Identity serverIdentity() throws SSLException {
        final Identity identity = server;
        if (identity == null) {
            throw new SSLException("PKI " + directory + " has no server certificate");
        }
        return identity;
    }

    /**
     * A Netty server TLS context that requires a client certificate issued by a trust anchor.
     *
     * @return the context
     * @throws SSLException if the context cannot be built
     */
    public SslContext serverContext() throws SSLException {
        final Identity identity = server;
        if (identity == null) {
            throw new SSLException("PKI " + directory + " has no server certificate");
        }
        return SslContextBuilder.forServer(identity.key(), identity.chain())
            .trustManager(trustAnchors)
            .clientAuth(ClientAuth.REQUIRE)
            .protocols("TLSv1.3", "TLSv1.2")
            .build();
    }

    /**
     * A JDK client TLS context presenting an SAE's certificate and trusting the anchors.
     *
     * @param saeId the SAE
     * @return the context
     * @throws IOException if the SAE has no certificate
     * @throws GeneralSecurityException if the context cannot be built
     */
    public SSLContext clientContext(final String saeId) throws IOException, GeneralSecurityException {
        return clientContext(saeIdentity(saeId), trustAnchors);
    }

    /**
     * A JDK client TLS context.
     *
     * @param identity client identity, or {@code null} for none
     * @param anchors trusted CA certificates
     * @return the context
     * @throws GeneralSecurityException if the context cannot be built
     */
    public static SSLContext clientContext(final Identity identity, final List<X509Certificate> anchors)
            throws GeneralSecurityException {
        final char[] password = new char[0];
        KeyManagerFactory keyManagers = null;
        if (identity != null) {
            final KeyStore keys = KeyStore.getInstance("PKCS12");
            try {
                keys.load(null, password);
            } catch (IOException e) {
                throw new GeneralSecurityException("cannot create an in-memory key store", e);
            }
            keys.setKeyEntry("sae", identity.key(), password, identity.chain().toArray(new X509Certificate[0]));
            keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
        }
        final KeyStore trust = KeyStore.getInstance("PKCS12");
        try {
            trust.load(null, password);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an in-memory trust store", e);
        }
        int index = 0;
        for (X509Certificate anchor : anchors) {
            trust.setCertificateEntry("ca" + index++, anchor);
        }
        final TrustManagerFactory trustManagers =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(),
            new SecureRandom());
        return context;
    }

    /**
     * Issues a certificate from a CA identity (used by tests for a foreign CA or rogue clients too).
     *
     * @param issuer the CA
     * @param commonName subject common name
     * @param hosts DNS names or IP addresses for subject alternative names
     * @param purpose serverAuth or clientAuth
     * @param random randomness
     * @return the new identity, chain leaf first
     * @throws IOException if generation fails
     */
    public static Identity issue(final Identity issuer, final String commonName, final List<String> hosts,
            final KeyPurposeId purpose, final SecureRandom random) throws IOException {
        try {
            final KeyPair pair = newKeyPair(random);
            final var names = new ArrayList<GeneralName>();
            for (String host : new LinkedHashSet<>(hosts)) {
                names.add(isIpAddress(host) ? new GeneralName(GeneralName.iPAddress, host)
                    : new GeneralName(GeneralName.dNSName, host));
            }
            final var chain = new ArrayList<X509Certificate>();
            chain.add(certificate(issuer, name(commonName), pair.getPublic(), purpose, names, LEAF_VALIDITY, random));
            chain.addAll(issuer.chain());
            return new Identity(pair.getPrivate(), chain);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot issue a certificate for " + commonName, e);
        }
    }

    /**
     * Issues an SAE's client certificate for a public key whose private key only the SAE holds (CSR enrolment):
     * subject {@code O=qslice, CN=saeId}, the SAN URI if given, extended key usage clientAuth, signed by this PKI's CA.
     *
     * @param key the SAE's public key (checked by the caller)
     * @param saeId the SAE id (common name)
     * @param sanUri the subject alternative name URI naming the SAE, or null for none
     * @param validity how long the certificate is valid, at most {@link #MAX_LEAF_VALIDITY}
     * @return the chain, leaf first, then this PKI's CA certificate
     * @throws IOException if this PKI has no CA key, or signing fails
     */
    public List<X509Certificate> issueSaeCertificate(final PublicKey key, final String saeId,
            final @Nullable String sanUri, final Duration validity) throws IOException {
        final Identity issuer = ca;
        if (issuer == null) {
            throw new IOException("PKI " + directory + " has no ca.key to issue SAE certificates");
        }
        if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_LEAF_VALIDITY) > 0) {
            throw new IllegalArgumentException("validity " + validity + " is not within 0.." + MAX_LEAF_VALIDITY);
        }
        try {
            final List<GeneralName> names = sanUri == null ? List.of()
                : List.of(new GeneralName(GeneralName.uniformResourceIdentifier, sanUri));
            final var chain = new ArrayList<X509Certificate>();
            chain.add(certificate(issuer, name(saeId), key, KeyPurposeId.id_kp_clientAuth, names, validity, random));
            chain.addAll(issuer.chain());
            return List.copyOf(chain);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot issue a certificate for SAE " + saeId, e);
        }
    }

    private static X509Certificate certificate(final Identity issuer, final X500Name subject, final PublicKey key,
            final KeyPurposeId purpose, final List<GeneralName> names, final Duration validity,
            final SecureRandom random) throws GeneralSecurityException, OperatorCreationException, IOException {
        final X509Certificate issuerCert = issuer.chain().get(0);
        final Instant now = Instant.now();
        final X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
            X500Name.getInstance(issuerCert.getSubjectX500Principal().getEncoded()), serial(random),
            Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), subject, key);
        final var utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
            .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
            .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
            .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key))
            .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerCert));
        if (!names.isEmpty()) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(names.toArray(new GeneralName[0])));
        }
        return sign(builder, issuer.key());
    }

    /**
     * Creates a self-signed CA (used on first start, and by tests for a foreign CA).
     *
     * @param random randomness
     * @return the CA identity
     * @throws IOException if generation fails
     */
    public static Identity newCa(final SecureRandom random) throws IOException {
        try {
            final KeyPair pair = newKeyPair(random);
            final Instant now = Instant.now();
            final X500Name subject = name("qslice KMS CA " + Long.toHexString(random.nextLong()));
            final X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(random),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(CA_VALIDITY)), subject,
                pair.getPublic());
            final var utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(pair.getPublic()));
            return new Identity(pair.getPrivate(), List.of(sign(builder, pair.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot create the KMS CA", e);
        }
    }

    private static X509Certificate sign(final X509v3CertificateBuilder builder, final PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        final X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static KeyPair newKeyPair(final SecureRandom random) throws GeneralSecurityException {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private static BigInteger serial(final SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private static X500Name name(final String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "qslice").addRDN(BCStyle.CN, commonName)
            .build();
    }

    private static boolean isIpAddress(final String host) {
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            InetAddress.getByName(host);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void writeKey(final Path file, final PrivateKey key) throws IOException {
        final var text = new StringWriter();
        try (var pem = new JcaPEMWriter(text)) {
            pem.writeObject(new JcaPKCS8Generator(key, null));
        }
        writeOwnerOnly(file, text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Certificates in PEM, one block each, in order.
     *
     * @param certs the certificates
     * @return PEM text
     */
    static String pem(final List<X509Certificate> certs) {
        final var text = new StringWriter();
        try (var pem = new JcaPEMWriter(text)) {
            for (X509Certificate cert : certs) {
                pem.writeObject(cert);
            }
        } catch (IOException e) {
            // a StringWriter does not fail; an encoding failure of a certificate we hold would be a bug
            throw new IllegalStateException("cannot write a certificate in PEM", e);
        }
        return text.toString();
    }

    private static void writeCerts(final Path file, final List<X509Certificate> certs) throws IOException {
        final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, pem(certs).getBytes(StandardCharsets.US_ASCII));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeOwnerOnly(final Path file, final byte[] content) throws IOException {
        final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(tmp);
        }
        Files.write(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static PrivateKey readKey(final Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             var parser = new PEMParser(reader)) {
            final Object object = parser.readObject();
            final var converter = new JcaPEMKeyConverter();
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            throw new IOException(file + " holds no unencrypted private key");
        }
    }

    private static List<X509Certificate> readCerts(final Path file) throws IOException {
        final var certs = new ArrayList<X509Certificate>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             var parser = new PEMParser(reader)) {
            final var converter = new JcaX509CertificateConverter();
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder holder) {
                    certs.add(converter.getCertificate(holder));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " holds an unreadable certificate", e);
        }
        if (certs.isEmpty()) {
            throw new IOException(file + " holds no certificate");
        }
        return certs;
    }
}

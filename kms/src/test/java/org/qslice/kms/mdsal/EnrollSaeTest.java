/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.mdsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.EnrollSaeInputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.EnrollSaeOutput;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.SaeId;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcError;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.engine.EngineConfig;
import org.qslice.kms.engine.EngineListener;
import org.qslice.kms.engine.KmsEngine;
import org.qslice.kms.engine.SaeTls;
import org.qslice.kms.engine.SaeTrustConfig;
import org.qslice.kms.engine.TestSupport;
import org.qslice.kms.etsi.SaeIdentity;
import org.qslice.kms.pki.LocalPki;
import org.qslice.kms.pki.SaeEnrolment;
import org.qslice.kms.pki.TestCsr;

/**
 * The {@code enroll-sae} RPC over a running engine: an SAE that generated its own key and sent a CSR gets a
 * certificate with which it fetches keys (the SAE id read from the SAN URI the KMS put there); bad requests are
 * refused with {@code invalid-value} naming the field, and a KMS whose CA SAEs may not use says so.
 */
class EnrollSaeTest {
    private static final PoolId POOL = new PoolId("enrol/a-z", KeyType.DH);
    private static final SaeIdentity SAN_URI = SaeIdentity.of("san-uri", SaeIdentity.DEFAULT_URI_PREFIX);

    @TempDir
    Path dir;
    private KmsEngine engine;
    private KmsRpcs.EnrollSaeImpl rpc;

    @BeforeEach
    void start() throws Exception {
        final EngineConfig base = TestSupport.config(dir);
        engine = KmsEngine.start(base.withEtsi014(base.etsi014().withTrust(new SaeTrustConfig(true, null, null,
            SAN_URI))), EngineListener.NOOP, Optional::empty, Clock.systemUTC());
        engine.applyPools(Map.of(POOL, TestSupport.settings("enc-a", "enc-z", 8)));
        TestSupport.awaitFull(engine, POOL);
        rpc = new KmsRpcs.EnrollSaeImpl(new SaeEnrolment(engine.pki(), true, SAN_URI));
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void anSaeWithItsOwnKeyGetsACertificateAndThenKeys() throws Exception {
        for (String algorithm : List.of("EC", "RSA-3072", "Ed25519")) {
            final KeyPair pair = TestCsr.keyPair(algorithm);
            final String signature = switch (algorithm) {
                case "EC" -> "SHA256withECDSA";
                case "RSA-3072" -> "SHA384withRSA";
                default -> "Ed25519";
            };
            final RpcResult<EnrollSaeOutput> result = enroll("enc-a", TestCsr.csr(pair, "CN=enc-a", null,
                signature), 30);
            assertTrue(result.isSuccessful(), algorithm + ": " + result.getErrors());
            final EnrollSaeOutput output = result.getResult();
            final var chain = new ArrayList<X509Certificate>(TestCsr.certificates(output.getCertificate()));
            chain.addAll(TestCsr.certificates(output.getCaCertificates()));
            assertEquals(engine.pki().trustAnchors().subList(0, 1), chain.subList(1, chain.size()));
            assertEquals(chain.get(0).getSerialNumber().toString(16), output.getSerialNumber());
            assertEquals(chain.get(0).getNotAfter().toInstant(), Instant.parse(output.getNotAfter().getValue()));
            assertTrue(chain.get(0).getNotAfter().toInstant().isBefore(Instant.now().plus(Duration.ofDays(31))));
            // the SAE's own private key, which never left it, with the KMS's certificate
            assertEquals("HTTP/1.1 200 OK", SaeTls.statusLine(engine, SaeTls.presenting(engine,
                new LocalPki.Identity(pair.getPrivate(), chain)), SaeTls.ENC_KEYS), algorithm);
        }
    }

    @Test
    void badRequestsAreRefusedNamingTheField() throws Exception {
        final KeyPair pair = TestCsr.keyPair("EC");
        assertInvalid(enroll("enc-a", "-----BEGIN CERTIFICATE REQUEST-----\nnot base64\n"
            + "-----END CERTIFICATE REQUEST-----\n", null), "csr is not a well-formed PEM PKCS#10");
        assertInvalid(enroll("enc-a", TestCsr.csr(pair, "CN=enc-b", null, "SHA256withECDSA"), null),
            "sae-id 'enc-a' differs from the common name 'enc-b' of the csr");
        assertInvalid(enroll("enc-a", TestCsr.csr(pair, "CN=enc-a", null, "SHA256withECDSA"), 0),
            "validity-days 0 must be 1..825");
        assertInvalid(rpc.invoke(new EnrollSaeInputBuilder().setSaeId(new SaeId("enc-a")).build())
            .get(5, TimeUnit.SECONDS), "sae-id and csr are mandatory");
    }

    @Test
    void aKmsWhoseCaSaesMayNotUseRefusesToIssue() throws Exception {
        final var refusing = new KmsRpcs.EnrollSaeImpl(new SaeEnrolment(engine.pki(), false, SAN_URI));
        final RpcResult<EnrollSaeOutput> result = refusing.invoke(new EnrollSaeInputBuilder()
            .setSaeId(new SaeId("enc-a"))
            .setCsr(TestCsr.csr(TestCsr.keyPair("EC"), "CN=enc-a", null, "SHA256withECDSA")).build())
            .get(5, TimeUnit.SECONDS);
        assertFalse(result.isSuccessful());
        final RpcError error = result.getErrors().iterator().next();
        assertEquals(ErrorType.APPLICATION, error.getErrorType());
        assertEquals(ErrorTag.OPERATION_NOT_SUPPORTED, error.getTag());
        assertTrue(error.getMessage().contains("saeTrustBuiltInCa is false"), error.getMessage());
    }

    private RpcResult<EnrollSaeOutput> enroll(final String saeId, final String csr, final Integer days)
            throws Exception {
        return rpc.invoke(new EnrollSaeInputBuilder()
            .setSaeId(new SaeId(saeId))
            .setCsr(csr)
            .setValidityDays(days == null ? null : Uint16.valueOf(days))
            .build()).get(5, TimeUnit.SECONDS);
    }

    private static void assertInvalid(final RpcResult<EnrollSaeOutput> result, final String message) {
        assertFalse(result.isSuccessful());
        assertEquals(1, result.getErrors().size(), result.getErrors().toString());
        final RpcError error = result.getErrors().iterator().next();
        assertEquals(ErrorType.PROTOCOL, error.getErrorType());
        assertEquals(ErrorTag.INVALID_VALUE, error.getTag());
        assertTrue(error.getMessage().contains(message), error.getMessage());
    }
}

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qslice.it.Etsi014Sae.client;
import static org.qslice.it.Etsi014Sae.get;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qslice.tools.http.Restconf;
import org.qslice.tools.karaf.KarafInstance;

/**
 * The key management service in the booted controller: pools over RESTCONF, keys delivered once over ETSI GS QKD 014
 * with mutual TLS, no key material in any RESTCONF read, and pools with their key ids surviving a controller restart.
 */
@ExtendWith(ControllerExtension.class)
class KmsIT {
    private static final String CHANNEL = "kms-it/a-b#ch9";
    private static final String MASTER = "kms-it-a";
    private static final String SLAVE = "kms-it-b";
    private static final String STRANGER = "kms-it-c";
    private static final String ENROLLED = "kms-it-e";
    private static final String ENROLLED_PEER = "kms-it-f";
    private static final String STORE_PASSWORD = "changeit";

    @Test
    void poolsKeysAndRestart(final KarafInstance controller) throws Exception {
        final var restconf = controller.restconf();
        // every qslice logger at DEBUG for this test, so that no level hides a key from the log check at its end
        final String debug = controller.console(Duration.ofMinutes(2), "log:set DEBUG org.qslice",
            "log:get org.qslice");
        assertTrue(debug.contains("DEBUG"), debug);
        final var create = restconf.rpc("qslice-kms:create-pool", json("""
            {"channel-id": "%s", "key-type": "dh", "master-sae-id": "%s", "slave-sae-id": "%s",
             "pool-size": 16, "low-water": 4}""".formatted(CHANNEL, MASTER, SLAVE)));
        assertEquals(200, create.status(), create.body());
        // a pool nobody pairs the stranger with, so that it gets a client certificate of the same CA
        assertEquals(200, restconf.rpc("qslice-kms:create-pool", json("""
            {"channel-id": "kms-it/other", "key-type": "dh", "master-sae-id": "%s", "slave-sae-id": "%s",
             "pool-size": 4, "low-water": 1}""".formatted(STRANGER, SLAVE + "-x"))).status());

        await(Duration.ofMinutes(2), () -> storedCount(restconf) >= 8);
        final Path pki = controller.home().resolve("etc/qslice-kms-pki");
        await(Duration.ofMinutes(1), () -> Files.exists(pki.resolve("sae/" + MASTER + ".key"))
            && Files.exists(pki.resolve("sae/" + SLAVE + ".key"))
            && Files.exists(pki.resolve("sae/" + STRANGER + ".key")));
        final URI etsi = URI.create(engine(restconf).get("etsi014-url").getAsString());

        final HttpClient master = client(pki, MASTER);
        final HttpClient slave = client(pki, SLAVE);
        final var enc = master.send(get(etsi, "/api/v1/keys/" + SLAVE + "/enc_keys?number=4&size=256"),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, enc.statusCode(), enc.body());
        final JsonArray keys = JsonParser.parseString(enc.body()).getAsJsonObject().getAsJsonArray("keys");
        assertEquals(4, keys.size());
        final var material = new ArrayList<byte[]>();
        final var ids = new ArrayList<String>();
        keys.forEach(key -> {
            ids.add(key.getAsJsonObject().get("key_ID").getAsString());
            material.add(Base64.getDecoder().decode(key.getAsJsonObject().get("key").getAsString()));
        });
        assertEquals(32, material.getFirst().length);

        final var dec = slave.send(get(etsi, "/api/v1/keys/" + MASTER + "/dec_keys?key_ID=" + ids.getFirst()),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, dec.statusCode(), dec.body());
        assertTrue(dec.body().contains(Base64.getEncoder().encodeToString(material.getFirst())), "same key");
        final var again = slave.send(get(etsi, "/api/v1/keys/" + MASTER + "/dec_keys?key_ID=" + ids.getFirst()),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(400, again.statusCode(), "a key is delivered once: " + again.body());

        final var stranger = client(pki, STRANGER).send(get(etsi, "/api/v1/keys/" + MASTER + "/dec_keys?key_ID="
            + ids.get(1)), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, stranger.statusCode(), stranger.body());
        final var malformed = master.send(get(etsi, "/api/v1/keys/" + SLAVE + "/enc_keys?number=lots"),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(400, malformed.statusCode(), malformed.body());

        // nothing readable over RESTCONF carries key bytes, in any encoding
        final String everything = restconf.get("qslice-kms:kms").body()
            + restconf.get("qslice-kms:kms?content=nonconfig").body()
            + restconf.rpc("qslice-kms:get-pool-statistics", null).body();
        assertTrue(everything.contains(ids.getFirst()), "key ids are visible");
        for (byte[] key : material) {
            assertFalse(everything.contains(Base64.getEncoder().encodeToString(key)), "Base64 key in RESTCONF");
            assertFalse(everything.toLowerCase(Locale.ROOT).contains(HexFormat.of().formatHex(key)), "hex key");
        }
        // key delivery is TLS 1.3 through Bouncy Castle JSSE, X25519MLKEM768 preferred; the JDK client above offers
        // classical groups only, so its handshakes negotiated x25519, and kms-status says so
        await(Duration.ofSeconds(30), () -> negotiated(restconf).contains("\"x25519\""));
        final String console = controller.console(Duration.ofMinutes(2), "qslice:kms-status", "qslice:kms-pools");
        assertTrue(console.contains(CHANNEL), console);
        assertTrue(console.contains("TLS key exchange: X25519MLKEM768, x25519"), console);
        assertTrue(console.contains("last negotiated group: x25519 at "), console);

        // no delivered key in any log line, in any form, while every qslice logger was at DEBUG
        assertNoKeyInLogs(controller, material);
        controller.console(Duration.ofMinutes(2), "log:set DEFAULT org.qslice");

        // restart: pools, their configuration and the ids of delivered keys survive
        controller.stop(Duration.ofSeconds(120));
        // delivered keys wait 10 min for their peer (default 60 s), longer than the kill -9 and restart below take
        // and from now on the KMS generates no SAE key: the SAE of enrolsItsOwnKey keeps its own
        Files.writeString(controller.home().resolve("etc/org.qslice.kms.cfg"), "\ndeliveredKeyTtlSeconds = 600\n"
            + "saeKeyGeneration = false\n", StandardOpenOption.APPEND);
        controller.start(Duration.ofSeconds(60));
        controller.awaitReady(ControllerExtension.BOOT_TIMEOUT, () -> restconf.answers("qslice-info:get-info"));
        await(Duration.ofMinutes(2), () -> storedCount(restconf) >= 1);
        final String afterRestart = restconf.get("qslice-kms:kms?content=nonconfig").body();
        for (String id : ids) {
            assertTrue(afterRestart.contains(id), "key id " + id + " lost in the restart");
        }
        // at rest the keys are sealed under the master key (0600), never in clear
        final Path masterKey = controller.home().resolve("etc/qslice-kms-master.key");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(masterKey)));
        final Path vault = controller.home().resolve("data/qslice-kms/vault");
        try (var files = Files.walk(vault)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                final byte[] content = Files.readAllBytes(file);
                for (byte[] key : material) {
                    assertFalse(indexOf(content, key) >= 0, "clear key in " + file);
                }
            }
        }

        killedUnderLoad(controller, restconf, pki);
        enrolsItsOwnKey(restconf, pki);
    }

    /**
     * An SAE that keeps its private key: the JDK's keytool (not our code) makes the key and the PKCS#10 request,
     * {@code enroll-sae} signs it over RESTCONF, and the SAE gets keys with that certificate. Bad requests get 400
     * naming the field. The KMS ({@code saeKeyGeneration = false}) never held a key of that SAE or its peer.
     */
    private static void enrolsItsOwnKey(final Restconf restconf, final Path pki) throws Exception {
        assertEquals(200, restconf.rpc("qslice-kms:create-pool", json("""
            {"channel-id": "kms-it/enrolled", "key-type": "dh", "master-sae-id": "%s", "slave-sae-id": "%s",
             "pool-size": 4, "low-water": 1}""".formatted(ENROLLED, ENROLLED_PEER))).status());
        final Path dir = Files.createTempDirectory(ControllerExtension.workDir(), "sae-");
        final Path store = dir.resolve(ENROLLED + ".p12");
        keytool("-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD,
            "-alias", ENROLLED, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + ENROLLED);
        final String csr = keytool("-certreq", "-keystore", store.toString(), "-storepass", STORE_PASSWORD,
            "-alias", ENROLLED);
        assertTrue(csr.contains("-----BEGIN NEW CERTIFICATE REQUEST-----"), csr);

        final var otherName = enroll(restconf, ENROLLED_PEER, csr);
        assertEquals(400, otherName.status(), otherName.body());
        assertTrue(otherName.body().contains("\"invalid-value\"") && otherName.body().contains(
            "sae-id '" + ENROLLED_PEER + "' differs from the common name '" + ENROLLED + "' of the csr"),
            otherName.body());
        final var garbage = enroll(restconf, ENROLLED, "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n"
            + "-----END CERTIFICATE REQUEST-----\n");
        assertEquals(400, garbage.status(), garbage.body());
        assertTrue(garbage.body().contains("csr is not a well-formed PEM PKCS#10"), garbage.body());

        final var enrolled = enroll(restconf, ENROLLED, csr);
        assertEquals(200, enrolled.status(), enrolled.body());
        final JsonObject output = enrolled.json().getAsJsonObject("qslice-kms:output");
        final var certificates = CertificateFactory.getInstance("X.509");
        final var chain = new ArrayList<Certificate>();
        for (String pem : List.of("certificate", "ca-certificates")) {
            chain.addAll(certificates.generateCertificates(new ByteArrayInputStream(
                output.get(pem).getAsString().getBytes(StandardCharsets.US_ASCII))));
        }
        final var keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, STORE_PASSWORD.toCharArray());
        }
        final var key = (PrivateKey) keys.getKey(ENROLLED, STORE_PASSWORD.toCharArray());
        final HttpClient sae = client(key, chain, pki);
        final URI etsi = URI.create(engine(restconf).get("etsi014-url").getAsString());
        final var status = new AtomicReference<HttpResponse<String>>();
        await(Duration.ofMinutes(1), () -> {
            try {
                status.set(sae.send(get(etsi, "/api/v1/keys/" + ENROLLED_PEER + "/enc_keys"),
                    HttpResponse.BodyHandlers.ofString()));
                return status.get().statusCode() == 200;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        assertTrue(status.get().body().contains("key_ID"), status.get().body());
        for (String named : List.of(ENROLLED, ENROLLED_PEER)) {
            assertFalse(Files.exists(pki.resolve("sae/" + named + ".key")), "the KMS generated a key of " + named);
        }
    }

    private static Restconf.Response enroll(final Restconf restconf, final String saeId,
            final String csr) throws Exception {
        final var input = new JsonObject();
        input.addProperty("sae-id", saeId);
        input.addProperty("csr", csr);
        return restconf.rpc("qslice-kms:enroll-sae", input);
    }

    /** Runs the JDK's keytool, returns its standard output. */
    private static String keytool(final String... arguments) throws Exception {
        final var command = new ArrayList<String>();
        command.add(ControllerExtension.javaHome().resolve("bin/keytool").toString());
        command.addAll(List.of(arguments));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool did not end");
            assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + out);
            return out;
        } finally {
            process.destroyForcibly();
        }
    }

    /**
     * kill -9 while a master SAE takes keys one by one and its slave fetches each: after the restart the slave gets
     * every key its master got and it had not fetched, byte for byte (never lost), and nothing delivered before the
     * kill is delivered again, to the master or the slave (never twice).
     */
    private static void killedUnderLoad(final KarafInstance controller, final Restconf restconf, final Path pki)
            throws Exception {
        final URI etsi = URI.create(engine(restconf).get("etsi014-url").getAsString());
        final HttpClient master = client(pki, MASTER);
        final HttpClient slave = client(pki, SLAVE);
        final Map<String, byte[]> received = new ConcurrentHashMap<>();
        final Set<String> fetched = ConcurrentHashMap.newKeySet();
        final Set<String> unanswered = ConcurrentHashMap.newKeySet();
        final BlockingQueue<String> toFetch = new LinkedBlockingQueue<>();
        final var stop = new AtomicBoolean();
        final ExecutorService load = Executors.newFixedThreadPool(2);
        try {
            load.submit(() -> {
                while (!stop.get()) {
                    try {
                        final var enc = master.send(get(etsi, "/api/v1/keys/" + SLAVE + "/enc_keys?number=1"),
                            HttpResponse.BodyHandlers.ofString());
                        if (enc.statusCode() == 200) {
                            final var key = JsonParser.parseString(enc.body()).getAsJsonObject()
                                .getAsJsonArray("keys").get(0).getAsJsonObject();
                            final String id = key.get("key_ID").getAsString();
                            received.put(id, Base64.getDecoder().decode(key.get("key").getAsString()));
                            toFetch.add(id);
                        }
                    } catch (IOException e) {
                        // the controller is gone
                    }
                }
                return null;
            });
            load.submit(() -> {
                while (!stop.get()) {
                    final String id = toFetch.poll(100, TimeUnit.MILLISECONDS);
                    if (id == null) {
                        continue;
                    }
                    unanswered.add(id);
                    try {
                        final var dec = slave.send(get(etsi, "/api/v1/keys/" + MASTER + "/dec_keys?key_ID=" + id),
                            HttpResponse.BodyHandlers.ofString());
                        unanswered.remove(id);
                        if (dec.statusCode() == 200) {
                            fetched.add(id);
                        }
                    } catch (IOException e) {
                        // the controller is gone: this fetch may or may not have been recorded
                    }
                }
                return null;
            });
            await(Duration.ofMinutes(2), () -> fetched.size() >= 40);
            final ProcessHandle process = controller.process().orElseThrow();
            assertTrue(process.destroyForcibly(), "SIGKILL " + process.pid());
            process.onExit().get(60, TimeUnit.SECONDS);
        } finally {
            stop.set(true);
            load.shutdown();
            assertTrue(load.awaitTermination(1, TimeUnit.MINUTES), "load threads did not stop");
        }
        final int beforeKill = received.size();
        controller.start(Duration.ofSeconds(60));
        controller.awaitReady(ControllerExtension.BOOT_TIMEOUT, () -> restconf.answers("qslice-info:get-info"));
        await(Duration.ofMinutes(2), () -> storedCount(restconf) >= 1);
        final URI after = URI.create(engine(restconf).get("etsi014-url").getAsString());

        // never lost: every key the master got and the slave did not fetch is fetched now, the same bytes
        int recovered = 0;
        for (var key : received.entrySet()) {
            if (fetched.contains(key.getKey()) || unanswered.contains(key.getKey())) {
                continue;
            }
            final var dec = slave.send(get(after, "/api/v1/keys/" + MASTER + "/dec_keys?key_ID=" + key.getKey()),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, dec.statusCode(), "key " + key.getKey() + " lost in the kill: " + dec.body());
            assertTrue(dec.body().contains(Base64.getEncoder().encodeToString(key.getValue())), "same key");
            recovered++;
        }
        // never twice: a key the slave fetched is not fetched again, and the master gets only new keys
        for (String id : fetched) {
            final var again = slave.send(get(after, "/api/v1/keys/" + MASTER + "/dec_keys?key_ID=" + id),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(400, again.statusCode(), "key " + id + " delivered twice to the slave");
        }
        final var fresh = new ArrayList<String>();
        while (fresh.size() < 64) {
            await(Duration.ofMinutes(1), () -> storedCount(restconf) >= 4);
            final var enc = master.send(get(after, "/api/v1/keys/" + SLAVE + "/enc_keys?number=4"),
                HttpResponse.BodyHandlers.ofString());
            if (enc.statusCode() == 200) {
                JsonParser.parseString(enc.body()).getAsJsonObject().getAsJsonArray("keys")
                    .forEach(key -> fresh.add(key.getAsJsonObject().get("key_ID").getAsString()));
            }
        }
        for (String id : fresh) {
            assertFalse(received.containsKey(id), "key " + id + " delivered twice to the master");
        }
        assertTrue(beforeKill >= 40 && recovered + fetched.size() + unanswered.size() >= beforeKill,
            "received " + beforeKill + ", fetched " + fetched.size() + ", recovered " + recovered);
    }

    /**
     * Reads every file of the controller's log directory ({@code karaf.log} and its rolled files, the console
     * output) and fails if one holds a key: its raw bytes, Base64 (standard or URL-safe, padded or not) or hex.
     */
    private static void assertNoKeyInLogs(final KarafInstance controller, final List<byte[]> keys)
            throws IOException {
        final Path logs = controller.home().resolve("data/log");
        final List<Path> files;
        try (var walk = Files.walk(logs)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertFalse(files.isEmpty(), "no log files in " + logs);
        long lines = 0;
        for (Path file : files) {
            final byte[] content = Files.readAllBytes(file);
            final String text = new String(content, StandardCharsets.ISO_8859_1);
            final String lower = text.toLowerCase(Locale.ROOT);
            lines += text.lines().count();
            for (byte[] key : keys) {
                final String hex = HexFormat.of().formatHex(key);
                for (String form : List.of(Base64.getEncoder().encodeToString(key),
                        Base64.getEncoder().withoutPadding().encodeToString(key),
                        Base64.getUrlEncoder().encodeToString(key),
                        Base64.getUrlEncoder().withoutPadding().encodeToString(key))) {
                    assertFalse(text.contains(form), "a key in Base64 in " + file);
                }
                assertFalse(lower.contains(hex), "a key in hex in " + file);
                assertFalse(indexOf(content, key) >= 0, "a raw key in " + file);
            }
        }
        assertTrue(lines > 100, "the controller logged only " + lines + " lines: is this the right directory? "
            + files);
    }

    private static int indexOf(final byte[] haystack, final byte[] needle) {
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    private static JsonObject json(final String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    private static JsonObject engine(final Restconf restconf) throws Exception {
        return json(restconf.get("qslice-kms:kms/engine?content=nonconfig").body())
            .getAsJsonObject("qslice-kms:engine");
    }

    private static String negotiated(final Restconf restconf) {
        try {
            return restconf.get("qslice-kms:kms/engine/etsi014-tls/last-negotiated-group?content=nonconfig").body();
        } catch (java.io.IOException e) {
            // not reported yet: poll again
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static long storedCount(final Restconf restconf) {
        try {
            final var out = restconf.rpc("qslice-kms:get-pool-statistics", json("{\"channel-id\": \"" + CHANNEL
                + "\"}"));
            final var output = out.status() == 200 ? out.json().getAsJsonObject("qslice-kms:output") : null;
            final var pools = output == null ? null : output.getAsJsonArray("pool");
            return pools == null || pools.isEmpty() || !pools.get(0).getAsJsonObject().has("stored-count") ? 0
                : pools.get(0).getAsJsonObject().get("stored-count").getAsLong();
        } catch (java.io.IOException | com.google.gson.JsonParseException | IllegalStateException e) {
            // not ready yet (engine starting, pool not reported): poll again
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static void await(final Duration timeout, final BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(250);
        }
    }
}

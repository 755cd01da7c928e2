/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opendaylight.yangtools.binding.runtime.spi.BindingRuntimeHelpers;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;
import org.qslice.rest.RequestCheck.Encoding;
import org.qslice.rest.RestconfError.Rejection;

class RequestCheckTest {
    private static EffectiveModelContext model;
    private static String useCase1;

    @BeforeAll
    static void model() throws Exception {
        // every YANG module on the class path: qslice's and what they import
        model = BindingRuntimeHelpers.createRuntimeContext().modelContext();
        useCase1 = Files.readString(Path.of("../testbed/use-case-1.json"));
    }

    private static Optional<Rejection> create(final String body) {
        return new RequestCheck(() -> model, RequestCheck.Limits.DEFAULTS)
            .operation("qslice-slice:create-slice", Encoding.JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    private static RestconfError only(final Optional<Rejection> rejection) {
        assertTrue(rejection.isPresent(), "expected a rejection");
        assertEquals(1, rejection.orElseThrow().errors().size());
        return rejection.orElseThrow().errors().get(0);
    }

    @Test
    void theUseCasePasses() {
        assertEquals(Optional.empty(), create(useCase1));
    }

    @Test
    void unknownSecurityLevelNamesTheFieldAndTheChoices() {
        final var error = only(create(useCase1.replaceFirst("\"qra-aes\"", "\"qkd-aes2\"")));
        assertEquals("invalid-value", error.tag());
        assertEquals("/qslice-slice:input/connection[name='cell-1-app']/min-security-level", error.path());
        assertTrue(error.message().contains("'qkd-aes2' is not one of none, dh-aes"), error.message());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"bandwidth-gbps\": \"1\"|\"bandwidth-gbps\": \"1.00001\"|bandwidth-gbps",
        "\"slice-id\": \"use-case-1\"|\"slice-id\": \"a/b\"|slice-id",
        "\"max-latency-us\": 5000|\"max-latency-us\": -1|max-latency-us",
        "\"role\": \"user-plane\"|\"role\": \"user-plane\", \"colour\": \"red\"|colour",
        "\"cpu-cores\": 4|\"cpu-cores\": \"four\"|cpu-cores"
    })
    void badValuesNameTheirField(final String from, final String to, final String field) {
        final var error = only(create(useCase1.replaceFirst(java.util.regex.Pattern.quote(from), to)));

        assertEquals(400, create(useCase1.replaceFirst(java.util.regex.Pattern.quote(from), to)).orElseThrow()
            .status());
        assertTrue(error.path() != null && error.path().endsWith(field), error.path() + " / " + error.message());
        assertTrue(error.message().contains(field), error.message());
    }

    @Test
    void duplicateConnectionNames() {
        final var error = only(create(useCase1.replace("\"cell-2-app\"", "\"cell-1-app\"")));
        assertEquals("/qslice-slice:input/connection[name='cell-1-app']", error.path());
        assertTrue(error.message().contains("duplicate"), error.message());
    }

    @Test
    void notJson() {
        final var error = only(create("{\"input\": {\"slice-id\": "));
        assertEquals("malformed-message", error.tag());
    }

    @Test
    void invalidUtf8() {
        final byte[] body = useCase1.replace("use-case-1", "use-case-X").getBytes(StandardCharsets.UTF_8);
        final int at = new String(body, StandardCharsets.UTF_8).indexOf("use-case-X") + 9;
        body[at] = (byte) 0xC3;
        final var rejection = new RequestCheck(() -> model, RequestCheck.Limits.DEFAULTS)
            .operation("qslice-slice:create-slice", Encoding.JSON, body);
        assertEquals("malformed-message", only(rejection).tag());
        assertTrue(only(rejection).message().contains("UTF-8"));
    }

    @Test
    void oversize() {
        final var rejection = new RequestCheck(() -> model, RequestCheck.Limits.DEFAULTS.withMaxOperationBody(100))
            .operation("qslice-slice:create-slice", Encoding.JSON, useCase1.getBytes(StandardCharsets.UTF_8));
        assertEquals(413, rejection.orElseThrow().status());
        assertEquals("too-big", only(rejection).tag());
    }

    @Test
    void xmlBadEnum() {
        final String xml = "<input xmlns=\"urn:qslice:slice\"><slice-id>s1</slice-id><connection><name>c1</name>"
            + "<a-end><site>cell-1</site></a-end><z-end><site>core-1</site></z-end>"
            + "<min-security-level>bogus</min-security-level><bandwidth-gbps>1</bandwidth-gbps></connection></input>";
        final var rejection = new RequestCheck(() -> model, RequestCheck.Limits.DEFAULTS)
            .operation("qslice-slice:create-slice", Encoding.XML, xml.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, rejection.orElseThrow().status(), rejection.toString());
        assertEquals(Optional.empty(), new RequestCheck(() -> model, RequestCheck.Limits.DEFAULTS)
            .operation("qslice-slice:create-slice", Encoding.XML, xml.replace("bogus", "qkd-aes")
                .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void trailingDataAfterTheDocument() {
        assertEquals("malformed-message", only(create(useCase1 + " }}")).tag());
    }

    @Test
    void unknownModulePrefix() {
        final var error = only(create(useCase1.replace("\"input\"", "\"qslice-nothing:input\"")));
        assertTrue(error.message().contains("qslice-nothing"), error.message());
    }

    @Test
    void topLevelNotAnObject() {
        assertEquals("malformed-message", only(create("[1, 2]")).tag());
    }

    @Test
    void aTopologyWithTwoNodesOfOneIdIsRefused() throws Exception {
        final String topology = Files.readString(Path.of("../testbed/paper-topology.json"));
        final var check = new RequestCheck(() -> model, RequestCheck.Limits.DEFAULTS);
        final String path = "ietf-network:networks/network=qslice";
        assertEquals(Optional.empty(), check.data("PUT", path, Encoding.JSON,
            topology.getBytes(StandardCharsets.UTF_8)));
        final String twice = topology.replaceFirst("\"node-id\": \"cell-2\"", "\"node-id\": \"cell-1\"");
        final var error = only(check.data("PUT", path, Encoding.JSON, twice.getBytes(StandardCharsets.UTF_8)));
        assertTrue(error.message().contains("duplicate entry node[node-id='cell-1']"), error.message());
        // a path the model does not know, and a YANG Patch body: left to RESTCONF
        assertEquals(Optional.empty(), check.data("PUT", "nosuch:thing", Encoding.JSON, twice.getBytes(
            StandardCharsets.UTF_8)));
        assertEquals(Optional.empty(), check.data("PATCH", "", Encoding.JSON, twice.getBytes(
            StandardCharsets.UTF_8)));
    }
}

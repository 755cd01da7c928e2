/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.servlet.FilterChain;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.ServletRequest;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendaylight.yangtools.binding.runtime.spi.BindingRuntimeHelpers;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;

/**
 * The filter around the check: which requests it holds back, what it answers, and that a passing body reaches
 * RESTCONF byte for byte.
 */
class RequestGuardTest {
    private static EffectiveModelContext model;

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final HttpServletResponse response = mock(HttpServletResponse.class);
    private final FilterChain chain = mock(FilterChain.class);

    @BeforeAll
    static void model() {
        model = BindingRuntimeHelpers.createRuntimeContext().modelContext();
    }

    private HttpServletRequest request(final String method, final String path, final String type, final String body)
            throws Exception {
        final var request = mock(HttpServletRequest.class);
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        final var in = new ByteArrayInputStream(bytes);
        when(request.getMethod()).thenReturn(method);
        when(request.getContextPath()).thenReturn("/rests");
        when(request.getRequestURI()).thenReturn("/rests" + path);
        when(request.getContentType()).thenReturn(type);
        when(request.getContentLengthLong()).thenReturn((long) bytes.length);
        when(request.getInputStream()).thenReturn(new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(final ReadListener listener) {
                // blocking reads only
            }
        });
        when(response.getOutputStream()).thenReturn(new ServletOutputStream() {
            @Override
            public void write(final int value) {
                written.write(value);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(final WriteListener listener) {
                // blocking writes only
            }
        });
        return request;
    }

    private static RequestGuard guard(final boolean enabled) {
        return new RequestGuard(new RequestCheck(() -> model, RequestCheck.Limits.DEFAULTS), enabled);
    }

    @Test
    void aBadRpcBodyIsAnsweredAndNeverReachesRestconf() throws Exception {
        guard(true).doFilter(request("POST", "/operations/qslice-slice:create-slice", "application/json",
            "{\"input\": {\"slice-id\": \"a/b\"}}"), response, chain);
        verify(chain, never()).doFilter(any(), any());
        verify(response).setStatus(400);
        verify(response).setContentType("application/yang-data+json");
        assertTrue(written.toString(StandardCharsets.UTF_8).contains("slice-id"), written.toString());
    }

    @Test
    void writesToTheOrchestratorsDataAreRefusedAndReadsPass() throws Exception {
        for (String method : List.of("PUT", "POST", "PATCH", "DELETE")) {
            for (String path : List.of("/data/qslice-slice:slices", "/data/qslice-slice:slices/slice=s1",
                    "/data/qslice-slice:journal/slice=s1/step=3", "/data/qslice-slice%3Ajournal")) {
                written.reset();
                guard(true).doFilter(request(method, path, "application/json", "{}"), response, chain);
                assertTrue(written.toString(StandardCharsets.UTF_8).contains("access-denied"), method + " " + path
                    + ": " + written);
            }
        }
        verify(chain, never()).doFilter(any(), any());
        verify(response, times(16)).setStatus(403);
        guard(true).doFilter(request("GET", "/data/qslice-slice:journal", null, ""), response, chain);
        guard(true).doFilter(request("DELETE", "/data/qslice-slice:slicesx", null, ""), response, chain);
        verify(chain, times(2)).doFilter(any(), any());
    }

    @Test
    void aGoodBodyReachesRestconfUnchanged() throws Exception {
        final String body = "{\"input\": {\"slice-id\": \"s1\"}}";
        final var passed = new AtomicReference<byte[]>();
        doAnswer(call -> {
            passed.set(((ServletRequest) call.getArgument(0)).getInputStream().readAllBytes());
            return null;
        }).when(chain).doFilter(any(), any());
        guard(true).doFilter(request("POST", "/operations/qslice-slice:activate-slice", "application/json", body),
            response, chain);
        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), passed.get());
    }

    @Test
    void otherPathsAndMethodsAreNotTouched() throws Exception {
        guard(true).doFilter(request("POST", "/operations/network-topology:foo", "application/json", "{{{"),
            response, chain);
        guard(true).doFilter(request("GET", "/data/qslice-slice:slices", "application/json", ""), response, chain);
        guard(true).doFilter(request("PUT", "/data/network-topology:network-topology", "application/json", "{{"),
            response, chain);
        verify(chain, org.mockito.Mockito.times(3)).doFilter(any(), any());
        verify(response, never()).setStatus(400);
    }

    @Test
    void anEncodedPathIsDecodedBeforeItIsMatched() throws Exception {
        guard(true).doFilter(request("POST", "/operations/qslice-slice%3Acreate-slice", "application/json",
            "{\"input\": {\"slice-id\": \"a/b\"}}"), response, chain);
        verify(chain, never()).doFilter(any(), any());
        verify(response).setStatus(400);
    }

    @Test
    void anUnsupportedMediaTypeIs415() throws Exception {
        guard(true).doFilter(request("POST", "/operations/qslice-slice:create-slice", "text/plain", "x"), response,
            chain);
        verify(response).setStatus(415);
    }

    @Test
    void disabledPassesEverything() throws Exception {
        guard(false).doFilter(request("POST", "/operations/qslice-slice:create-slice", "application/json", "{{{"),
            response, chain);
        verify(chain).doFilter(any(), any());
        assertEquals(0, written.size());
    }
}

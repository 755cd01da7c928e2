/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.etsi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qslice.kms.engine.TestSupport.containsBytes;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The ETSI 014 connections' allocator: Netty's HTTP encoder copies a small key body into the buffer of the response
 * headers, and that copy (like every buffer of the channel) is zeroed once released.
 */
class WipingAllocatorTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<byte[]> arrays = new CopyOnWriteArrayList<>();
    private final WipingAllocator allocator = new WipingAllocator(arrays::add);

    @Test
    void theEncodersCopyOfAKeyBodyIsZeroedOnceWritten() {
        final byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        final byte[] body = ("{\"keys\":[{\"key_ID\":\"x\",\"key\":\"" + Base64.getEncoder().encodeToString(key)
            + "\"}]}").getBytes(StandardCharsets.US_ASCII);
        final byte[] base64 = Base64.getEncoder().encode(key);

        final var channel = new EmbeddedChannel();
        channel.config().setAllocator(allocator);
        channel.pipeline().addLast(new HttpResponseEncoder());
        final var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
            Unpooled.wrappedBuffer(body));
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        channel.writeOutbound(response);

        // what the socket would send: the encoder's buffer holds the key (the body was copied into it)
        final var written = new ArrayList<ByteBuf>();
        for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            written.add(out);
        }
        assertTrue(arrays.stream().anyMatch(array -> containsBytes(array, base64)),
            "the encoder copied the body into a buffer of the channel's allocator");
        // the socket has written them: released, as the transport does
        written.forEach(ByteBuf::release);
        channel.finishAndReleaseAll();
        for (byte[] array : arrays) {
            assertFalse(containsBytes(array, base64), "a released buffer of " + array.length + " bytes holds the key");
        }
    }

    @Test
    void anOutgrownArrayIsZeroed() {
        final byte[] secret = new byte[16];
        RANDOM.nextBytes(secret);
        final ByteBuf buffer = allocator.heapBuffer(16);
        buffer.writeBytes(secret);
        // growing replaces the array: the old one, holding the secret, is zeroed
        buffer.writeBytes(new byte[4096]);
        buffer.setZero(0, secret.length);
        for (byte[] array : arrays) {
            assertFalse(containsBytes(array, secret), "an array of " + array.length + " bytes holds the secret");
        }
        buffer.release();
    }
}

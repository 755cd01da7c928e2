/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.etsi;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The allocator of every ETSI 014 connection: unpooled heap buffers whose array is zeroed when the buffer is released
 * or outgrown. A key body does not stay only in the buffer the handler wrote: {@code HttpObjectEncoder} copies a
 * small content into the buffer of the response headers, and {@code SslHandler} copies queued buffers into one
 * before it encrypts them; both allocate from the channel's allocator, so with this one every copy is zeroed once
 * Netty is done with it, instead of going back to a pool as it was.
 *
 * <p>Socket reads ({@link #ioBuffer}) use heap buffers too. {@link #directBuffer} is only asked for by native
 * transports and OpenSSL, neither of which is used here: it is served unpooled and is not zeroed.
 */
final class WipingAllocator extends AbstractByteBufAllocator {
    /**
     * The allocator.
     */
    static final WipingAllocator INSTANCE = new WipingAllocator(array -> { });

    private final Consumer<byte[]> arrays;

    /**
     * An allocator that shows each array it allocates to a test.
     *
     * @param arrays sees each new array
     */
    WipingAllocator(final Consumer<byte[]> arrays) {
        super(false);
        this.arrays = requireNonNull(arrays);
    }

    @Override
    protected ByteBuf newHeapBuffer(final int initialCapacity, final int maxCapacity) {
        return new WipingHeapByteBuf(this, initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newDirectBuffer(final int initialCapacity, final int maxCapacity) {
        return UnpooledByteBufAllocator.DEFAULT.directBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public ByteBuf ioBuffer() {
        return heapBuffer();
    }

    @Override
    public ByteBuf ioBuffer(final int initialCapacity) {
        return heapBuffer(initialCapacity);
    }

    @Override
    public ByteBuf ioBuffer(final int initialCapacity, final int maxCapacity) {
        return heapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }

    /*
     * Zeroes its array when released, and the old array when the capacity changes.
     */
    private static final class WipingHeapByteBuf extends UnpooledHeapByteBuf {
        WipingHeapByteBuf(final WipingAllocator alloc, final int initialCapacity, final int maxCapacity) {
            super(alloc, initialCapacity, maxCapacity);
        }

        @Override
        protected byte[] allocateArray(final int initialCapacity) {
            final byte[] array = super.allocateArray(initialCapacity);
            ((WipingAllocator) alloc()).arrays.accept(array);
            return array;
        }

        @Override
        protected void freeArray(final byte[] array) {
            Arrays.fill(array, (byte) 0);
            super.freeArray(array);
        }
    }
}

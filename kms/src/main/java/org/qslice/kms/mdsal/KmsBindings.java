/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.mdsal;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.DateAndTime;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Uuid;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.ChannelId;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.Kms;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.Channels;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.Engine;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.Pools;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.channels.Channel;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.channels.ChannelKey;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.engine.Etsi014Tls;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.pools.Pool;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.pools.PoolKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.Decimal64;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.KmsException;
import org.qslice.api.kms.PoolId;

/**
 * Paths and conversions between the {@code qslice-kms} bindings and the api types.
 */
public final class KmsBindings {
    /** The KMS container. */
    public static final DataObjectIdentifier<Kms> KMS = DataObjectIdentifier.builder(Kms.class).build();
    /** The pools container. */
    public static final DataObjectIdentifier<Pools> POOLS = DataObjectIdentifier.builder(Kms.class)
        .child(Pools.class).build();
    /** The channels container. */
    public static final DataObjectIdentifier<Channels> CHANNELS = DataObjectIdentifier.builder(Kms.class)
        .child(Channels.class).build();
    /** The engine container (operational). */
    public static final DataObjectIdentifier<Engine> ENGINE = DataObjectIdentifier.builder(Kms.class)
        .child(Engine.class).build();
    /** The key delivery server's TLS report (operational). */
    public static final DataObjectIdentifier<Etsi014Tls> ETSI014_TLS = DataObjectIdentifier.builder(Kms.class)
        .child(Engine.class).child(Etsi014Tls.class).build();

    private KmsBindings() {
        // utility class
    }

    /**
     * Path of a pool.
     *
     * @param id the pool
     * @return the path
     */
    public static DataObjectIdentifier.WithKey<Pool, PoolKey> pool(final PoolId id) {
        return DataObjectIdentifier.builder(Kms.class).child(Pools.class).child(Pool.class, poolKey(id)).build();
    }

    /**
     * Key of a pool.
     *
     * @param id the pool
     * @return the binding key
     */
    public static PoolKey poolKey(final PoolId id) {
        return new PoolKey(new ChannelId(id.channelId()), toYang(id.keyType()));
    }

    /**
     * Path of a channel.
     *
     * @param channelId the channel
     * @return the path
     */
    public static DataObjectIdentifier.WithKey<Channel, ChannelKey> channel(final String channelId) {
        return DataObjectIdentifier.builder(Kms.class).child(Channels.class)
            .child(Channel.class, new ChannelKey(new ChannelId(channelId))).build();
    }

    /**
     * Converts a key type to YANG.
     *
     * @param type api key type
     * @return binding key type
     */
    public static org.opendaylight.yang.gen.v1.urn.qslice.types.rev261126.KeyType toYang(final KeyType type) {
        return org.opendaylight.yang.gen.v1.urn.qslice.types.rev261126.KeyType.ofName(type.yangName());
    }

    /**
     * Converts a key type from YANG.
     *
     * @param type binding key type
     * @return api key type
     */
    public static KeyType fromYang(final org.opendaylight.yang.gen.v1.urn.qslice.types.rev261126.KeyType type) {
        return KeyType.ofYangName(type.getName());
    }

    /**
     * Pool id of a pool entry.
     *
     * @param pool the entry
     * @return the id
     */
    public static PoolId poolId(final Pool pool) {
        return new PoolId(pool.requireChannelId().getValue(), fromYang(pool.requireKeyType()));
    }

    static @Nullable DateAndTime time(final @Nullable Instant instant) {
        return instant == null ? null : new DateAndTime(DateTimeFormatter.ISO_INSTANT.format(instant));
    }

    static @Nullable Instant instant(final @Nullable DateAndTime time) {
        return time == null ? null : Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(time.getValue()));
    }

    static @Nullable Uuid uuid(final @Nullable UUID uuid) {
        return uuid == null ? null : new Uuid(uuid.toString());
    }

    static @Nullable UUID uuid(final @Nullable Uuid uuid) {
        return uuid == null ? null : UUID.fromString(uuid.getValue());
    }

    static Decimal64 rate(final double value) {
        return Decimal64.of(3, Math.round(value * 1000));
    }

    static Decimal64 km(final BigDecimal value) {
        return Decimal64.of(3, value.setScale(3, java.math.RoundingMode.HALF_UP).unscaledValue().longValueExact());
    }

    static Uint32 uint32(final long value) {
        return Uint32.valueOf(Math.max(0, Math.min(value, 4_294_967_295L)));
    }

    static Duration millis(final @Nullable Uint32 value, final Duration absent) {
        return value == null ? absent : Duration.ofMillis(value.toJava());
    }

    /**
     * Adapts a Guava future to a completion stage; failures other than {@link KmsException} become
     * {@code UNAVAILABLE}.
     *
     * @param <T> result type
     * @param future the future
     * @param what what was being done, for the message
     * @return the stage
     */
    public static <T> CompletionStage<T> stage(final ListenableFuture<T> future, final String what) {
        final var stage = new CompletableFuture<T>();
        Futures.addCallback(future, new FutureCallback<T>() {
            @Override
            public void onSuccess(final T result) {
                stage.complete(result);
            }

            @Override
            public void onFailure(final Throwable cause) {
                stage.completeExceptionally(cause instanceof KmsException ? cause
                    : new KmsException(KmsException.Reason.UNAVAILABLE, what + " failed: " + cause.getMessage(),
                        cause));
            }
        }, MoreExecutors.directExecutor());
        return stage;
    }
}

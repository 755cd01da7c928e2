/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.mdsal;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.ChannelId;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.CreatePool;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.CreatePoolInput;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.CreatePoolOutput;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.CreatePoolOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.EnrollSae;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.EnrollSaeInput;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.EnrollSaeOutput;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.EnrollSaeOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.GetPoolStatistics;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.GetPoolStatisticsInput;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.GetPoolStatisticsOutput;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.GetPoolStatisticsOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.RemovePool;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.RemovePoolInput;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.RemovePoolOutput;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.RemovePoolOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.SaeId;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.StartChannelRefresh;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.StartChannelRefreshInput;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.StartChannelRefreshOutput;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.StartChannelRefreshOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.StopChannelRefresh;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.StopChannelRefreshInput;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.StopChannelRefreshOutput;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.StopChannelRefreshOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.get.pool.statistics.output.Pool;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.get.pool.statistics.output.PoolBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.get.pool.statistics.output.PoolKey;
import org.opendaylight.yangtools.binding.Rpc;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.qslice.api.kms.ChannelSpec;
import org.qslice.api.kms.KeyManagementService;
import org.qslice.api.kms.KmsException;
import org.qslice.api.kms.PoolId;
import org.qslice.api.kms.PoolSpec;
import org.qslice.api.kms.PoolStatus;
import org.qslice.kms.pki.EnrolmentException;
import org.qslice.kms.pki.SaeEnrolment;

/**
 * The {@code qslice-kms} RPCs: each a small record that converts its input, delegates to the
 * {@link KeyManagementService} and converts the result; never blocks.
 */
public final class KmsRpcs {
    private KmsRpcs() {
        // utility class
    }

    /**
     * Every RPC implementation over one service.
     *
     * @param service the KMS
     * @return the implementations to register
     */
    public static List<Rpc<?, ?>> all(final KeyManagementService service) {
        return List.of(new CreatePoolImpl(service), new RemovePoolImpl(service), new GetPoolStatisticsImpl(service),
            new StartChannelRefreshImpl(service), new StopChannelRefreshImpl(service));
    }

    /**
     * {@code create-pool}.
     *
     * @param service the KMS
     */
    public record CreatePoolImpl(KeyManagementService service) implements CreatePool {
        /**
         * Checks the service.
         *
         * @param service the KMS
         */
        public CreatePoolImpl {
            requireNonNull(service);
        }

        @Override
        public ListenableFuture<RpcResult<CreatePoolOutput>> invoke(final CreatePoolInput input) {
            if (input.getChannelId() == null || input.getKeyType() == null || input.getMasterSaeId() == null
                || input.getSlaveSaeId() == null) {
                return invalid("channel-id, key-type, master-sae-id and slave-sae-id are mandatory");
            }
            final var spec = new PoolSpec(new PoolId(input.getChannelId().getValue(),
                KmsBindings.fromYang(input.getKeyType())), input.getMasterSaeId().getValue(),
                input.getSlaveSaeId().getValue(),
                input.getPoolSize() == null ? null : input.getPoolSize().intValue(),
                input.getLowWater() == null ? null : input.getLowWater().intValue(),
                input.getLinkLengthKm() == null ? null : input.getLinkLengthKm().decimalValue());
            return reply(service.createPool(spec), created -> new CreatePoolOutputBuilder().setCreated(created)
                .build());
        }
    }

    /**
     * {@code remove-pool}.
     *
     * @param service the KMS
     */
    public record RemovePoolImpl(KeyManagementService service) implements RemovePool {
        /**
         * Checks the service.
         *
         * @param service the KMS
         */
        public RemovePoolImpl {
            requireNonNull(service);
        }

        @Override
        public ListenableFuture<RpcResult<RemovePoolOutput>> invoke(final RemovePoolInput input) {
            if (input.getChannelId() == null || input.getKeyType() == null) {
                return invalid("channel-id and key-type are mandatory");
            }
            return reply(service.removePool(new PoolId(input.getChannelId().getValue(),
                KmsBindings.fromYang(input.getKeyType()))), ignored -> new RemovePoolOutputBuilder().build());
        }
    }

    /**
     * {@code get-pool-statistics}.
     *
     * @param service the KMS
     */
    public record GetPoolStatisticsImpl(KeyManagementService service) implements GetPoolStatistics {
        /**
         * Checks the service.
         *
         * @param service the KMS
         */
        public GetPoolStatisticsImpl {
            requireNonNull(service);
        }

        @Override
        public ListenableFuture<RpcResult<GetPoolStatisticsOutput>> invoke(final GetPoolStatisticsInput input) {
            final ChannelId channel = input.getChannelId();
            final var type = input.getKeyType();
            return reply(service.pools(), pools -> {
                final var entries = new ArrayList<Pool>();
                for (PoolStatus pool : pools) {
                    if ((channel == null || channel.getValue().equals(pool.id().channelId()))
                        && (type == null || KmsBindings.fromYang(type) == pool.id().keyType())) {
                        entries.add(entry(pool));
                    }
                }
                return new GetPoolStatisticsOutputBuilder().setPool(BindingMap.ordered(entries)).build();
            });
        }

        private static Pool entry(final PoolStatus pool) {
            final var builder = new PoolBuilder()
                .withKey(new PoolKey(new ChannelId(pool.id().channelId()), KmsBindings.toYang(pool.id().keyType())))
                .setMasterSaeId(new SaeId(pool.masterSaeId()))
                .setSlaveSaeId(new SaeId(pool.slaveSaeId()))
                .setEnginePresent(pool.enginePresent())
                .setPoolSize(KmsBindings.uint32(pool.poolSize()))
                .setLowWater(KmsBindings.uint32(pool.lowWater()));
            if (pool.enginePresent()) {
                builder.setStoredCount(KmsBindings.uint32(pool.stored()))
                    .setPendingCount(KmsBindings.uint32(pool.pending()))
                    .setGeneratedTotal(Uint64.valueOf(pool.generatedTotal()))
                    .setDeliveredTotal(Uint64.valueOf(pool.deliveredTotal()))
                    .setConsumedTotal(Uint64.valueOf(pool.consumedTotal()))
                    .setDiscardedTotal(Uint64.valueOf(pool.discardedTotal()))
                    .setGenerationFailures(Uint64.valueOf(pool.generationFailures()))
                    .setConsumptionRate(KmsBindings.rate(pool.consumptionRate()))
                    .setGenerationRate(KmsBindings.rate(pool.generationRate()))
                    .setSecretKeyRateBps(pool.secretKeyRateBps() == null ? null
                        : KmsBindings.rate(pool.secretKeyRateBps()))
                    .setStarving(pool.starving())
                    .setStarvationEvents(Uint64.valueOf(pool.starvationEvents()))
                    .setLastRefresh(KmsBindings.time(pool.lastRefresh()))
                    .setLastError(pool.lastError());
            }
            return builder.build();
        }
    }

    /**
     * {@code start-channel-refresh}.
     *
     * @param service the KMS
     */
    public record StartChannelRefreshImpl(KeyManagementService service) implements StartChannelRefresh {
        /**
         * Checks the service.
         *
         * @param service the KMS
         */
        public StartChannelRefreshImpl {
            requireNonNull(service);
        }

        @Override
        public ListenableFuture<RpcResult<StartChannelRefreshOutput>> invoke(final StartChannelRefreshInput input) {
            if (input.getChannelId() == null || input.getKeyType() == null) {
                return invalid("channel-id and key-type are mandatory");
            }
            final var spec = new ChannelSpec(input.getChannelId().getValue(), KmsBindings.fromYang(input.getKeyType()),
                input.getMasterSaeId() == null ? null : input.getMasterSaeId().getValue(),
                input.getSlaveSaeId() == null ? null : input.getSlaveSaeId().getValue(),
                input.getRefreshIntervalMs() == null ? null : Duration.ofMillis(input.getRefreshIntervalMs().toJava()));
            return reply(service.startChannelRefresh(spec), ignored -> new StartChannelRefreshOutputBuilder().build());
        }
    }

    /**
     * {@code stop-channel-refresh}.
     *
     * @param service the KMS
     */
    public record StopChannelRefreshImpl(KeyManagementService service) implements StopChannelRefresh {
        /**
         * Checks the service.
         *
         * @param service the KMS
         */
        public StopChannelRefreshImpl {
            requireNonNull(service);
        }

        @Override
        public ListenableFuture<RpcResult<StopChannelRefreshOutput>> invoke(final StopChannelRefreshInput input) {
            if (input.getChannelId() == null) {
                return invalid("channel-id is mandatory");
            }
            return reply(service.stopChannelRefresh(input.getChannelId().getValue()),
                ignored -> new StopChannelRefreshOutputBuilder().build());
        }
    }

    /**
     * {@code enroll-sae}: registered by the node that runs the engine (whose CA signs), not by {@link #all}. The work
     * is a CSR check and one signature (no I/O, no lock): it runs on the caller's thread.
     *
     * @param enrolment the engine's enrolment
     */
    public record EnrollSaeImpl(SaeEnrolment enrolment) implements EnrollSae {
        /**
         * Checks the enrolment.
         *
         * @param enrolment the engine's enrolment
         */
        public EnrollSaeImpl {
            requireNonNull(enrolment);
        }

        @Override
        public ListenableFuture<RpcResult<EnrollSaeOutput>> invoke(final EnrollSaeInput input) {
            if (input.getSaeId() == null || input.getCsr() == null) {
                return invalid("sae-id and csr are mandatory");
            }
            final SaeEnrolment.Issued issued;
            try {
                issued = enrolment.enroll(input.getSaeId().getValue(), input.getCsr(),
                    input.getValidityDays() == null ? null : Duration.ofDays(input.getValidityDays().toJava()));
            } catch (EnrolmentException e) {
                final var failed = RpcResultBuilder.<EnrollSaeOutput>failed();
                switch (e.reason()) {
                    case INVALID_VALUE -> failed.withError(ErrorType.PROTOCOL, ErrorTag.INVALID_VALUE,
                        e.getMessage());
                    case NOT_SUPPORTED -> failed.withError(ErrorType.APPLICATION, ErrorTag.OPERATION_NOT_SUPPORTED,
                        "enroll-sae: " + e.getMessage());
                    default -> failed.withError(ErrorType.APPLICATION, ErrorTag.OPERATION_FAILED,
                        "enroll-sae: " + e.getMessage(), null, null, e.getCause());
                }
                return failed.buildFuture();
            }
            return RpcResultBuilder.success(new EnrollSaeOutputBuilder()
                .setCertificate(issued.certificatePem())
                .setCaCertificates(issued.caChainPem())
                .setSerialNumber(issued.serialHex())
                .setNotAfter(KmsBindings.time(issued.notAfter()))
                .build()).buildFuture();
        }
    }

    private static <O> ListenableFuture<RpcResult<O>> invalid(final String message) {
        final SettableFuture<RpcResult<O>> future = SettableFuture.create();
        future.set(RpcResultBuilder.<O>failed().withError(ErrorType.PROTOCOL, ErrorTag.INVALID_VALUE, message)
            .build());
        return future;
    }

    private static <T, O> ListenableFuture<RpcResult<O>> reply(final CompletionStage<T> stage,
            final Function<T, O> output) {
        final SettableFuture<RpcResult<O>> future = SettableFuture.create();
        stage.whenComplete((result, failure) -> {
            if (failure == null) {
                future.set(RpcResultBuilder.success(output.apply(result)).build());
                return;
            }
            final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
            if (cause instanceof KmsException kms) {
                final var builder = RpcResultBuilder.<O>failed();
                switch (kms.reason()) {
                    case INVALID_VALUE -> builder.withError(ErrorType.PROTOCOL, ErrorTag.INVALID_VALUE,
                        kms.getMessage());
                    case NOT_FOUND -> builder.withError(ErrorType.PROTOCOL, ErrorTag.DATA_MISSING, kms.getMessage());
                    case IN_USE -> builder.withError(ErrorType.APPLICATION, ErrorTag.IN_USE, kms.getMessage());
                    default -> builder.withError(ErrorType.APPLICATION, ErrorTag.RESOURCE_DENIED, kms.getMessage(),
                        null, null, kms.getCause());
                }
                future.set(builder.build());
            } else {
                future.set(RpcResultBuilder.<O>failed().withError(ErrorType.APPLICATION, ErrorTag.OPERATION_FAILED,
                    "KMS request failed: " + cause.getMessage(), null, null, cause).build());
            }
        });
        return future;
    }
}

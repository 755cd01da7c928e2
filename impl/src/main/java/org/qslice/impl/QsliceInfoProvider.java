/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.util.ArrayList;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.opendaylight.yang.gen.v1.urn.qslice.info.rev261126.GetInfo;
import org.opendaylight.yang.gen.v1.urn.qslice.info.rev261126.GetInfoInput;
import org.opendaylight.yang.gen.v1.urn.qslice.info.rev261126.GetInfoOutput;
import org.opendaylight.yang.gen.v1.urn.qslice.info.rev261126.GetInfoOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.info.rev261126.get.info.output.SecurityLevel;
import org.opendaylight.yang.gen.v1.urn.qslice.info.rev261126.get.info.output.SecurityLevelBuilder;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.opendaylight.yangtools.yang.common.Uint8;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.qslice.api.QsliceInfo;
import org.qslice.impl.mdsal.YangEnums;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link QsliceInfo} as an OSGi service and as the {@code qslice-info:get-info} RPC.
 */
@Component(service = QsliceInfo.class, immediate = true)
public final class QsliceInfoProvider implements QsliceInfo {
    private static final Logger LOG = LoggerFactory.getLogger(QsliceInfoProvider.class);

    private final String version;
    private final Registration registration;

    /**
     * Registers the RPC.
     *
     * @param rpcProvider MD-SAL RPC registry
     * @param context this bundle's context, for its version
     */
    @Activate
    public QsliceInfoProvider(@Reference final RpcProviderService rpcProvider, final BundleContext context) {
        version = context.getBundle().getVersion().toString();
        registration = rpcProvider.registerRpcImplementation(new GetInfoImpl(this));
        LOG.info("qslice {} started", version);
    }

    /**
     * Unregisters the RPC.
     */
    @Deactivate
    public void deactivate() {
        registration.close();
        LOG.info("qslice {} stopped", version);
    }

    @Override
    public String version() {
        return version;
    }

    /**
     * The {@code get-info} RPC.
     *
     * @param info where the answer comes from
     */
    record GetInfoImpl(QsliceInfo info) implements GetInfo {
        GetInfoImpl {
            requireNonNull(info);
        }

        @Override
        public ListenableFuture<RpcResult<GetInfoOutput>> invoke(final GetInfoInput input) {
            final var levels = new ArrayList<SecurityLevel>();
            for (var level : info.securityLevels()) {
                levels.add(new SecurityLevelBuilder()
                    .setName(YangEnums.toYang(level))
                    .setRank(Uint8.valueOf(level.rank()))
                    .setDescription(level.description())
                    .build());
            }
            return Futures.immediateFuture(RpcResultBuilder.success(new GetInfoOutputBuilder()
                .setVersion(info.version())
                .setSecurityLevel(levels)
                .build()).build());
        }
    }
}

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.mdsal;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.opendaylight.mdsal.dom.api.DOMRpcResult;
import org.opendaylight.mdsal.dom.api.DOMRpcService;
import org.opendaylight.yangtools.yang.common.ErrorSeverity;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.QNameModule;
import org.opendaylight.yangtools.yang.common.XMLNamespace;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.LeafNode;
import org.opendaylight.yangtools.yang.data.spi.node.ImmutableNodes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.qslice.api.cluster.ClusterStatus;
import org.qslice.api.cluster.ClusterView;
import org.qslice.impl.cluster.ClusterMBeans;

/**
 * {@link ClusterStatus} of this member: the qslice singletons' owners from the cluster's entity ownership service
 * (its {@code odl-entity-owners:get-entity-owner} RPC, the entity a {@code ClusterSingletonService} group registers:
 * type {@code org.opendaylight.mdsal.ServiceEntityType}, name the group), the rest from {@link ClusterMBeans} over
 * the platform MBean server.
 */
@Component(service = ClusterStatus.class)
public final class ClusterStatusProvider implements ClusterStatus {
    /** The entity type of a singleton service group (mdsal-singleton-impl). */
    static final String SERVICE_ENTITY_TYPE = "org.opendaylight.mdsal.ServiceEntityType";

    private static final QNameModule ENTITY_OWNERS =
        QNameModule.of(XMLNamespace.of("urn:opendaylight:params:xml:ns:yang:controller:entity-owners"));
    static final QName GET_ENTITY_OWNER = QName.create(ENTITY_OWNERS, "get-entity-owner");
    private static final NodeIdentifier INPUT = NodeIdentifier.create(QName.create(ENTITY_OWNERS, "input"));
    private static final QName TYPE = QName.create(ENTITY_OWNERS, "type");
    private static final QName NAME = QName.create(ENTITY_OWNERS, "name");
    private static final NodeIdentifier OWNER_NODE = NodeIdentifier.create(QName.create(ENTITY_OWNERS, "owner-node"));

    private final DOMRpcService rpcs;
    private final ClusterMBeans mbeans;

    /**
     * Reads the platform MBean server and asks the entity ownership service through the DOM RPC service.
     *
     * @param rpcs the DOM RPC service
     */
    @Activate
    public ClusterStatusProvider(@Reference final DOMRpcService rpcs) {
        this(rpcs, new ClusterMBeans(ManagementFactory.getPlatformMBeanServer()));
    }

    ClusterStatusProvider(final DOMRpcService rpcs, final ClusterMBeans mbeans) {
        this.rpcs = requireNonNull(rpcs);
        this.mbeans = requireNonNull(mbeans);
    }

    @Override
    public CompletionStage<ClusterView> view() {
        final CompletableFuture<ClusterView.Singleton> orchestrator = owner(ORCHESTRATOR);
        final CompletableFuture<ClusterView.Singleton> kms = owner(KMS);
        // the MBean reads may ask the shard actors: not on the thread that completed the RPC
        return orchestrator.thenCombineAsync(kms, (first, second) -> new ClusterView(mbeans.localMember(),
            List.of(first, second), mbeans.shards(), mbeans.members()));
    }

    /**
     * Asks who owns a singleton group; never fails (an error is part of the answer).
     *
     * @param group the group
     * @return its owner
     */
    @SuppressWarnings("checkstyle:IllegalCatch")
    CompletableFuture<ClusterView.Singleton> owner(final String group) {
        final var answer = new CompletableFuture<ClusterView.Singleton>();
        final ListenableFuture<? extends DOMRpcResult> call;
        try {
            call = rpcs.invokeRpc(GET_ENTITY_OWNER, ImmutableNodes.newContainerBuilder()
                .withNodeIdentifier(INPUT)
                .withChild(ImmutableNodes.leafNode(TYPE, SERVICE_ENTITY_TYPE))
                .withChild(ImmutableNodes.leafNode(NAME, group))
                .build());
        } catch (RuntimeException e) {
            // an RPC service that refuses the call outright: the owner is unknown, the rest of the view is not
            answer.complete(unknown(group, e));
            return answer;
        }
        Futures.addCallback(call, new FutureCallback<DOMRpcResult>() {
            @Override
            @SuppressWarnings("checkstyle:IllegalCatch")
            public void onSuccess(final DOMRpcResult result) {
                try {
                    answer.complete(singleton(group, result));
                } catch (RuntimeException e) {
                    // an answer of a shape we do not expect: the owner is unknown, the caller still gets the view
                    answer.complete(unknown(group, e));
                }
            }

            @Override
            public void onFailure(final Throwable cause) {
                answer.complete(unknown(group, cause));
            }
        }, MoreExecutors.directExecutor());
        return answer;
    }

    private static ClusterView.Singleton singleton(final String group, final DOMRpcResult result) {
        final var errors = result.errors().stream()
            .filter(error -> error.getSeverity() == ErrorSeverity.ERROR).toList();
        if (!errors.isEmpty()) {
            final String message = errors.getFirst().getMessage();
            return new ClusterView.Singleton(group, Optional.empty(), Optional.of(message != null ? message
                : "the entity ownership service answered an error without a message"));
        }
        final ContainerNode output = result.value();
        final Optional<String> owner = output == null ? Optional.empty()
            : Optional.ofNullable(output.childByArg(OWNER_NODE))
                .filter(LeafNode.class::isInstance)
                .map(leaf -> ((LeafNode<?>) leaf).body().toString());
        return new ClusterView.Singleton(group, owner, Optional.empty());
    }

    private static ClusterView.Singleton unknown(final String group, final Throwable cause) {
        return new ClusterView.Singleton(group, Optional.empty(),
            Optional.of(cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName()));
    }
}

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.mdsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import com.google.common.util.concurrent.Futures;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerFactory;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.dom.api.DOMRpcResult;
import org.opendaylight.mdsal.dom.api.DOMRpcService;
import org.opendaylight.yangtools.yang.common.ErrorSeverity;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.RpcError;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.LeafNode;
import org.opendaylight.yangtools.yang.data.spi.node.ImmutableNodes;
import org.qslice.api.cluster.ClusterStatus;
import org.qslice.api.cluster.ClusterView;
import org.qslice.impl.cluster.ClusterMBeans;

class ClusterStatusProviderTest {
    private static final QName OWNER_NODE = QName.create(ClusterStatusProvider.GET_ENTITY_OWNER, "owner-node");
    private static final QName NAME = QName.create(ClusterStatusProvider.GET_ENTITY_OWNER, "name");
    private static final QName TYPE = QName.create(ClusterStatusProvider.GET_ENTITY_OWNER, "type");

    private static DOMRpcResult result(final ContainerNode output) {
        return result(List.of(), output);
    }

    private static DOMRpcResult result(final List<RpcError> errors, final ContainerNode output) {
        return new DOMRpcResult() {
            @Override
            public Collection<? extends RpcError> errors() {
                return errors;
            }

            @Override
            public ContainerNode value() {
                return output;
            }
        };
    }

    private static ContainerNode output(final Optional<String> owner) {
        final var builder = ImmutableNodes.newContainerBuilder()
            .withNodeIdentifier(NodeIdentifier.create(QName.create(OWNER_NODE, "output")));
        owner.ifPresent(member -> builder.withChild(ImmutableNodes.leafNode(OWNER_NODE, member)));
        return builder.build();
    }

    private static String leaf(final ContainerNode input, final QName name) {
        return ((LeafNode<?>) input.getChildByArg(NodeIdentifier.create(name))).body().toString();
    }

    @Test
    void asksTheEntityOwnershipServiceForEachSingleton() throws Exception {
        final DOMRpcService rpcs = mock(DOMRpcService.class);
        doAnswer(call -> {
            final ContainerNode input = call.getArgument(1);
            assertEquals("org.opendaylight.mdsal.ServiceEntityType", leaf(input, TYPE));
            return switch (leaf(input, NAME)) {
                case ClusterStatus.ORCHESTRATOR -> Futures.immediateFuture(result(output(Optional.of("member-3"))));
                // between a member's death and the takeover nobody owns it
                case ClusterStatus.KMS -> Futures.immediateFuture(result(output(Optional.empty())));
                default -> throw new AssertionError("asked for " + leaf(input, NAME));
            };
        }).when(rpcs).invokeRpc(eq(ClusterStatusProvider.GET_ENTITY_OWNER), any());
        final ClusterView view = new ClusterStatusProvider(rpcs, new ClusterMBeans(MBeanServerFactory.newMBeanServer()))
            .view().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(ClusterMBeans.DEFAULT_MEMBER, view.localMember());
        assertEquals(List.of(
            new ClusterView.Singleton(ClusterStatus.ORCHESTRATOR, Optional.of("member-3"), Optional.empty()),
            new ClusterView.Singleton(ClusterStatus.KMS, Optional.empty(), Optional.empty())), view.singletons());
    }

    @Test
    void anRpcThatFailsLeavesTheOwnerUnknownAndTheRestOfTheView() throws Exception {
        final DOMRpcService rpcs = mock(DOMRpcService.class);
        doAnswer(call -> Futures.immediateFailedFuture(new IllegalStateException("no entity ownership service")))
            .when(rpcs).invokeRpc(any(), any());
        final ClusterView view = new ClusterStatusProvider(rpcs, new ClusterMBeans(MBeanServerFactory.newMBeanServer()))
            .view().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(List.of(
            new ClusterView.Singleton(ClusterStatus.ORCHESTRATOR, Optional.empty(),
                Optional.of("no entity ownership service")),
            new ClusterView.Singleton(ClusterStatus.KMS, Optional.empty(), Optional.of("no entity ownership service"))),
            view.singletons());
    }

    @Test
    void anErrorWithoutMessageOrAnOddAnswerStillGivesTheView() throws Exception {
        final DOMRpcService rpcs = mock(DOMRpcService.class);
        final RpcError silent = mock(RpcError.class);
        doAnswer(call -> ErrorSeverity.ERROR).when(silent).getSeverity();
        doAnswer(call -> switch (leaf(call.getArgument(1), NAME)) {
            // an error without a message
            case ClusterStatus.ORCHESTRATOR -> Futures.immediateFuture(result(List.of(silent), null));
            // an answer whose accessors fail
            default -> Futures.immediateFuture(new DOMRpcResult() {
                @Override
                public Collection<? extends RpcError> errors() {
                    throw new IllegalStateException("odd answer");
                }

                @Override
                public ContainerNode value() {
                    return null;
                }
            });
        }).when(rpcs).invokeRpc(eq(ClusterStatusProvider.GET_ENTITY_OWNER), any());
        final ClusterView view = new ClusterStatusProvider(rpcs, new ClusterMBeans(MBeanServerFactory.newMBeanServer()))
            .view().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(List.of(
            new ClusterView.Singleton(ClusterStatus.ORCHESTRATOR, Optional.empty(),
                Optional.of("the entity ownership service answered an error without a message")),
            new ClusterView.Singleton(ClusterStatus.KMS, Optional.empty(), Optional.of("odd answer"))),
            view.singletons());
    }
}

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.transform.dom.DOMSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.dom.api.DOMRpcResult;
import org.opendaylight.mdsal.dom.api.DOMRpcService;
import org.opendaylight.mdsal.dom.spi.DefaultDOMRpcResult;
import org.opendaylight.yang.gen.v1.urn.qslice.ethernet._switch.rev261126.EthernetSwitch;
import org.opendaylight.yang.gen.v1.urn.qslice.ethernet._switch.rev261126.ethernet._switch.CrossConnect;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.AnyxmlNode;
import org.opendaylight.yangtools.yang.data.api.schema.ChoiceNode;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.w3c.dom.Element;

class BatchedRemovalTest {
    private static final BatchedRemoval.EntryList SWITCH = new BatchedRemoval.EntryList(EthernetSwitch.QNAME,
        CrossConnect.QNAME, QName.create(CrossConnect.QNAME, "name"));
    private static final QName EDIT_CONFIG = QName.create(BatchedRemoval.NETCONF_NS, "2011-06-01", "edit-config");

    private final DataBroker broker = mock(DataBroker.class);
    private final WriteTransaction tx = mock(WriteTransaction.class);
    private final DOMRpcService rpc = mock(DOMRpcService.class);
    private final AtomicInteger perEntryRuns = new AtomicInteger();

    @BeforeEach
    void setUp() {
        doReturn(tx).when(broker).newWriteOnlyTransaction();
        doReturn(CommitInfo.emptyFluentFuture()).when(tx).commit();
    }

    @Test
    void theConfigRemovesEveryNamedEntryAndNothingElse() {
        final Element config = BatchedRemoval.config(SWITCH, List.of("s1/c1", "s1/c2"));
        assertEquals(BatchedRemoval.NETCONF_NS, config.getNamespaceURI());
        assertEquals("config", config.getLocalName());
        assertEquals(1, config.getChildNodes().getLength());
        final Element root = (Element) config.getFirstChild();
        assertEquals("ethernet-switch", root.getLocalName());
        assertEquals(EthernetSwitch.QNAME.getNamespace().toString(), root.getNamespaceURI());
        assertEquals(2, root.getChildNodes().getLength());
        for (int i = 0; i < 2; i++) {
            final Element entry = (Element) root.getChildNodes().item(i);
            assertEquals("cross-connect", entry.getLocalName());
            assertEquals("remove", entry.getAttributeNS(BatchedRemoval.NETCONF_NS, "operation"));
            assertEquals(1, entry.getChildNodes().getLength());
            final Element key = (Element) entry.getFirstChild();
            assertEquals("name", key.getLocalName());
            assertEquals(List.of("s1/c1", "s1/c2").get(i), key.getTextContent());
        }
    }

    @Test
    void theEditTargetsTheCandidateAndCarriesTheConfig() {
        final ContainerNode input = BatchedRemoval.editConfig(SWITCH, List.of("a"));
        final var target = (ContainerNode) input.getChildByArg(new NodeIdentifier(QName.create(EDIT_CONFIG,
            "target")));
        final var choice = (ChoiceNode) target.getChildByArg(new NodeIdentifier(QName.create(EDIT_CONFIG,
            "config-target")));
        assertEquals(1, choice.size());
        assertEquals("candidate", choice.body().iterator().next().name().getNodeType().getLocalName());
        final var content = (ChoiceNode) input.getChildByArg(new NodeIdentifier(QName.create(EDIT_CONFIG,
            "edit-content")));
        final var config = assertInstanceOf(AnyxmlNode.class, content.body().iterator().next());
        final var element = (Element) ((DOMSource) config.body()).getNode();
        assertEquals("config", element.getLocalName());
    }

    @Test
    void anAcceptedEditIsCommittedInTheSameTransaction() throws Exception {
        doReturn(Futures.immediateFuture(new DefaultDOMRpcResult())).when(rpc).invokeRpc(eq(EDIT_CONFIG), any());
        get(BatchedRemoval.remove("sw", broker, rpc, SWITCH, List.of("a", "b"), this::perEntry));
        verify(broker).newWriteOnlyTransaction();
        verify(rpc).invokeRpc(eq(EDIT_CONFIG), any());
        verify(tx).commit();
        assertEquals(0, perEntryRuns.get());
    }

    @Test
    void aRefusedEditFallsBackToEntryByEntryRemoval() throws Exception {
        final ListenableFuture<DOMRpcResult> refused = Futures.immediateFuture(new DefaultDOMRpcResult(List.of(
            RpcResultBuilder.newError(ErrorType.PROTOCOL, ErrorTag.OPERATION_NOT_SUPPORTED, "no candidate"))));
        doReturn(refused).when(rpc).invokeRpc(eq(EDIT_CONFIG), any());
        get(BatchedRemoval.remove("sw", broker, rpc, SWITCH, List.of("a"), this::perEntry));
        assertEquals(1, perEntryRuns.get());
    }

    @Test
    void aFailedEditIsReportedWithoutTheFallback() {
        doReturn(Futures.immediateFailedFuture(new IOException("session down"))).when(rpc)
            .invokeRpc(eq(EDIT_CONFIG), any());
        final var failure = assertThrows(ExecutionException.class,
            () -> get(BatchedRemoval.remove("sw", broker, rpc, SWITCH, List.of("a"), this::perEntry)));
        assertInstanceOf(IOException.class, failure.getCause());
        assertEquals(0, perEntryRuns.get());
    }

    @Test
    void aFailedCommitIsReported() {
        doReturn(Futures.immediateFuture(new DefaultDOMRpcResult())).when(rpc).invokeRpc(eq(EDIT_CONFIG), any());
        doReturn(FluentFuture.from(Futures.immediateFailedFuture(new IllegalStateException("commit refused"))))
            .when(tx).commit();
        final var failure = assertThrows(ExecutionException.class,
            () -> get(BatchedRemoval.remove("sw", broker, rpc, SWITCH, List.of("a"), this::perEntry)));
        assertTrue(failure.getCause().getMessage().contains("commit refused"));
        assertEquals(0, perEntryRuns.get());
    }

    private ListenableFuture<?> perEntry() {
        perEntryRuns.incrementAndGet();
        return Futures.immediateVoidFuture();
    }

    private static Object get(final ListenableFuture<?> future)
            throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(10, TimeUnit.SECONDS);
    }
}

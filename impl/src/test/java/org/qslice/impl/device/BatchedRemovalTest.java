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
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.transform.dom.DOMSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.MountPoint;
import org.opendaylight.mdsal.binding.api.MountPointService;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.dom.api.DOMMountPoint;
import org.opendaylight.mdsal.dom.api.DOMMountPointService;
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

/**
 * The batched-removal decorator: one edit-config removing every named entry, committed in the driver's transaction,
 * the driver's own removal when the device refuses it or when the decorator is switched off.
 */
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
    void aListUnderNestedContainersIsReachedThroughThem() {
        // OpenConfig's logical channels: terminal-device/logical-channels/channel, keyed by index
        final Element config = BatchedRemoval.config(OpenConfigEncryptor.ENTRIES, List.of("17", "42"));
        final Element device = (Element) config.getFirstChild();
        assertEquals("terminal-device", device.getLocalName());
        assertEquals("http://openconfig.net/yang/terminal-device", device.getNamespaceURI());
        assertEquals(1, device.getChildNodes().getLength());
        final Element channels = (Element) device.getFirstChild();
        assertEquals("logical-channels", channels.getLocalName());
        assertEquals(2, channels.getChildNodes().getLength());
        final Element second = (Element) channels.getChildNodes().item(1);
        assertEquals("channel", second.getLocalName());
        assertEquals("remove", second.getAttributeNS(BatchedRemoval.NETCONF_NS, "operation"));
        assertEquals("index", second.getFirstChild().getLocalName());
        assertEquals("42", second.getFirstChild().getTextContent());
    }

    @Test
    void switchedOffTheDecoratorLeavesTheRemovalToTheDriver() throws Exception {
        doReturn(Futures.immediateFuture(new DefaultDOMRpcResult())).when(rpc).invokeRpc(eq(EDIT_CONFIG), any());
        final var mounts = mock(MountPointService.class);
        final var mount = mock(MountPoint.class);
        doReturn(Optional.of(mount)).when(mounts).findMountPoint(any());
        doReturn(Optional.of(broker)).when(mount).getService(DataBroker.class);
        final var domMounts = mock(DOMMountPointService.class);
        final var domMount = mock(DOMMountPoint.class);
        doReturn(Optional.of(domMount)).when(domMounts).getMountPoint(any());
        doReturn(Optional.of(rpc)).when(domMount).getService(DOMRpcService.class);
        final var timer = Executors.newSingleThreadScheduledExecutor();
        try {
            final var off = new MountPointDevices(mounts, domMounts, timer, Duration.ofSeconds(5), false);
            get(off.removeEntries("sw", "removing", SWITCH, List.of("a", "b"), ignored -> perEntry()));
            assertEquals(1, perEntryRuns.get());
            verify(rpc, never()).invokeRpc(any(), any());

            final var on = new MountPointDevices(mounts, domMounts, timer, Duration.ofSeconds(5), true);
            get(on.removeEntries("sw", "removing", SWITCH, List.of("a", "b"), ignored -> perEntry()));
            assertEquals(1, perEntryRuns.get());
            verify(rpc).invokeRpc(eq(EDIT_CONFIG), any());
        } finally {
            timer.shutdownNow();
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

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.device;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.dom.DOMSource;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.dom.api.DOMRpcResult;
import org.opendaylight.mdsal.dom.api.DOMRpcService;
import org.opendaylight.yangtools.yang.common.Empty;
import org.opendaylight.yangtools.yang.common.ErrorSeverity;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.RpcError;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.spi.node.ImmutableNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The batched-removal decorator of a driver's removal (switched off by {@code batched-removal = false} in
 * {@code org.qslice.orchestrator.cfg}; {@link MountPointDevices#removeEntries} applies it).
 *
 * <p>Removes list entries of a device with ONE NETCONF {@code edit-config}, every entry marked
 * {@code operation="remove"} (RFC 6241 7.2: deleted if present, no error if absent), instead of one
 * {@code edit-config} per entry, which is what a delete through the mount point's {@link DataBroker} costs.
 *
 * <p>The locks and the commit stay OpenDaylight's: the edit runs inside a write transaction of the mount point's
 * data broker, which locks the device's datastore(s) when it is created and commits and unlocks when it is
 * committed. The edit goes to the mount point's {@link DOMRpcService} between the two, on the same NETCONF session,
 * so the device sees lock, edit-config, commit, unlock in this order. The edit targets {@code candidate}. If the
 * device answers it with an {@code rpc-error} (a device without {@code :candidate}, or one that refuses the edit),
 * the caller's per-entry removal runs after it, so the device's own error, if any, is what gets reported.
 */
final class BatchedRemoval {
    /** Namespace of the NETCONF base operations. */
    static final String NETCONF_NS = "urn:ietf:params:xml:ns:netconf:base:1.0";

    private static final QName EDIT_CONFIG = QName.create(NETCONF_NS, "2011-06-01", "edit-config");
    private static final NodeIdentifier INPUT = NodeIdentifier.create(EDIT_CONFIG);
    private static final NodeIdentifier TARGET = NodeIdentifier.create(QName.create(EDIT_CONFIG, "target"));
    private static final NodeIdentifier CONFIG_TARGET =
        NodeIdentifier.create(QName.create(EDIT_CONFIG, "config-target"));
    private static final NodeIdentifier CANDIDATE = NodeIdentifier.create(QName.create(EDIT_CONFIG, "candidate"));
    private static final NodeIdentifier EDIT_CONTENT =
        NodeIdentifier.create(QName.create(EDIT_CONFIG, "edit-content"));
    private static final NodeIdentifier CONFIG = NodeIdentifier.create(QName.create(EDIT_CONFIG, "config"));
    private static final String XMLNS = "http://www.w3.org/2000/xmlns/";
    private static final Logger LOG = LoggerFactory.getLogger(BatchedRemoval.class);
    private static final DocumentBuilder BUILDER = newBuilder();
    // the devices whose refusal was logged at INFO (only to log it once per device)
    private static final Set<String> REFUSED_BY = ConcurrentHashMap.newKeySet();

    /**
     * A keyed list under containers of a device model, the first one top-level.
     *
     * @param containers the containers, outermost first
     * @param list the list
     * @param key the list's key leaf
     */
    record EntryList(List<QName> containers, QName list, QName key) {
        EntryList {
            containers = List.copyOf(containers);
            if (containers.isEmpty()) {
                throw new IllegalArgumentException("a list under no container");
            }
            requireNonNull(list);
            requireNonNull(key);
        }

        /**
         * A keyed list under a top-level container.
         *
         * @param root the container
         * @param list the list
         * @param key the list's key leaf
         */
        EntryList(final QName root, final QName list, final QName key) {
            this(List.of(root), list, key);
        }
    }

    private static DocumentBuilder newBuilder() {
        // newInstance(), not newDefaultNSInstance(): Karaf's javax.xml.parsers API predates Java 13
        final var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no XML document builder", e);
        }
    }

    private BatchedRemoval() {
        // utility class
    }

    /**
     * Removes entries in one edit-config, or runs {@code perEntry} if the device refuses the edit.
     *
     * <p>The commit is sent right behind the edit, without waiting for the edit's reply (as OpenDaylight's own write
     * transactions do), so a step costs one round trip. That is safe for a removal: if the device refuses the edit,
     * the commit commits at most part of the removal, and the per-entry removal that follows removes the rest; the
     * end state is the same.
     *
     * @param nodeId the device, for messages
     * @param broker the mount point's data broker (locks and commit)
     * @param rpc the mount point's RPC service (the edit)
     * @param entries which list
     * @param names the keys of the entries to remove
     * @param perEntry the per-entry removal, run if the device answers the batched edit with an error
     * @return completes when the change is committed
     */
    @SuppressWarnings("checkstyle:IllegalCatch")
    static ListenableFuture<?> remove(final String nodeId, final DataBroker broker, final DOMRpcService rpc,
            final EntryList entries, final Collection<String> names,
            final Supplier<ListenableFuture<?>> perEntry) {
        final ContainerNode input = editConfig(entries, names);
        final var tx = broker.newWriteOnlyTransaction();
        final ListenableFuture<? extends DOMRpcResult> edit;
        try {
            edit = rpc.invokeRpc(EDIT_CONFIG, input);
        } catch (IllegalArgumentException | IllegalStateException e) {
            tx.cancel();
            return perEntry.get();
        } catch (RuntimeException e) {
            // not ours to judge (the engine fails and rolls back the step), but the transaction is released
            tx.cancel();
            throw e;
        }
        final ListenableFuture<?> commit = tx.commit();
        return Futures.whenAllComplete(edit, commit).callAsync(() -> {
            final DOMRpcResult result;
            try {
                result = Futures.getDone(edit);
            } catch (ExecutionException e) {
                // the edit itself failed (session down): report that, not the commit's consequence of it
                return Futures.immediateFailedFuture(e.getCause() != null ? e.getCause() : e);
            }
            final Collection<? extends RpcError> errors = result.errors();
            if (errors.stream().anyMatch(error -> error.getSeverity() == ErrorSeverity.ERROR)) {
                if (REFUSED_BY.add(nodeId)) {
                    LOG.info("device {} refused a batched removal from {} ({}): its removals go entry by entry when it "
                        + "refuses (logged once per device)", nodeId, entries.list().getLocalName(), describe(errors));
                } else {
                    LOG.debug("device {} refused the batched removal ({}), removing entry by entry", nodeId,
                        describe(errors));
                }
                return erase(perEntry.get());
            }
            // the edit went through: the outcome is the commit's
            return erase(commit);
        }, MoreExecutors.directExecutor());
    }

    /**
     * Builds the input of the edit-config: target candidate, one {@code operation="remove"} element per entry.
     *
     * @param entries which list
     * @param names the keys
     * @return the RPC input
     */
    static ContainerNode editConfig(final EntryList entries, final Collection<String> names) {
        final Element config = config(entries, names);
        return ImmutableNodes.newContainerBuilder()
            .withNodeIdentifier(INPUT)
            .withChild(ImmutableNodes.newContainerBuilder()
                .withNodeIdentifier(TARGET)
                .withChild(ImmutableNodes.newChoiceBuilder()
                    .withNodeIdentifier(CONFIG_TARGET)
                    .withChild(ImmutableNodes.leafNode(CANDIDATE, Empty.value()))
                    .build())
                .build())
            .withChild(ImmutableNodes.newChoiceBuilder()
                .withNodeIdentifier(EDIT_CONTENT)
                .withChild(ImmutableNodes.newAnyxmlBuilder(DOMSource.class)
                    .withNodeIdentifier(CONFIG)
                    .withValue(new DOMSource(config))
                    .build())
                .build())
            .build();
    }

    /**
     * Builds the {@code <config>} element.
     *
     * @param entries which list
     * @param names the keys
     * @return the element
     */
    static Element config(final EntryList entries, final Collection<String> names) {
        final Document doc = newDocument();
        final Element config = doc.createElementNS(NETCONF_NS, "config");
        doc.appendChild(config);
        Element root = config;
        for (QName container : entries.containers()) {
            final Element child = doc.createElementNS(container.getNamespace().toString(), container.getLocalName());
            root.appendChild(child);
            root = child;
        }
        for (String name : names) {
            final Element entry = doc.createElementNS(entries.list().getNamespace().toString(),
                entries.list().getLocalName());
            entry.setAttributeNS(XMLNS, "xmlns:nc", NETCONF_NS);
            entry.setAttributeNS(NETCONF_NS, "nc:operation", "remove");
            final Element key = doc.createElementNS(entries.key().getNamespace().toString(),
                entries.key().getLocalName());
            key.setTextContent(name);
            entry.appendChild(key);
            root.appendChild(entry);
        }
        return config;
    }

    private static Document newDocument() {
        // a DocumentBuilder is not thread-safe, creating a Document is cheap; the factory is looked up once
        // (DocumentBuilderFactory.newInstance() scans the bundles' service files under OSGi: milliseconds)
        synchronized (BUILDER) {
            return BUILDER.newDocument();
        }
    }

    private static ListenableFuture<Object> erase(final ListenableFuture<?> future) {
        return Futures.transform(future, ignored -> null, MoreExecutors.directExecutor());
    }

    private static String describe(final Collection<? extends RpcError> errors) {
        return errors.stream().map(error -> Optional.ofNullable(error.getTag()).map(tag -> tag.elementBody() + ": ")
            .orElse("") + error.getMessage()).collect(Collectors.joining("; "));
    }

}

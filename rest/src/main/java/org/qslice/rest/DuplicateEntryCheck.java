/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.rest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifierWithPredicates;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeWithValue;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.PathArgument;
import org.opendaylight.yangtools.yang.data.api.schema.stream.ForwardingNormalizedNodeStreamWriter;
import org.opendaylight.yangtools.yang.data.api.schema.stream.NormalizedNodeStreamWriter;

/**
 * Passes a parsed document on to a writer and refuses a keyed list entry whose key repeats an earlier entry of the
 * same list. yangtools' parsers emit both entries and the immutable builder keeps the last one, so a request with
 * two connections named alike would otherwise lose one without a word.
 */
final class DuplicateEntryCheck extends ForwardingNormalizedNodeStreamWriter {
    /**
     * A repeated keyed list entry.
     */
    static final class DuplicateEntryException extends IOException {
        private static final long serialVersionUID = 1L;

        private final String path;

        DuplicateEntryException(final String path, final String message) {
            super(message);
            this.path = path;
        }

        String path() {
            return path;
        }
    }

    // one frame per open node: its path argument, whether it is a step of an instance-identifier (lists and
    // choices are not), and for a keyed list the keys seen so far
    private record Frame(PathArgument name, boolean step, @Nullable Set<NodeIdentifierWithPredicates> keys) {
        Frame(final PathArgument name) {
            this(name, true, null);
        }
    }

    private final NormalizedNodeStreamWriter delegate;
    private final String root;
    private final boolean rootIsFirstNode;
    private final Deque<Frame> open = new ArrayDeque<>();

    /**
     * Wraps a writer for a document whose first node is named by the prefix (an RPC input).
     *
     * @param delegate where the document goes
     * @param root the error-path of the document's first node (e.g. {@code /qslice-slice:input})
     */
    DuplicateEntryCheck(final NormalizedNodeStreamWriter delegate, final String root) {
        this(delegate, root, true);
    }

    /**
     * Wraps a writer.
     *
     * @param delegate where the document goes
     * @param root the error-path prefix
     * @param rootIsFirstNode whether the prefix names the document's first node (else: its parent)
     */
    DuplicateEntryCheck(final NormalizedNodeStreamWriter delegate, final String root, final boolean rootIsFirstNode) {
        this.delegate = requireNonNull(delegate);
        this.root = requireNonNull(root);
        this.rootIsFirstNode = rootIsFirstNode;
    }

    @Override
    protected NormalizedNodeStreamWriter delegate() {
        return delegate;
    }

    @Override
    public void startLeafNode(final NodeIdentifier name) throws IOException {
        open.push(new Frame(name));
        super.startLeafNode(name);
    }

    @Override
    public void startLeafSet(final NodeIdentifier name, final int childSizeHint) throws IOException {
        open.push(new Frame(name, false, null));
        super.startLeafSet(name, childSizeHint);
    }

    @Override
    public void startOrderedLeafSet(final NodeIdentifier name, final int childSizeHint) throws IOException {
        open.push(new Frame(name, false, null));
        super.startOrderedLeafSet(name, childSizeHint);
    }

    @Override
    public void startLeafSetEntryNode(final NodeWithValue<?> name) throws IOException {
        open.push(new Frame(name));
        super.startLeafSetEntryNode(name);
    }

    @Override
    public void startContainerNode(final NodeIdentifier name, final int childSizeHint) throws IOException {
        open.push(new Frame(name));
        super.startContainerNode(name, childSizeHint);
    }

    @Override
    public void startUnkeyedList(final NodeIdentifier name, final int childSizeHint) throws IOException {
        open.push(new Frame(name, false, null));
        super.startUnkeyedList(name, childSizeHint);
    }

    @Override
    public void startUnkeyedListItem(final NodeIdentifier name, final int childSizeHint) throws IOException {
        open.push(new Frame(name));
        super.startUnkeyedListItem(name, childSizeHint);
    }

    @Override
    public void startMapNode(final NodeIdentifier name, final int childSizeHint) throws IOException {
        open.push(new Frame(name, false, new HashSet<>()));
        super.startMapNode(name, childSizeHint);
    }

    @Override
    public void startOrderedMapNode(final NodeIdentifier name, final int childSizeHint) throws IOException {
        open.push(new Frame(name, false, new HashSet<>()));
        super.startOrderedMapNode(name, childSizeHint);
    }

    @Override
    public void startMapEntryNode(final NodeIdentifierWithPredicates identifier, final int childSizeHint)
            throws IOException {
        final Frame list = open.peek();
        if (list != null && list.keys() != null && !list.keys().add(identifier)) {
            final String path = path() + "/" + identifier.getNodeType().getLocalName() + predicates(identifier);
            throw new DuplicateEntryException(path, "duplicate entry " + identifier.getNodeType().getLocalName()
                + predicates(identifier) + ": the key of a list entry must be unique");
        }
        open.push(new Frame(identifier));
        super.startMapEntryNode(identifier, childSizeHint);
    }

    @Override
    public void startChoiceNode(final NodeIdentifier name, final int childSizeHint) throws IOException {
        open.push(new Frame(name, false, null));
        super.startChoiceNode(name, childSizeHint);
    }

    @Override
    public boolean startAnyxmlNode(final NodeIdentifier name, final Class<?> objectModel) throws IOException {
        final boolean started = super.startAnyxmlNode(name, objectModel);
        if (started) {
            open.push(new Frame(name));
        }
        return started;
    }

    @Override
    public boolean startAnydataNode(final NodeIdentifier name, final Class<?> objectModel) throws IOException {
        final boolean started = super.startAnydataNode(name, objectModel);
        if (started) {
            open.push(new Frame(name));
        }
        return started;
    }

    @Override
    public void endNode() throws IOException {
        open.pop();
        super.endNode();
    }

    // the error-path of the innermost open node (the first open node is the document's root: the prefix itself)
    private String path() {
        final var sb = new StringBuilder(root);
        final var frames = open.descendingIterator();
        if (rootIsFirstNode && frames.hasNext()) {
            frames.next();
        }
        while (frames.hasNext()) {
            final Frame frame = frames.next();
            if (!frame.step()) {
                continue;
            }
            sb.append('/').append(frame.name().getNodeType().getLocalName());
            if (frame.name() instanceof NodeIdentifierWithPredicates entry) {
                sb.append(predicates(entry));
            } else if (frame.name() instanceof NodeWithValue<?> entry) {
                sb.append("[.='").append(entry.getValue()).append("']");
            }
        }
        return sb.toString();
    }

    static String predicates(final NodeIdentifierWithPredicates entry) {
        return entry.entrySet().stream()
            .map(key -> "[" + key.getKey().getLocalName() + "='" + key.getValue() + "']")
            .collect(Collectors.joining());
    }
}

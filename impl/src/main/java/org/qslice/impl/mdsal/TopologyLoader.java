/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.mdsal;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import org.opendaylight.mdsal.dom.api.DOMSchemaService;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.network.rev180226.Networks;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.network.rev180226.networks.Network;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.network.rev180226.networks.NetworkKey;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.CreateSlice;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.CreateSliceInput;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.data.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapNode;
import org.opendaylight.yangtools.yang.data.codec.gson.JSONCodecFactorySupplier;
import org.opendaylight.yangtools.yang.data.codec.gson.JsonParserStream;
import org.opendaylight.yangtools.yang.data.impl.schema.ImmutableNormalizedNodeStreamWriter;
import org.opendaylight.yangtools.yang.data.impl.schema.NormalizationResultHolder;
import org.opendaylight.yangtools.yang.model.api.stmt.SchemaNodeIdentifier.Absolute;
import org.opendaylight.yangtools.yang.model.util.SchemaInferenceStack;
import org.qslice.api.SliceException;
import org.qslice.api.SliceException.Kind;
import org.qslice.api.model.SliceRequest;

/**
 * Parses a topology document in the RESTCONF (RFC 7951 JSON) form of a PUT to
 * {@code /rests/data/ietf-network:networks/network=<id>}, i.e. {@code {"ietf-network:network":[{...}]}}, with the
 * controller's YANG codecs, into the binding {@link Network}.
 */
final class TopologyLoader {
    private final DOMSchemaService schema;
    private final BindingNormalizedNodeSerializer serializer;

    TopologyLoader(final DOMSchemaService schema, final BindingNormalizedNodeSerializer serializer) {
        this.schema = requireNonNull(schema);
        this.serializer = requireNonNull(serializer);
    }

    /**
     * Parses the document.
     *
     * @param json the document
     * @return the network
     * @throws IllegalArgumentException if it is not valid JSON for the model or holds not exactly one network
     */
    // the YANG JSON codec reports malformed input through assorted runtime exceptions
    @SuppressWarnings("checkstyle:IllegalCatch")
    Network parse(final String json) {
        final var context = schema.getGlobalContext();
        final var holder = new NormalizationResultHolder();
        final var inference = SchemaInferenceStack.of(context, Absolute.of(Networks.QNAME)).toInference();
        try (var writer = ImmutableNormalizedNodeStreamWriter.from(holder);
             var parser = JsonParserStream.create(writer, JSONCodecFactorySupplier.RFC7951.getShared(context),
                 inference)) {
            parser.parse(new JsonReader(new StringReader(json)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a valid ietf-network:network document: " + e.getMessage(), e);
        }
        if (!(holder.getResult().data() instanceof MapNode networks) || networks.size() != 1) {
            throw new IllegalArgumentException("the document must hold exactly one ietf-network:network entry, "
                + "as in testbed/paper-topology.json");
        }
        final MapEntryNode entry = networks.body().iterator().next();
        final var path = YangInstanceIdentifier.of(NodeIdentifier.create(Networks.QNAME),
            NodeIdentifier.create(Network.QNAME), entry.name());
        final var binding = serializer.fromNormalizedNode(path, entry);
        if (binding == null || !(binding.getValue() instanceof Network network)) {
            throw new IllegalArgumentException("the document does not describe an ietf-network:network");
        }
        return network;
    }

    /**
     * Parses a compute-slice / create-slice RPC body ({@code {"input": {...}}}).
     *
     * @param json the document
     * @return the request
     * @throws SliceException of kind INVALID naming what is wrong
     */
    @SuppressWarnings("checkstyle:IllegalCatch")
    SliceRequest parseRequest(final String json) throws SliceException {
        final JsonObject input;
        try {
            final JsonElement root = JsonParser.parseString(json);
            final JsonElement inner = root.isJsonObject() ? firstOf(root.getAsJsonObject(), "input",
                "qslice-slice:input") : null;
            if (inner == null || !inner.isJsonObject()) {
                throw new SliceException(Kind.INVALID, "input", "expected a JSON object {\"input\": {...}} as in "
                    + "testbed/use-case-1.json", null);
            }
            input = inner.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new SliceException(Kind.INVALID, null, "not valid JSON: " + e.getMessage(), e);
        }
        rejectDuplicateNames(input);
        final var wrapped = new JsonObject();
        wrapped.add("qslice-slice:input", input);
        final var context = schema.getGlobalContext();
        final var holder = new NormalizationResultHolder();
        final var rpc = Absolute.of(CreateSlice.QNAME);
        try (var writer = ImmutableNormalizedNodeStreamWriter.from(holder);
             var parser = JsonParserStream.create(writer, JSONCodecFactorySupplier.RFC7951.getShared(context),
                 SchemaInferenceStack.of(context, rpc).toInference())) {
            parser.parse(new JsonReader(new StringReader(wrapped.toString())));
        } catch (IOException | RuntimeException e) {
            throw new SliceException(Kind.INVALID, null, "slice request does not match qslice-slice: "
                + e.getMessage(), e);
        }
        if (!(holder.getResult().data() instanceof ContainerNode container)) {
            throw new SliceException(Kind.INVALID, "input", "slice request has no input", null);
        }
        final var data = serializer.fromNormalizedNodeRpcData(Absolute.of(CreateSlice.QNAME,
            CreateSliceInput.QNAME), container);
        if (!(data instanceof CreateSliceInput binding)) {
            throw new SliceException(Kind.INVALID, "input", "slice request has no input", null);
        }
        return SliceCodec.request(binding);
    }

    /**
     * The YANG JSON parser keeps the last of several list entries with the same key; a request with two connections
     * of one name is an error, not a silent merge.
     */
    private static void rejectDuplicateNames(final JsonObject input) throws SliceException {
        final JsonElement connections = firstOf(input, "connection", "qslice-slice:connection");
        if (connections == null || !connections.isJsonArray()) {
            return;
        }
        final var seen = new java.util.HashSet<String>();
        for (JsonElement connection : connections.getAsJsonArray()) {
            final JsonElement name = connection.isJsonObject() ? connection.getAsJsonObject().get("name") : null;
            if (name != null && name.isJsonPrimitive() && !seen.add(name.getAsString())) {
                throw new SliceException(Kind.INVALID, "connection[" + name.getAsString() + "]/name",
                    "duplicate connection name " + name.getAsString(), null);
            }
        }
    }

    private static JsonElement firstOf(final JsonObject object, final String... names) {
        for (String name : names) {
            if (object.has(name)) {
                return object.get(name);
            }
        }
        return null;
    }

    /**
     * Returns where a network is stored.
     *
     * @param network the network
     * @return its path
     */
    static DataObjectIdentifier<Network> path(final Network network) {
        return DataObjectIdentifier.builder(Networks.class)
            .child(Network.class, new NetworkKey(network.requireNetworkId())).build();
    }
}

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.rest;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yangtools.util.xml.UntrustedXML;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.data.api.schema.stream.NormalizedNodeStreamWriter;
import org.opendaylight.yangtools.yang.data.codec.gson.JSONCodecFactorySupplier;
import org.opendaylight.yangtools.yang.data.codec.gson.JsonParserStream;
import org.opendaylight.yangtools.yang.data.codec.xml.XmlCodecFactory;
import org.opendaylight.yangtools.yang.data.codec.xml.XmlParserStream;
import org.opendaylight.yangtools.yang.data.impl.schema.ImmutableNormalizedNodeStreamWriter;
import org.opendaylight.yangtools.yang.data.impl.schema.NormalizationResultHolder;
import org.opendaylight.yangtools.yang.model.api.ChoiceSchemaNode;
import org.opendaylight.yangtools.yang.model.api.DataNodeContainer;
import org.opendaylight.yangtools.yang.model.api.DataSchemaNode;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;
import org.opendaylight.yangtools.yang.model.api.ListSchemaNode;
import org.opendaylight.yangtools.yang.model.api.RpcDefinition;
import org.opendaylight.yangtools.yang.model.api.TypedDataSchemaNode;
import org.opendaylight.yangtools.yang.model.api.type.DecimalTypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.EnumTypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.EnumTypeDefinition.EnumPair;
import org.opendaylight.yangtools.yang.model.util.SchemaInferenceStack;
import org.qslice.rest.DuplicateEntryCheck.DuplicateEntryException;
import org.qslice.rest.RestconfError.Rejection;

/**
 * Checks the body of a request to one of qslice's RESTCONF paths before RESTCONF parses it, and says why it is bad.
 * It parses an RPC input with yangtools' own {@link JsonParserStream} / {@link XmlParserStream} against the
 * controller's model, as RESTCONF does, but turns every parse failure into an RFC 8040 error that names the field:
 * netconf 10.0.2's RESTCONF lets the codecs' {@link IllegalArgumentException}s escape from RPC input parsing and
 * answers them with a 500 (docs/orchestrator.md, "Bad requests"). It also refuses what the parsers accept silently:
 * a repeated key in a keyed list, invalid UTF-8, and a body over the configured size.
 */
public final class RequestCheck {
    /**
     * Body size limits.
     *
     * @param maxOperationBody largest RPC input, bytes
     * @param maxDataBody largest data body (a topology), bytes
     */
    public record Limits(long maxOperationBody, long maxDataBody) {
        /** The defaults: 1 MiB for an RPC input, 32 MiB for a data body. */
        public static final Limits DEFAULTS = new Limits(1L << 20, 32L << 20);

        /**
         * Checks the limits.
         */
        public Limits {
            if (maxOperationBody < 1 || maxDataBody < 1) {
                throw new IllegalArgumentException("body limits must be positive");
            }
        }

        /**
         * Returns a copy with another RPC input limit.
         *
         * @param bytes the limit
         * @return the copy
         */
        public Limits withMaxOperationBody(final long bytes) {
            return new Limits(bytes, maxDataBody);
        }

        /**
         * Returns a copy with another data body limit.
         *
         * @param bytes the limit
         * @return the copy
         */
        public Limits withMaxDataBody(final long bytes) {
            return new Limits(maxOperationBody, bytes);
        }
    }

    /**
     * How a body is encoded.
     */
    public enum Encoding {
        /** RFC 7951 JSON. */
        JSON,
        /** RFC 7950 XML. */
        XML;

        /**
         * Picks the encoding from a Content-Type.
         *
         * @param contentType the header, or null
         * @return the encoding, empty for a media type RESTCONF does not take (RESTCONF answers that itself: 415)
         */
        public static Optional<Encoding> of(final @Nullable String contentType) {
            if (contentType == null || contentType.isBlank()) {
                return Optional.of(JSON);
            }
            final String type = contentType.toLowerCase(java.util.Locale.ROOT);
            if (type.contains("json")) {
                return Optional.of(JSON);
            }
            if (type.contains("xml")) {
                return Optional.of(XML);
            }
            return Optional.empty();
        }
    }

    // gson: "... at line 1 column 7 path $.a" and yangtools: "Schema node with name x was not found under y."
    private static final Pattern UNKNOWN_NODE = Pattern.compile(
        "(?:Schema node with name (\\S+) was not found|Schema for node with name (\\S+) and namespace)");
    private static final Pattern JSON_PATH_STEP = Pattern.compile("\\.([^.\\[]+)|\\[(\\d+)]");

    private final Supplier<EffectiveModelContext> model;
    private final Limits limits;

    /**
     * Creates the check.
     *
     * @param model the controller's current model (it changes when features are installed)
     * @param limits the size limits
     */
    public RequestCheck(final Supplier<EffectiveModelContext> model, final Limits limits) {
        this.model = requireNonNull(model);
        this.limits = requireNonNull(limits);
    }

    /**
     * Returns the limits.
     *
     * @return the limits
     */
    public Limits limits() {
        return limits;
    }

    /**
     * Checks a body's size against a limit.
     *
     * @param size its size in bytes (Content-Length, or what was read)
     * @param limit the limit
     * @return the rejection (413, {@code too-big}) if it is over
     */
    public static Optional<Rejection> size(final long size, final long limit) {
        if (size <= limit) {
            return Optional.empty();
        }
        return Optional.of(Rejection.of(413, new RestconfError("protocol", "too-big", null,
            "request body of " + size + " bytes is over the limit of " + limit + " bytes (qslice's "
                + "RESTCONF request guard, configuration org.qslice.rest)")));
    }

    /**
     * Checks that a body is UTF-8 (RFC 8259 and RFC 7950 both require it); a replacement character must never
     * end up in a stored name.
     *
     * @param body the body
     * @return the rejection (400, {@code malformed-message}) naming the first bad byte
     */
    public static Optional<Rejection> utf8(final byte[] body) {
        final var in = ByteBuffer.wrap(body);
        final var result = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(in, java.nio.CharBuffer.allocate(body.length), true);
        if (!result.isError()) {
            return Optional.empty();
        }
        return Optional.of(Rejection.of(400, RestconfError.malformed(
            "request body is not valid UTF-8 (first bad byte at offset " + in.position() + ")")));
    }

    /**
     * Checks the input of an RPC.
     *
     * @param operation the operation as in the URL, {@code module:rpc}
     * @param encoding the body's encoding
     * @param body the body, already size-checked
     * @return the rejection, empty if RESTCONF may have it (an RPC this model does not know is left to RESTCONF)
     */
    public Optional<Rejection> operation(final String operation, final Encoding encoding, final byte[] body) {
        final Optional<Rejection> badSize = size(body.length, limits.maxOperationBody());
        if (badSize.isPresent()) {
            return badSize;
        }
        final Optional<Rejection> badText = utf8(body);
        if (badText.isPresent()) {
            return badText;
        }
        final EffectiveModelContext context = model.get();
        final Optional<RpcDefinition> rpc = rpc(context, operation);
        if (rpc.isEmpty() || isBlank(body)) {
            return Optional.empty();
        }
        final String module = operation.substring(0, operation.indexOf(':'));
        if (!startsWith(body, encoding == Encoding.JSON ? '{' : '<')) {
            return Optional.of(Rejection.of(400, RestconfError.malformed("request body must be "
                + (encoding == Encoding.JSON ? "a JSON object {\"" + module + ":input\": {...}}"
                    : "an XML document <input xmlns=\"...\">...</input>"))));
        }
        final QName name = rpc.orElseThrow().getQName();
        final String root = "/" + module + ":input";
        final var stack = SchemaInferenceStack.of(context);
        stack.enterSchemaTree(name);
        final var holder = new NormalizationResultHolder();
        final NormalizedNodeStreamWriter writer = new DuplicateEntryCheck(
            ImmutableNormalizedNodeStreamWriter.from(holder), root);
        return encoding == Encoding.JSON
            ? json(context, stack, writer, body, root, rpc.orElseThrow())
            : xml(context, stack, rpc.orElseThrow(), writer, body);
    }

    /**
     * Checks a data body: size, UTF-8 and JSON syntax, and, for a JSON body of a path this model knows, a repeated
     * key in a keyed list (which RESTCONF would merge silently). The other schema errors of data bodies RESTCONF
     * answers well itself, so they are left to it.
     *
     * @param method the HTTP method ({@code PUT}, {@code PATCH}: the body is the target; {@code POST}: a child)
     * @param path the data path below {@code /data/}, percent-encoded as sent, without the query; empty: check
     *     size, UTF-8 and syntax only (a YANG Patch body)
     * @param encoding the body's encoding
     * @param body the body
     * @return the rejection, if any
     */
    public Optional<Rejection> data(final String method, final String path, final Encoding encoding,
            final byte[] body) {
        final Optional<Rejection> badSize = size(body.length, limits.maxDataBody());
        if (badSize.isPresent()) {
            return badSize;
        }
        final Optional<Rejection> badText = utf8(body);
        if (badText.isPresent() || isBlank(body) || encoding != Encoding.JSON) {
            return badText;
        }
        try {
            JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            return Optional.of(Rejection.of(400, RestconfError.malformed("request body is not JSON: "
                + rootMessage(e))));
        }
        final EffectiveModelContext context = model.get();
        final var parent = new StringBuilder();
        final Optional<SchemaInferenceStack> stack = path.isEmpty() ? Optional.empty()
            : dataStack(context, path, "POST".equals(method), parent);
        if (stack.isEmpty()) {
            return Optional.empty();
        }
        final var writer = new DuplicateEntryCheck(ImmutableNormalizedNodeStreamWriter.from(
            new NormalizationResultHolder()), parent.toString(), false);
        try (var parser = JsonParserStream.create(writer, JSONCodecFactorySupplier.RFC7951.getShared(context),
                stack.orElseThrow().toInference())) {
            parser.parse(new JsonReader(new InputStreamReader(new ByteArrayInputStream(body),
                StandardCharsets.UTF_8)));
            return Optional.empty();
        } catch (JsonParseException | IOException | IllegalArgumentException | IllegalStateException e) {
            final var duplicate = findCause(e, DuplicateEntryException.class);
            // anything else the body has wrong, RESTCONF answers itself (400)
            return duplicate == null ? Optional.empty() : Optional.of(invalid(duplicate.path(),
                duplicate.getMessage()));
        }
    }

    // the schema position a data body is parsed at: the target's parent for PUT/PATCH, the target for POST
    private static Optional<SchemaInferenceStack> dataStack(final EffectiveModelContext context, final String path,
            final boolean post, final StringBuilder parentPath) {
        final String[] segments = path.isEmpty() ? new String[0] : path.split("/");
        final var stack = SchemaInferenceStack.of(context);
        String module = null;
        final var names = new ArrayList<String>();
        try {
            for (String raw : segments) {
                final String segment = java.net.URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
                final int eq = segment.indexOf('=');
                final String name = eq >= 0 ? segment.substring(0, eq) : segment;
                final int colon = name.indexOf(':');
                if (colon >= 0) {
                    module = name.substring(0, colon);
                }
                if (module == null) {
                    return Optional.empty();
                }
                final var modules = context.findModuleStatements(module);
                if (modules.isEmpty()) {
                    return Optional.empty();
                }
                stack.enterDataTree(QName.create(modules.iterator().next().localQNameModule(),
                    name.substring(colon + 1)));
                names.add(segment);
            }
            if (!post) {
                if (names.isEmpty()) {
                    return Optional.empty();
                }
                stack.exit();
                names.remove(names.size() - 1);
            }
        } catch (IllegalArgumentException e) {
            // a path this model does not have: RESTCONF answers it
            return Optional.empty();
        }
        names.forEach(name -> parentPath.append('/').append(name));
        return Optional.of(stack);
    }

    private static Optional<RpcDefinition> rpc(final EffectiveModelContext context, final String operation) {
        final int colon = operation.indexOf(':');
        if (colon <= 0 || operation.indexOf('/') >= 0) {
            return Optional.empty();
        }
        final var modules = context.findModuleStatements(operation.substring(0, colon));
        if (modules.isEmpty()) {
            return Optional.empty();
        }
        final QName name;
        try {
            name = QName.create(modules.iterator().next().localQNameModule(), operation.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        for (RpcDefinition rpc : context.getOperations()) {
            if (rpc.getQName().equals(name)) {
                return Optional.of(rpc);
            }
        }
        return Optional.empty();
    }

    // yangtools' parsers refuse bad input with runtime exceptions of several kinds (YANGTOOLS-1662): every one of
    // them is caused by the body, so each is answered as a 400
    @SuppressWarnings("checkstyle:IllegalCatch")
    private static Optional<Rejection> json(final EffectiveModelContext context, final SchemaInferenceStack stack,
            final NormalizedNodeStreamWriter writer, final byte[] body, final String root, final RpcDefinition rpc) {
        final var reader = new JsonReader(new InputStreamReader(new ByteArrayInputStream(body),
            StandardCharsets.UTF_8));
        final Optional<Rejection> unknownModule = unknownModules(context, body, root);
        if (unknownModule.isPresent()) {
            return unknownModule;
        }
        try (var parser = JsonParserStream.create(writer, JSONCodecFactorySupplier.RFC7951.getShared(context),
                stack.toInference())) {
            parser.parse(reader);
            writer.flush();
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                return Optional.of(Rejection.of(400, RestconfError.malformed("request body has data after its JSON "
                    + "object, at " + reader.getPath())));
            }
            return Optional.empty();
        } catch (JsonParseException e) {
            if (e.getCause() instanceof DuplicateEntryException duplicate) {
                return Optional.of(invalid(duplicate.path(), duplicate.getMessage()));
            }
            if (e.getCause() instanceof NumberFormatException badNumber) {
                // the parser wraps an integer codec's refusal like a syntax error: it is a bad value
                return Optional.of(located(body, reader.getPreviousPath(), root, rpc, badNumber));
            }
            return Optional.of(Rejection.of(400, RestconfError.malformed("request body is not JSON: "
                + rootMessage(e))));
        } catch (IOException e) {
            if (e instanceof DuplicateEntryException duplicate) {
                return Optional.of(invalid(duplicate.path(), duplicate.getMessage()));
            }
            return Optional.of(Rejection.of(400, RestconfError.malformed("request body cannot be read: "
                + rootMessage(e))));
        } catch (RuntimeException e) {
            // the codecs' and the parser's refusals of a value or a node (IllegalArgumentException and
            // IllegalStateException, YangInvalidValueException among them): caused by the input, so a 400
            return Optional.of(located(body, reader.getPreviousPath(), root, rpc, e));
        }
    }

    // yangtools ignores a module prefix it does not know and looks the name up in every module: a typo in a prefix
    // must not pass (RFC 7951 section 4: the prefix is a module name)
    private static Optional<Rejection> unknownModules(final EffectiveModelContext context, final byte[] body,
            final String root) {
        final JsonElement document;
        try {
            document = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            // the parser says it better
            return Optional.empty();
        }
        final var pending = new java.util.ArrayDeque<JsonElement>();
        pending.push(document);
        while (!pending.isEmpty()) {
            final JsonElement element = pending.pop();
            if (element.isJsonArray()) {
                element.getAsJsonArray().forEach(pending::push);
            } else if (element.isJsonObject()) {
                for (var member : element.getAsJsonObject().entrySet()) {
                    final int colon = member.getKey().indexOf(':');
                    if (colon >= 0 && context.findModuleStatements(member.getKey().substring(0, colon)).isEmpty()) {
                        return Optional.of(invalid(root, "'" + member.getKey() + "': no module named '"
                            + member.getKey().substring(0, colon) + "' in this controller's model"));
                    }
                    pending.push(member.getValue());
                }
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private static Optional<Rejection> xml(final EffectiveModelContext context, final SchemaInferenceStack stack,
            final RpcDefinition rpc, final NormalizedNodeStreamWriter writer, final byte[] body) {
        // as RESTCONF does: the XML document's root is the input element
        stack.enterDataTree(rpc.getInput().getQName());
        XMLStreamReader reader = null;
        try {
            reader = UntrustedXML.createXMLStreamReader(new ByteArrayInputStream(body));
            try (var parser = XmlParserStream.create(writer, XmlCodecFactory.create(context),
                    stack.toInference())) {
                parser.parse(reader);
                writer.flush();
            }
            return Optional.empty();
        } catch (DuplicateEntryException e) {
            return Optional.of(invalid(e.path(), e.getMessage()));
        } catch (XMLStreamException e) {
            // the StAX reader's well-formedness errors, and the parser's schema refusals wrapped alike
            final String message = rootMessage(e);
            return Optional.of(message.contains("Schema for node") || message.contains("does not exist")
                ? invalid(null, where(reader) + message)
                : Rejection.of(400, RestconfError.malformed("request body is not XML: " + message)));
        } catch (IOException | RuntimeException e) {
            final var duplicate = findCause(e, DuplicateEntryException.class);
            if (duplicate != null) {
                return Optional.of(invalid(duplicate.path(), duplicate.getMessage()));
            }
            return Optional.of(invalid(null, where(reader) + rootMessage(e)));
        }
    }

    private static String where(final @Nullable XMLStreamReader reader) {
        if (reader == null) {
            return "";
        }
        final var location = reader.getLocation();
        final String element = reader.isStartElement() || reader.isEndElement() ? reader.getLocalName() : null;
        return (element != null ? "element <" + element + "> " : "")
            + (location != null ? "at line " + location.getLineNumber() + " column " + location.getColumnNumber()
                + ": " : "");
    }

    private static Rejection invalid(final @Nullable String path, final String message) {
        return Rejection.of(400, RestconfError.invalidValue(path, message));
    }

    /**
     * Builds the error for a value or node the parser refused, from the JSON path the reader was at.
     */
    private static Rejection located(final byte[] body, final String jsonPath, final String root,
            final RpcDefinition rpc, final RuntimeException failure) {
        final String reason = rootMessage(failure);
        final List<String> names = new ArrayList<>();
        final List<Integer> indexes = new ArrayList<>();
        final Matcher steps = JSON_PATH_STEP.matcher(jsonPath);
        while (steps.find()) {
            names.add(steps.group(1));
            indexes.add(steps.group(2) == null ? -1 : Integer.parseInt(steps.group(2)));
        }
        JsonElement element;
        try {
            element = JsonParser.parseReader(new StringReader(new String(body, StandardCharsets.UTF_8)));
        } catch (JsonParseException e) {
            element = null;
        }
        // walk the body and the schema along the path: named steps are nodes, index steps list entries
        final var path = new StringBuilder(root);
        final var field = new StringBuilder();
        DataSchemaNode node = null;
        DataNodeContainer container = rpc.getInput();
        for (int i = 0; i < names.size(); i++) {
            final String name = names.get(i);
            final int index = indexes.get(i);
            if (name != null) {
                element = element != null && element.isJsonObject() ? element.getAsJsonObject().get(name) : null;
                if (i == 0) {
                    // the document's root, the input itself: the prefix
                    continue;
                }
                final String local = name.substring(name.indexOf(':') + 1);
                node = container == null ? null : child(container, local);
                container = node instanceof DataNodeContainer dnc ? dnc : null;
                path.append('/').append(name);
                field.append(field.isEmpty() ? "" : "/").append(local);
            } else {
                element = element != null && element.isJsonArray() && index < element.getAsJsonArray().size()
                    ? element.getAsJsonArray().get(index) : null;
                final String predicate = predicate(node, element, index);
                path.append(predicate);
                field.append(predicate);
            }
        }
        final Matcher unknown = UNKNOWN_NODE.matcher(reason);
        if (unknown.find()) {
            final String name = unknown.group(1) != null ? unknown.group(1) : unknown.group(2);
            return invalid(path.toString(), (field.isEmpty() ? name : field) + ": unknown field '" + name
                + "': the " + rpc.getQName().getLocalName() + " input has no such node here");
        }
        final String value = element != null && element.isJsonPrimitive() ? element.getAsString() : null;
        return invalid(path.toString(), (field.isEmpty() ? "input" : field) + ": " + describe(node, value, reason));
    }

    private static String predicate(final @Nullable DataSchemaNode node, final @Nullable JsonElement entry,
            final int index) {
        if (node instanceof ListSchemaNode list && !list.getKeyDefinition().isEmpty() && entry != null
                && entry.isJsonObject()) {
            final var sb = new StringBuilder();
            for (QName key : list.getKeyDefinition()) {
                final var value = entry.getAsJsonObject().get(key.getLocalName());
                if (value == null || !value.isJsonPrimitive()) {
                    return "[" + (index + 1) + "]";
                }
                sb.append('[').append(key.getLocalName()).append("='").append(value.getAsString()).append("']");
            }
            return sb.toString();
        }
        if (entry != null && entry.isJsonPrimitive()) {
            return "[.='" + entry.getAsString() + "']";
        }
        return "[" + (index + 1) + "]";
    }

    private static String describe(final @Nullable DataSchemaNode node, final @Nullable String value,
            final String reason) {
        final String shown = value == null ? "the value" : "'" + value + "'";
        if (node instanceof TypedDataSchemaNode typed) {
            final var type = typed.getType();
            if (type instanceof EnumTypeDefinition enumeration) {
                return shown + " is not one of " + enumeration.getValues().stream().map(EnumPair::getName)
                    .collect(Collectors.joining(", "));
            }
            if (type instanceof DecimalTypeDefinition decimal) {
                return shown + " is not a decimal number with at most " + decimal.getFractionDigits()
                    + " fraction digits in the allowed range (" + reason + ")";
            }
        }
        return shown + " is not valid here: " + reason;
    }

    private static @Nullable DataSchemaNode child(final DataNodeContainer container, final String localName) {
        for (DataSchemaNode child : container.getChildNodes()) {
            if (child instanceof ChoiceSchemaNode choice) {
                for (var caseNode : choice.getCases()) {
                    final DataSchemaNode found = child(caseNode, localName);
                    if (found != null) {
                        return found;
                    }
                }
            } else if (child.getQName().getLocalName().equals(localName)) {
                return child;
            }
        }
        return null;
    }

    private static boolean startsWith(final byte[] body, final char first) {
        return firstSignificant(body) == first;
    }

    private static boolean isBlank(final byte[] body) {
        return firstSignificant(body) < 0;
    }

    // the first byte that is neither white space nor part of a UTF-8 byte order mark, or -1
    private static int firstSignificant(final byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != (byte) 0xEF && b != (byte) 0xBB
                    && b != (byte) 0xBF) {
                return b;
            }
        }
        return -1;
    }

    private static <T extends Throwable> @Nullable T findCause(final Throwable failure, final Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String rootMessage(final Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        final String message = cause.getMessage() != null ? cause.getMessage() : failure.getMessage();
        return message != null ? message : cause.getClass().getSimpleName();
    }
}

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.etsi;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * JSON of ETSI GS QKD 014 (Gson): Status, Key request, Key container, Key IDs and Error objects.
 */
public final class Etsi014Json {
    private static final byte[] KEYS_OPEN = "{\"keys\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEYS_CLOSE = "]}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_ID = "{\"key_ID\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY = "\",\"key\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_END = "\"}".getBytes(StandardCharsets.US_ASCII);

    private Etsi014Json() {
        // utility class
    }

    static void writeStatus(final OutputStream out, final Etsi014Status status) throws IOException {
        try (var json = writer(out)) {
            json.beginObject()
                .name("source_KME_ID").value(status.sourceKmeId())
                .name("target_KME_ID").value(status.targetKmeId())
                .name("master_SAE_ID").value(status.masterSaeId())
                .name("slave_SAE_ID").value(status.slaveSaeId())
                .name("key_size").value(status.keySize())
                .name("stored_key_count").value(status.storedKeyCount())
                .name("max_key_count").value(status.maxKeyCount())
                .name("max_key_per_request").value(status.maxKeyPerRequest())
                .name("max_key_size").value(status.maxKeySize())
                .name("min_key_size").value(status.minKeySize())
                .name("max_SAE_ID_count").value(status.maxSaeIdCount())
                .endObject();
        }
    }

    /**
     * The Key container {@code {"keys":[{"key_ID":"...","key":"..."},...]}} as one exactly sized array, written
     * byte by byte: the Base64 of a key never passes through a {@code String} or a growing buffer that would leave
     * a copy behind. Every key's material is destroyed, whatever happens; the caller zeroes the returned array once
     * it is sent.
     *
     * @param keys the keys
     * @return the body
     */
    static byte[] keysBody(final List<DeliveredKey> keys) {
        try {
            final Base64.Encoder base64 = Base64.getEncoder();
            int length = KEYS_OPEN.length + KEYS_CLOSE.length + Math.max(0, keys.size() - 1);
            for (DeliveredKey key : keys) {
                length += KEY_ID.length + 36 + KEY.length + 4 * ((key.material().length() + 2) / 3) + KEY_END.length;
            }
            final byte[] body = new byte[length];
            int at = put(body, 0, KEYS_OPEN);
            for (int k = 0; k < keys.size(); k++) {
                if (k > 0) {
                    body[at++] = ',';
                }
                final DeliveredKey key = keys.get(k);
                at = put(body, at, KEY_ID);
                at = put(body, at, key.keyId().toString().getBytes(StandardCharsets.US_ASCII));
                at = put(body, at, KEY);
                final byte[] bytes = key.material().bytes();
                final byte[] encoded = new byte[4 * ((bytes.length + 2) / 3)];
                try {
                    base64.encode(bytes, encoded);
                    at = put(body, at, encoded);
                } finally {
                    Arrays.fill(bytes, (byte) 0);
                    Arrays.fill(encoded, (byte) 0);
                }
                at = put(body, at, KEY_END);
            }
            put(body, at, KEYS_CLOSE);
            return body;
        } finally {
            keys.forEach(key -> key.material().destroy());
        }
    }

    private static int put(final byte[] body, final int at, final byte[] part) {
        System.arraycopy(part, 0, body, at, part.length);
        return at + part.length;
    }

    static void writeError(final OutputStream out, final String message, final String details) throws IOException {
        try (var json = writer(out)) {
            json.beginObject().name("message").value(message).name("details").beginArray();
            if (!details.isEmpty()) {
                json.beginObject().name("reason").value(details).endObject();
            }
            json.endArray().endObject();
        }
    }

    private static JsonWriter writer(final OutputStream out) {
        return new JsonWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    /**
     * Parses a Key request body.
     *
     * @param body JSON text
     * @return the request
     * @throws Etsi014Exception 400 when malformed
     */
    static KeyRequest parseKeyRequest(final String body) throws Etsi014Exception {
        final JsonObject object = parseObject(body);
        final int number = intField(object, "number", 1);
        final int size = intField(object, "size", 0);
        if (object.has("size") && !object.get("size").isJsonNull() && size < 1) {
            throw Etsi014Exception.badRequest("size must be a positive number of bits", "size");
        }
        final var slaves = new ArrayList<String>();
        final JsonElement additional = object.get("additional_slave_SAE_IDs");
        if (additional != null && !additional.isJsonNull()) {
            if (!additional.isJsonArray()) {
                throw Etsi014Exception.badRequest("additional_slave_SAE_IDs must be an array", "");
            }
            for (JsonElement element : additional.getAsJsonArray()) {
                slaves.add(stringValue(element, "additional_slave_SAE_IDs"));
            }
        }
        return new KeyRequest(number, size, slaves, extensions(object, "extension_mandatory"),
            extensions(object, "extension_optional"));
    }

    /**
     * Parses a Key IDs body.
     *
     * @param body JSON text
     * @return the key ids
     * @throws Etsi014Exception 400 when malformed
     */
    static List<UUID> parseKeyIds(final String body) throws Etsi014Exception {
        final JsonObject object = parseObject(body);
        final JsonElement ids = object.get("key_IDs");
        if (ids == null || !ids.isJsonArray() || ids.getAsJsonArray().isEmpty()) {
            throw Etsi014Exception.badRequest("key_IDs must be a non-empty array", "");
        }
        final var result = new ArrayList<UUID>();
        for (JsonElement element : ids.getAsJsonArray()) {
            if (!element.isJsonObject() || !element.getAsJsonObject().has("key_ID")) {
                throw Etsi014Exception.badRequest("each key_IDs entry must be an object with key_ID", "");
            }
            result.add(parseUuid(stringValue(element.getAsJsonObject().get("key_ID"), "key_ID")));
        }
        return result;
    }

    static UUID parseUuid(final String text) throws Etsi014Exception {
        try {
            final UUID uuid = UUID.fromString(text);
            if (!uuid.toString().equalsIgnoreCase(text)) {
                throw new IllegalArgumentException();
            }
            return uuid;
        } catch (IllegalArgumentException e) {
            throw Etsi014Exception.badRequest("key_ID is not a UUID", "key_ID", e);
        }
    }

    private static JsonObject parseObject(final String body) throws Etsi014Exception {
        try {
            final JsonElement element = JsonParser.parseString(body);
            if (!element.isJsonObject()) {
                throw Etsi014Exception.badRequest("request body must be a JSON object", "");
            }
            return element.getAsJsonObject();
        } catch (JsonParseException e) {
            throw Etsi014Exception.badRequest("request body is not valid JSON", "", e);
        }
    }

    private static int intField(final JsonObject object, final String name, final int absent)
            throws Etsi014Exception {
        final JsonElement element = object.get(name);
        if (element == null || element.isJsonNull()) {
            return absent;
        }
        if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isNumber()) {
            throw Etsi014Exception.badRequest(name + " must be an integer", name);
        }
        try {
            return element.getAsJsonPrimitive().getAsBigDecimal().intValueExact();
        } catch (ArithmeticException e) {
            throw Etsi014Exception.badRequest(name + " must be an integer", name, e);
        }
    }

    private static String stringValue(final JsonElement element, final String name) throws Etsi014Exception {
        if (element == null || !element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
            throw Etsi014Exception.badRequest(name + " must hold strings", name);
        }
        return element.getAsString();
    }

    private static List<Map.Entry<String, String>> extensions(final JsonObject object, final String name)
            throws Etsi014Exception {
        final JsonElement element = object.get(name);
        if (element == null || element.isJsonNull()) {
            return List.of();
        }
        if (!element.isJsonArray()) {
            throw Etsi014Exception.badRequest(name + " must be an array of objects", name);
        }
        final var result = new ArrayList<Map.Entry<String, String>>();
        for (JsonElement entry : element.getAsJsonArray()) {
            if (!entry.isJsonObject()) {
                throw Etsi014Exception.badRequest(name + " must be an array of objects", name);
            }
            for (Map.Entry<String, JsonElement> pair : entry.getAsJsonObject().entrySet()) {
                final JsonElement value = pair.getValue();
                result.add(Map.entry(pair.getKey(), value.isJsonPrimitive() ? value.getAsString() : value.toString()));
            }
        }
        return result;
    }

    /**
     * Builds a Key request body.
     *
     * @param request the request
     * @return JSON text
     */
    public static String keyRequest(final KeyRequest request) {
        final var object = new JsonObject();
        object.addProperty("number", request.number());
        if (request.size() > 0) {
            object.addProperty("size", request.size());
        }
        if (!request.additionalSlaveSaeIds().isEmpty()) {
            final var slaves = new JsonArray();
            request.additionalSlaveSaeIds().forEach(slaves::add);
            object.add("additional_slave_SAE_IDs", slaves);
        }
        if (!request.extensionMandatory().isEmpty()) {
            object.add("extension_mandatory", extensionArray(request.extensionMandatory()));
        }
        if (!request.extensionOptional().isEmpty()) {
            object.add("extension_optional", extensionArray(request.extensionOptional()));
        }
        return object.toString();
    }

    private static JsonArray extensionArray(final List<Map.Entry<String, String>> extensions) {
        final var array = new JsonArray();
        for (Map.Entry<String, String> extension : extensions) {
            final var entry = new JsonObject();
            entry.addProperty(extension.getKey(), extension.getValue());
            array.add(entry);
        }
        return array;
    }

    /**
     * Builds a Key IDs body.
     *
     * @param keyIds key ids
     * @return JSON text
     */
    public static String keyIds(final List<UUID> keyIds) {
        final var array = new JsonArray();
        for (UUID id : keyIds) {
            final var entry = new JsonObject();
            entry.addProperty("key_ID", id.toString());
            array.add(entry);
        }
        final var object = new JsonObject();
        object.add("key_IDs", array);
        return object.toString();
    }
}

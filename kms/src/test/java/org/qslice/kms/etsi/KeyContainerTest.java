/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.etsi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qslice.kms.crypto.KeyMaterial;

/**
 * The Key container written and read byte by byte: the server's body is valid ETSI 014 JSON and destroys every key's
 * material, the client reads keys without a String of any key and refuses what is not a Key container.
 */
class KeyContainerTest {
    private final SecureRandom random = new SecureRandom();

    private List<DeliveredKey> keys(final int count) {
        final var keys = new ArrayList<DeliveredKey>();
        for (int i = 0; i < count; i++) {
            final byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            keys.add(new DeliveredKey(UUID.randomUUID(), KeyMaterial.copyOf(bytes)));
        }
        return keys;
    }

    @Test
    void writtenBodyIsTheKeyContainerAndTheMaterialIsDestroyed() throws IOException {
        final List<DeliveredKey> keys = keys(3);
        final var expected = new ArrayList<byte[]>();
        keys.forEach(key -> expected.add(key.material().bytes()));
        final byte[] body = Etsi014Json.keysBody(keys);
        assertTrue(keys.stream().allMatch(key -> key.material().isDestroyed()), "material left after the body");
        final var json = JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject()
            .getAsJsonArray("keys");
        assertEquals(3, json.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(keys.get(i).keyId().toString(), json.get(i).getAsJsonObject().get("key_ID").getAsString());
            assertArrayEquals(expected.get(i), Base64.getDecoder().decode(json.get(i).getAsJsonObject().get("key")
                .getAsString()));
        }
        // and the client reads it back
        final List<DeliveredKey> read = KeyContainerReader.read(body);
        for (int i = 0; i < 3; i++) {
            assertEquals(keys.get(i).keyId(), read.get(i).keyId());
            assertArrayEquals(expected.get(i), read.get(i).material().bytes());
        }
        assertEquals("{\"keys\":[]}", new String(Etsi014Json.keysBody(List.of()), StandardCharsets.US_ASCII));
    }

    @Test
    void readsAContainerWithExtensionsWhitespaceAndEscapes() throws IOException {
        final UUID id = UUID.randomUUID();
        final byte[] key = new byte[32];
        random.nextBytes(key);
        final String text = """
            { "key_container_extension": {"a": [1, 2.5e3, true, null, "x\\"y"]},
              "keys" : [ { "key_ID_extension": {"\\/n": "v"}, "key" : "%s" , "key_ID": "%s" } ] }
            """.formatted(Base64.getEncoder().encodeToString(key), id);
        final List<DeliveredKey> read = KeyContainerReader.read(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, read.size());
        assertEquals(id, read.get(0).keyId());
        assertArrayEquals(key, read.get(0).material().bytes());
    }

    @Test
    void refusesWhatIsNotAKeyContainer() {
        for (String text : List.of("", "[]", "{}", "{\"keys\":{}}", "{\"keys\":[{\"key\":\"AAAA\"}]}",
                "{\"keys\":[{\"key_ID\":\"not-a-uuid\",\"key\":\"AAAA\"}]}",
                "{\"keys\":[{\"key_ID\":\"" + UUID.randomUUID() + "\",\"key\":\"***\"}]}",
                "{\"keys\":[{\"key_ID\":\"" + UUID.randomUUID() + "\",\"key\":\"AA\\/A\"}]}",
                "{\"keys\":[]} trailing", "{\"keys\":[")) {
            assertThrows(IOException.class, () -> KeyContainerReader.read(text.getBytes(StandardCharsets.UTF_8)),
                text);
        }
    }
}

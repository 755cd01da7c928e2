/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.etsi;

import java.util.List;
import java.util.Map;

/**
 * A parsed ETSI GS QKD 014 key request (Get key).
 *
 * @param number number of keys (default 1)
 * @param size key size in bits, or 0 for the default
 * @param additionalSlaveSaeIds additional_slave_SAE_IDs
 * @param extensionMandatory extension_mandatory: each entry one name/value pair
 * @param extensionOptional extension_optional
 */
public record KeyRequest(int number, int size, List<String> additionalSlaveSaeIds,
        List<Map.Entry<String, String>> extensionMandatory, List<Map.Entry<String, String>> extensionOptional) {
    /** Name of qslice's key type extension: {@code {"qslice_key_type": "qra"}}. */
    public static final String KEY_TYPE_EXTENSION = "qslice_key_type";

    /**
     * Copies the lists.
     *
     * @param number number
     * @param size size
     * @param additionalSlaveSaeIds additional slaves
     * @param extensionMandatory mandatory extensions
     * @param extensionOptional optional extensions
     */
    public KeyRequest {
        additionalSlaveSaeIds = List.copyOf(additionalSlaveSaeIds);
        extensionMandatory = List.copyOf(extensionMandatory);
        extensionOptional = List.copyOf(extensionOptional);
    }

    /**
     * A plain request.
     *
     * @param number number of keys
     * @param size key size in bits or 0
     * @return the request
     */
    public static KeyRequest of(final int number, final int size) {
        return new KeyRequest(number, size, List.of(), List.of(), List.of());
    }

    /**
     * A request with a mandatory key type.
     *
     * @param number number of keys
     * @param keyType qslice key type name, e.g. {@code qra}
     * @return the request
     */
    public static KeyRequest ofType(final int number, final String keyType) {
        return new KeyRequest(number, 0, List.of(), List.of(Map.entry(KEY_TYPE_EXTENSION, keyType)), List.of());
    }

    /**
     * Checks the parts of the request every key source here handles alike: no additional slave SAEs
     * ({@code max_SAE_ID_count} is 0), the one key size, and the number per request.
     *
     * @param keyBits the key size served, bits ({@code size} 0 means that size)
     * @param maxKeyPerRequest the most keys per request
     * @throws Etsi014Exception 400 naming the parameter
     */
    public void checkServable(final int keyBits, final int maxKeyPerRequest) throws Etsi014Exception {
        if (!additionalSlaveSaeIds.isEmpty()) {
            throw new Etsi014Exception(Etsi014Exception.BAD_REQUEST, "additional_slave_SAE_IDs not supported",
                "max_SAE_ID_count is 0");
        }
        if (size != 0 && size != keyBits) {
            throw new Etsi014Exception(Etsi014Exception.BAD_REQUEST, "size must be " + keyBits, "size");
        }
        if (number > maxKeyPerRequest) {
            throw new Etsi014Exception(Etsi014Exception.BAD_REQUEST, "number must be at most " + maxKeyPerRequest,
                "number");
        }
    }
}

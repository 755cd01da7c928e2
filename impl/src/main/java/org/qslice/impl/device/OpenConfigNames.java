/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.device;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * How the OpenConfig drivers find their entries again without keeping any state: a numbered entry (an optical
 * connection, a logical channel) is numbered by its name's CRC-32 in 31 bits; an entry with a description carries
 * {@code qslice:<name> <rest>} in it.
 */
final class OpenConfigNames {
    /** The start of the description of every entry qslice wrote. */
    static final String MARK = "qslice:";

    private OpenConfigNames() {
        // utility class
    }

    /**
     * Returns the index an entry name is numbered with: its CRC-32, in 31 bits.
     *
     * @param name the name
     * @return the index
     */
    static Uint32 index(final String name) {
        final var crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return Uint32.valueOf(crc.getValue() & 0x7fff_ffffL);
    }

    /**
     * Returns the description qslice writes: the mark, the name, and the rest after a space (none if it is empty).
     *
     * @param name the entry's name
     * @param rest what follows the name
     * @return the description
     */
    static String description(final String name, final String rest) {
        return MARK + name + (rest.isEmpty() ? "" : " " + rest);
    }

    /**
     * Returns the entry name in a description qslice wrote.
     *
     * @param description the description
     * @return the name, null if the description is not qslice's
     */
    static @Nullable String name(final String description) {
        if (!description.startsWith(MARK) || description.length() == MARK.length()) {
            return null;
        }
        final int space = description.indexOf(' ');
        return space < 0 ? description.substring(MARK.length()) : description.substring(MARK.length(), space);
    }

    /**
     * Returns what follows the name in a description qslice wrote.
     *
     * @param description the description
     * @param name the name in it
     * @return the rest, empty if there is none
     */
    static String rest(final String description, final String name) {
        return description.startsWith(MARK + name + " ") ? description.substring(MARK.length() + name.length() + 1)
            : "";
    }
}

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.tls;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads the two plaintext facts the TLS policy needs from raw TLS records: the {@code supported_groups} a ClientHello
 * offers, and the group a server's ServerHello (TLS 1.3 {@code key_share}) or ServerKeyExchange (TLS 1.2 ECDHE)
 * selected. Pure functions over the bytes seen so far; they never consume or change them.
 */
public final class HandshakeParser {
    /** More bytes are needed. */
    public static final int MORE = -1;
    /** The handshake selected no named group (or the bytes are not a TLS handshake we understand). */
    public static final int NONE = -2;
    /** Bytes looked at, at most, before giving up. */
    public static final int MAX_BYTES = 64 * 1024;

    private static final int HANDSHAKE = 22;
    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int CLIENT_HELLO = 1;
    private static final int SERVER_HELLO = 2;
    private static final int SERVER_KEY_EXCHANGE = 12;
    private static final int SERVER_HELLO_DONE = 14;
    private static final int SUPPORTED_GROUPS = 10;
    private static final int SUPPORTED_VERSIONS = 43;
    private static final int KEY_SHARE = 51;
    private static final int NAMED_CURVE = 3;
    // RFC 8446 4.1.3: the random of a HelloRetryRequest, SHA-256("HelloRetryRequest")
    private static final byte[] HRR_RANDOM = {
        (byte) 0xCF, 0x21, (byte) 0xAD, 0x74, (byte) 0xE5, (byte) 0x9A, 0x61, 0x11, (byte) 0xBE, 0x1D, (byte) 0x8C,
        0x02, 0x1E, 0x65, (byte) 0xB8, (byte) 0x91, (byte) 0xC2, (byte) 0xA2, 0x11, 0x16, 0x7A, (byte) 0xBB,
        (byte) 0x8C, 0x5E, 0x07, (byte) 0x9E, 0x09, (byte) 0xE2, (byte) 0xC8, (byte) 0xA8, 0x33, (byte) 0x9C };
    private static final int[] NO_GROUPS = new int[0];

    private HandshakeParser() {
        // utility class
    }

    /**
     * The handshake messages in the complete records at the start of {@code data}.
     *
     * @param messages the concatenated handshake payloads
     * @param complete a non-handshake record (other than ChangeCipherSpec) followed: no plaintext handshake follows
     */
    private record Handshake(byte[] messages, boolean complete) {
    }

    private static Handshake handshake(final byte[] data, final int length) {
        final var out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos + 5 <= length) {
            final int type = data[pos] & 0xFF;
            final int recordLength = u16(data, pos + 3);
            if (type != HANDSHAKE && type != CHANGE_CIPHER_SPEC) {
                return new Handshake(out.toByteArray(), true);
            }
            if (pos + 5 + recordLength > length) {
                break;
            }
            if (type == HANDSHAKE) {
                out.write(data, pos + 5, recordLength);
            }
            pos += 5 + recordLength;
        }
        return new Handshake(out.toByteArray(), false);
    }

    /**
     * The {@code supported_groups} of the ClientHello at the start of a connection's inbound bytes.
     *
     * @param data bytes received so far
     * @param length how many of them
     * @return the offered group codes in the client's order (empty when the ClientHello has none, or the bytes are
     *         not a ClientHello), or empty when more bytes are needed
     */
    public static Optional<int[]> clientGroups(final byte[] data, final int length) {
        if (length > 0 && (data[0] & 0xFF) != HANDSHAKE) {
            return Optional.of(NO_GROUPS);
        }
        final Handshake handshake = handshake(data, Math.min(length, MAX_BYTES));
        final byte[] hs = handshake.messages();
        if (hs.length < 4) {
            return handshake.complete() || length >= MAX_BYTES ? Optional.of(NO_GROUPS) : Optional.empty();
        }
        final int bodyLength = u24(hs, 1);
        if (4 + bodyLength > hs.length) {
            return handshake.complete() || length >= MAX_BYTES ? Optional.of(NO_GROUPS) : Optional.empty();
        }
        if ((hs[0] & 0xFF) != CLIENT_HELLO) {
            return Optional.of(NO_GROUPS);
        }
        try {
            int pos = 4 + 2 + 32;
            pos += 1 + (hs[pos] & 0xFF);
            pos += 2 + u16(hs, pos);
            pos += 1 + (hs[pos] & 0xFF);
            final int end = 4 + bodyLength;
            if (pos + 2 > end) {
                return Optional.of(NO_GROUPS);
            }
            final int extensionsEnd = Math.min(end, pos + 2 + u16(hs, pos));
            pos += 2;
            while (pos + 4 <= extensionsEnd) {
                final int type = u16(hs, pos);
                final int extensionLength = u16(hs, pos + 2);
                if (type == SUPPORTED_GROUPS) {
                    final int listLength = Math.min(u16(hs, pos + 4), extensionLength - 2);
                    final int[] groups = new int[Math.max(0, listLength / 2)];
                    for (int i = 0; i < groups.length; i++) {
                        groups[i] = u16(hs, pos + 6 + 2 * i);
                    }
                    return Optional.of(groups);
                }
                pos += 4 + extensionLength;
            }
            return Optional.of(NO_GROUPS);
        } catch (ArrayIndexOutOfBoundsException e) {
            // a truncated or malformed ClientHello offers nothing
            return Optional.of(NO_GROUPS);
        }
    }

    /**
     * The group a server selected, from its outbound bytes: the {@code key_share} of a TLS 1.3 ServerHello (a
     * HelloRetryRequest is skipped: the ServerHello after it decides), or the named curve of a TLS 1.2 ECDHE
     * ServerKeyExchange.
     *
     * @param data bytes sent so far
     * @param length how many of them
     * @return the group code, {@link #NONE} when the handshake selected none (or the bytes cannot be read), or
     *         {@link #MORE} when more bytes are needed
     */
    public static int serverGroup(final byte[] data, final int length) {
        if (length > 0 && (data[0] & 0xFF) != HANDSHAKE) {
            return NONE;
        }
        final Handshake handshake = handshake(data, Math.min(length, MAX_BYTES));
        final byte[] hs = handshake.messages();
        int pos = 0;
        try {
            while (pos + 4 <= hs.length) {
                final int type = hs[pos] & 0xFF;
                final int bodyLength = u24(hs, pos + 1);
                if (pos + 4 + bodyLength > hs.length) {
                    break;
                }
                final int body = pos + 4;
                if (type == SERVER_HELLO) {
                    final int group = serverHelloGroup(hs, body, body + bodyLength);
                    if (group != MORE) {
                        return group;
                    }
                } else if (type == SERVER_KEY_EXCHANGE) {
                    return (hs[body] & 0xFF) == NAMED_CURVE ? u16(hs, body + 1) : NONE;
                } else if (type == SERVER_HELLO_DONE) {
                    return NONE;
                }
                pos = body + bodyLength;
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            // a ServerHello we cannot read selected nothing we can name
            return NONE;
        }
        return handshake.complete() || length >= MAX_BYTES ? NONE : MORE;
    }

    /*
     * The key_share group of a TLS 1.3 ServerHello; MORE for a HelloRetryRequest or a TLS 1.2 ServerHello (the
     * ServerKeyExchange that follows names the curve).
     */
    private static int serverHelloGroup(final byte[] hs, final int body, final int end) {
        final boolean retry = Arrays.equals(hs, body + 2, body + 34, HRR_RANDOM, 0, HRR_RANDOM.length);
        int pos = body + 2 + 32;
        pos += 1 + (hs[pos] & 0xFF);
        pos += 2 + 1;
        if (pos + 2 > end) {
            return MORE;
        }
        final int extensionsEnd = Math.min(end, pos + 2 + u16(hs, pos));
        pos += 2;
        int group = MORE;
        boolean tls13 = false;
        while (pos + 4 <= extensionsEnd) {
            final int type = u16(hs, pos);
            final int extensionLength = u16(hs, pos + 2);
            if (type == KEY_SHARE && extensionLength >= 2) {
                group = u16(hs, pos + 4);
            } else if (type == SUPPORTED_VERSIONS && extensionLength == 2) {
                tls13 = u16(hs, pos + 4) == 0x0304;
            }
            pos += 4 + extensionLength;
        }
        if (!tls13 || retry) {
            return MORE;
        }
        // a TLS 1.3 ServerHello without key_share: a PSK-only resumption, no key exchange group
        return group == MORE ? NONE : group;
    }

    private static int u16(final byte[] data, final int pos) {
        return (data[pos] & 0xFF) << 8 | data[pos + 1] & 0xFF;
    }

    private static int u24(final byte[] data, final int pos) {
        return (data[pos] & 0xFF) << 16 | (data[pos + 1] & 0xFF) << 8 | data[pos + 2] & 0xFF;
    }
}

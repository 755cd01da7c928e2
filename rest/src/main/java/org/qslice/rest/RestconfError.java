/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.rest;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;

/**
 * One RFC 8040 error ({@code ietf-restconf:errors/error}), and a list of them with the HTTP status that carries it.
 *
 * @param type error-type ({@code protocol}, {@code application}, ...)
 * @param tag error-tag ({@code invalid-value}, {@code malformed-message}, {@code too-big}, ...)
 * @param path error-path, an instance-identifier of the offending node, or null
 * @param message error-message, naming the field and the reason
 */
public record RestconfError(String type, String tag, @Nullable String path, String message) {
    /**
     * Creates an error.
     */
    public RestconfError {
        requireNonNull(type);
        requireNonNull(tag);
        requireNonNull(message);
    }

    /**
     * A bad value or an unknown or duplicate node: {@code protocol}/{@code invalid-value}.
     *
     * @param path error-path or null
     * @param message the message
     * @return the error
     */
    public static RestconfError invalidValue(final @Nullable String path, final String message) {
        return new RestconfError("protocol", "invalid-value", path, message);
    }

    /**
     * A body that is not well-formed: {@code protocol}/{@code malformed-message}.
     *
     * @param message the message
     * @return the error
     */
    public static RestconfError malformed(final String message) {
        return new RestconfError("protocol", "malformed-message", null, message);
    }

    /**
     * A rejected request: its HTTP status and errors.
     *
     * @param status HTTP status (400, 413)
     * @param errors the errors, at least one
     */
    public record Rejection(int status, List<RestconfError> errors) {
        /**
         * Creates a rejection.
         */
        public Rejection {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs an error");
            }
        }

        /**
         * A rejection with one error.
         *
         * @param status HTTP status
         * @param error the error
         * @return the rejection
         */
        public static Rejection of(final int status, final RestconfError error) {
            return new Rejection(status, List.of(error));
        }

        /**
         * Renders the RFC 8040 JSON body ({@code application/yang-data+json}), as OpenDaylight's RESTCONF does.
         *
         * @return the body
         */
        public String json() {
            final var list = new JsonArray();
            for (RestconfError error : errors) {
                final var object = new JsonObject();
                object.addProperty("error-type", error.type());
                object.addProperty("error-tag", error.tag());
                if (error.path() != null) {
                    object.addProperty("error-path", error.path());
                }
                object.addProperty("error-message", error.message());
                list.add(object);
            }
            final var inner = new JsonObject();
            inner.add("error", list);
            final var root = new JsonObject();
            root.add("errors", inner);
            return root.toString();
        }

        /**
         * Renders the RFC 8040 XML body ({@code application/yang-data+xml}).
         *
         * @return the body
         */
        public String xml() {
            final var sb = new StringBuilder("<errors xmlns=\"urn:ietf:params:xml:ns:yang:ietf-restconf\">");
            for (RestconfError error : errors) {
                sb.append("<error><error-type>").append(error.type()).append("</error-type><error-tag>")
                    .append(error.tag()).append("</error-tag>");
                if (error.path() != null) {
                    sb.append("<error-path>").append(escape(error.path())).append("</error-path>");
                }
                sb.append("<error-message>").append(escape(error.message())).append("</error-message></error>");
            }
            return sb.append("</errors>").toString();
        }

        private static String escape(final String text) {
            final var sb = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                final char ch = text.charAt(i);
                switch (ch) {
                    case '<' -> sb.append("&lt;");
                    case '>' -> sb.append("&gt;");
                    case '&' -> sb.append("&amp;");
                    case '"' -> sb.append("&quot;");
                    default -> sb.append(ch);
                }
            }
            return sb.toString();
        }
    }
}

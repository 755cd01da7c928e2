/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.mdsal;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import org.qslice.api.model.ConnectionRole;
import org.qslice.api.model.DeviceKind;
import org.qslice.api.model.KeyExchange;
import org.qslice.api.model.SecurityLevel;
import org.qslice.api.model.SiteRole;
import org.qslice.api.model.SliceState;

/**
 * Converts the api enums to and from the enums generated from {@code qslice-types} and {@code qslice-slice}.
 *
 * <p>The api module stays free of generated bindings; this is the one place in impl where its enums meet them.
 * Both sides share the YANG enum names: {@code fromYang} parses the binding's name with the api enum's parser,
 * {@code toYang} looks the api enum's {@code yangName()} up in the binding.
 */
public final class YangEnums {
    private YangEnums() {
        // utility class
    }

    /**
     * Converts a security level from the binding.
     *
     * @param level the binding value
     * @return the domain value
     */
    public static SecurityLevel fromYang(
            final org.opendaylight.yang.gen.v1.urn.qslice.types.rev261126.SecurityLevel level) {
        return SecurityLevel.parse(requireNonNull(level, "security level").getName());
    }

    /**
     * Converts a key-exchange method from the binding.
     *
     * @param method the binding value
     * @return the domain value
     */
    public static KeyExchange fromYang(
            final org.opendaylight.yang.gen.v1.urn.qslice.types.rev261126.KeyExchangeMethod method) {
        return KeyExchange.parse(requireNonNull(method, "key exchange method").getName());
    }

    /**
     * Converts a site role from the binding.
     *
     * @param role the binding value
     * @return the domain value
     */
    public static SiteRole fromYang(final org.opendaylight.yang.gen.v1.urn.qslice.types.rev261126.SiteRole role) {
        return SiteRole.parse(requireNonNull(role, "site role").getName());
    }

    /**
     * Converts a device kind from the binding.
     *
     * @param kind the binding value
     * @return the domain value
     */
    public static DeviceKind fromYang(final org.opendaylight.yang.gen.v1.urn.qslice.types.rev261126.DeviceKind kind) {
        return DeviceKind.parse(requireNonNull(kind, "device kind").getName());
    }

    /**
     * Converts a connection role from the binding.
     *
     * @param role the binding value
     * @return the domain value
     */
    public static ConnectionRole fromYang(
            final org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.ConnectionRole role) {
        return ConnectionRole.parse(requireNonNull(role, "connection role").getName());
    }

    /**
     * Converts a slice state from the binding.
     *
     * @param state the binding value
     * @return the domain value
     */
    public static SliceState fromYang(final org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.SliceState state) {
        return SliceState.valueOf(state.getName().toUpperCase(Locale.ROOT));
    }

    /**
     * Converts a security level to the binding.
     *
     * @param level the domain value
     * @return the binding value
     */
    public static org.opendaylight.yang.gen.v1.urn.qslice.types.rev261126.SecurityLevel toYang(
            final SecurityLevel level) {
        return org.opendaylight.yang.gen.v1.urn.qslice.types.rev261126.SecurityLevel.ofName(level.yangName());
    }

    /**
     * Converts a key-exchange method to the binding.
     *
     * @param method the domain value
     * @return the binding value
     */
    public static org.opendaylight.yang.gen.v1.urn.qslice.types.rev261126.KeyExchangeMethod toYang(
            final KeyExchange method) {
        return org.opendaylight.yang.gen.v1.urn.qslice.types.rev261126.KeyExchangeMethod.ofName(method.yangName());
    }

    /**
     * Converts a site role to the binding.
     *
     * @param role the domain value
     * @return the binding value
     */
    public static org.opendaylight.yang.gen.v1.urn.qslice.types.rev261126.SiteRole toYang(final SiteRole role) {
        return org.opendaylight.yang.gen.v1.urn.qslice.types.rev261126.SiteRole.ofName(role.yangName());
    }

    /**
     * Converts a device kind to the binding.
     *
     * @param kind the domain value
     * @return the binding value
     */
    public static org.opendaylight.yang.gen.v1.urn.qslice.types.rev261126.DeviceKind toYang(final DeviceKind kind) {
        return org.opendaylight.yang.gen.v1.urn.qslice.types.rev261126.DeviceKind.ofName(kind.yangName());
    }

    /**
     * Converts a connection role to the binding.
     *
     * @param role the domain value
     * @return the binding value
     */
    public static org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.ConnectionRole toYang(
            final ConnectionRole role) {
        return org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.ConnectionRole.ofName(role.yangName());
    }

    /**
     * Converts a slice state to the binding.
     *
     * @param state the domain value
     * @return the binding value
     */
    public static org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.SliceState toYang(final SliceState state) {
        return org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.SliceState.ofName(state.yangName());
    }
}

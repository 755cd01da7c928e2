/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools.karaf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The loopback TCP ports a Karaf instance listens on.
 *
 * @param http RESTCONF over Jetty (ODL default 8181)
 * @param ssh Karaf console over SSH (8101)
 * @param rmiRegistry JMX RMI registry (1099)
 * @param rmiServer JMX RMI server (44444)
 * @param pekko cluster remoting of the datastore (2550)
 * @param kms the KMS's ETSI GS QKD 014 key delivery over mutual TLS (9443)
 */
public record Ports(int http, int ssh, int rmiRegistry, int rmiServer, int pekko, int kms) {
    /** OpenDaylight's default ports, and the KMS's. */
    public static final Ports DEFAULTS = new Ports(8181, 8101, 1099, 44444, 2550, 9443);

    /**
     * Picks six currently free loopback ports (for tests; another process may still take one before Karaf binds it).
     *
     * @return free ports
     */
    public static Ports free() {
        final List<ServerSocket> sockets = new ArrayList<>();
        try {
            final int[] ports = new int[6];
            for (int i = 0; i < ports.length; i++) {
                final var socket = new ServerSocket();
                sockets.add(socket);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                ports[i] = socket.getLocalPort();
            }
            return new Ports(ports[0], ports[1], ports[2], ports[3], ports[4], ports[5]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot allocate free ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // best effort
                }
            }
        }
    }

    /**
     * Reads ports from environment-style variables ({@code QSLICE_HTTP_PORT}, {@code QSLICE_SSH_PORT},
     * {@code QSLICE_RMI_REGISTRY_PORT}, {@code QSLICE_RMI_SERVER_PORT}, {@code QSLICE_PEKKO_PORT},
     * {@code QSLICE_KMS_PORT}), defaulting to
     * {@link #DEFAULTS}.
     *
     * @param env the variables
     * @return the ports
     * @throws IllegalArgumentException naming the variable if a value is not a port number
     */
    public static Ports fromEnvironment(final Map<String, String> env) {
        return new Ports(
            port(env, "QSLICE_HTTP_PORT", DEFAULTS.http),
            port(env, "QSLICE_SSH_PORT", DEFAULTS.ssh),
            port(env, "QSLICE_RMI_REGISTRY_PORT", DEFAULTS.rmiRegistry),
            port(env, "QSLICE_RMI_SERVER_PORT", DEFAULTS.rmiServer),
            port(env, "QSLICE_PEKKO_PORT", DEFAULTS.pekko),
            port(env, "QSLICE_KMS_PORT", DEFAULTS.kms));
    }

    /**
     * Reads one port variable.
     *
     * @param env the variables
     * @param name the variable, e.g. {@code QSLICE_TESTBED_PORT}
     * @param def the port when it is not set
     * @return the port
     * @throws IllegalArgumentException naming the variable if its value is not a port number
     */
    public static int port(final Map<String, String> env, final String name, final int def) {
        final String value = env.get(name);
        if (value == null || value.isBlank()) {
            return def;
        }
        try {
            final int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(name + "=" + value + " is not a TCP port (1..65535)");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + value + " is not a TCP port (1..65535)", e);
        }
    }

    /**
     * Names each port by its purpose, for messages.
     *
     * @return purpose to port, in a stable order
     */
    public Map<String, Integer> byPurpose() {
        final var map = new LinkedHashMap<String, Integer>();
        map.put("RESTCONF/HTTP (QSLICE_HTTP_PORT)", http);
        map.put("console SSH (QSLICE_SSH_PORT)", ssh);
        map.put("JMX RMI registry (QSLICE_RMI_REGISTRY_PORT)", rmiRegistry);
        map.put("JMX RMI server (QSLICE_RMI_SERVER_PORT)", rmiServer);
        map.put("cluster remoting (QSLICE_PEKKO_PORT)", pekko);
        map.put("KMS ETSI GS QKD 014 key delivery (QSLICE_KMS_PORT)", kms);
        return map;
    }

    /**
     * Returns the purposes of the ports that cannot be bound on loopback right now.
     *
     * @return list of "purpose port" strings, empty if all are free
     */
    public List<String> taken() {
        final var taken = new ArrayList<String>();
        for (var entry : byPurpose().entrySet()) {
            try (var socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), entry.getValue()));
            } catch (IOException e) {
                taken.add(entry.getValue() + " (" + entry.getKey() + ")");
            }
        }
        return taken;
    }

    /**
     * Stores the ports as properties.
     *
     * @return properties with keys http, ssh, rmiRegistry, rmiServer, pekko, kms
     */
    public Properties toProperties() {
        final var props = new Properties();
        props.setProperty("http", Integer.toString(http));
        props.setProperty("ssh", Integer.toString(ssh));
        props.setProperty("rmiRegistry", Integer.toString(rmiRegistry));
        props.setProperty("rmiServer", Integer.toString(rmiServer));
        props.setProperty("pekko", Integer.toString(pekko));
        props.setProperty("kms", Integer.toString(kms));
        return props;
    }

    /**
     * Reads ports stored by {@link #toProperties()} (an instance created before the KMS port was configurable has
     * none stored, and uses the KMS default).
     *
     * @param props the properties
     * @return the ports
     */
    public static Ports fromProperties(final Properties props) {
        return new Ports(Integer.parseInt(props.getProperty("http")), Integer.parseInt(props.getProperty("ssh")),
            Integer.parseInt(props.getProperty("rmiRegistry")), Integer.parseInt(props.getProperty("rmiServer")),
            Integer.parseInt(props.getProperty("pekko")),
            Integer.parseInt(props.getProperty("kms", Integer.toString(DEFAULTS.kms))));
    }
}

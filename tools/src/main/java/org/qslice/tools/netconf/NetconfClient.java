/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools.netconf;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelSubsystem;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

/**
 * One NETCONF session over SSH to a device on this machine. Speaks base:1.0 end-of-message framing, or base:1.1
 * chunked framing when the device offers it. Not thread-safe: one request at a time.
 *
 * <p>The server key is not verified: the client only talks to the simulated testbed on loopback.
 */
public final class NetconfClient implements AutoCloseable {
    private static final String BASE_10 = "urn:ietf:params:netconf:base:1.0";
    private static final String BASE_11 = "urn:ietf:params:netconf:base:1.1";
    private static final String NS = "urn:ietf:params:xml:ns:netconf:base:1.0";
    private static final byte[] EOM = "]]>]]>".getBytes(StandardCharsets.UTF_8);
    private static final Pattern RPC_ERROR = Pattern.compile("<(\\w+:)?rpc-error>");
    private static final Pattern SESSION_ID = Pattern.compile("<(?:\\w+:)?session-id>(\\d+)</");

    private final SshClient ssh;
    private final ClientSession session;
    private final ChannelSubsystem channel;
    private final OutputStream toDevice;
    private final InputStream fromDevice;
    private final ExecutorService reader;
    private final Duration timeout;
    private final boolean chunked;
    private final String serverHello;
    private final AtomicInteger messageId = new AtomicInteger(100);

    private NetconfClient(final SshClient ssh, final ClientSession session, final ChannelSubsystem channel,
            final Duration timeout) throws IOException {
        this.ssh = ssh;
        this.session = session;
        this.channel = channel;
        this.timeout = timeout;
        toDevice = channel.getInvertedIn();
        fromDevice = channel.getInvertedOut();
        reader = Executors.newSingleThreadExecutor(runnable -> {
            final var thread = new Thread(runnable, "netconf-client-reader");
            thread.setDaemon(true);
            return thread;
        });
        // hello exchange, always in end-of-message framing
        write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><hello xmlns=\"" + NS + "\"><capabilities>"
            + "<capability>" + BASE_10 + "</capability><capability>" + BASE_11 + "</capability>"
            + "</capabilities></hello>").getBytes(StandardCharsets.UTF_8), false);
        serverHello = read(false);
        chunked = serverHello.contains(BASE_11);
    }

    /**
     * Connects and exchanges hellos.
     *
     * @param host device address (loopback)
     * @param port device SSH port
     * @param user user name
     * @param password password
     * @param timeout bound of the connection and of each reply
     * @return the session
     * @throws IOException if the device cannot be reached, refuses the login or does not answer in time
     */
    public static NetconfClient connect(final String host, final int port, final String user, final String password,
            final Duration timeout) throws IOException {
        requireNonNull(timeout);
        final SshClient ssh = SshClient.setUpDefaultClient();
        ssh.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        ssh.start();
        ClientSession session = null;
        try {
            session = ssh.connect(user, host, port).verify(timeout).getSession();
            session.addPasswordIdentity(password);
            session.auth().verify(timeout);
            final ChannelSubsystem channel = session.createSubsystemChannel("netconf");
            channel.open().verify(timeout);
            return new NetconfClient(ssh, session, channel, timeout);
        } catch (IOException e) {
            if (session != null) {
                session.close(true);
            }
            ssh.stop();
            throw new IOException("NETCONF session to " + host + ":" + port + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the device's hello.
     *
     * @return the hello document
     */
    public String serverHello() {
        return serverHello;
    }

    /**
     * Returns the session id the device assigned.
     *
     * @return the id, or -1 if the hello carried none
     */
    public long sessionId() {
        final var matcher = SESSION_ID.matcher(serverHello);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    /**
     * Tells whether base:1.1 chunked framing is in use.
     *
     * @return true for chunked framing
     */
    public boolean chunkedFraming() {
        return chunked;
    }

    /**
     * Sends an RPC and returns the reply.
     *
     * @param operation the operation element(s), e.g. a {@code get-config} element
     * @return the rpc-reply document
     * @throws IOException on I/O failure or timeout
     */
    public String rpc(final String operation) throws IOException {
        final int id = messageId.incrementAndGet();
        write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rpc message-id=\"" + id + "\" xmlns=\"" + NS + "\">"
            + operation + "</rpc>").getBytes(StandardCharsets.UTF_8), chunked);
        return read(chunked);
    }

    /**
     * Reads a datastore's configuration, optionally filtered by a subtree.
     *
     * @param datastore {@code running} or {@code candidate}
     * @param subtreeFilter subtree filter content, e.g. {@code <ethernet-switch xmlns="urn:qslice:ethernet-switch"/>},
     *                      or null for everything
     * @return the rpc-reply document
     * @throws IOException on failure or an rpc-error reply
     */
    public String getConfig(final String datastore, final String subtreeFilter) throws IOException {
        final String filter = subtreeFilter == null ? "" : "<filter type=\"subtree\">" + subtreeFilter + "</filter>";
        return expectOk("get-config", rpc("<get-config><source><" + datastore + "/></source>" + filter
            + "</get-config>"));
    }

    /**
     * Locks a datastore (RFC 6241 7.5).
     *
     * @param datastore {@code running} or {@code candidate}
     * @return the reply, which is an rpc-error when the device refused the lock
     * @throws IOException on I/O failure
     */
    public String lock(final String datastore) throws IOException {
        return rpc("<lock><target><" + datastore + "/></target></lock>");
    }

    /**
     * Unlocks a datastore.
     *
     * @param datastore {@code running} or {@code candidate}
     * @return the reply
     * @throws IOException on I/O failure
     */
    public String unlock(final String datastore) throws IOException {
        return rpc("<unlock><target><" + datastore + "/></target></unlock>");
    }

    /**
     * Tells whether a reply carries an rpc-error.
     *
     * @param reply the reply
     * @return true if it is an error reply
     */
    public static boolean isError(final String reply) {
        return RPC_ERROR.matcher(reply).find();
    }

    private static String expectOk(final String what, final String reply) throws IOException {
        if (isError(reply)) {
            throw new IOException(what + " refused: " + reply);
        }
        return reply;
    }

    private void write(final byte[] message, final boolean chunkedFraming) throws IOException {
        if (chunkedFraming) {
            toDevice.write(("\n#" + message.length + "\n").getBytes(StandardCharsets.US_ASCII));
            toDevice.write(message);
            toDevice.write("\n##\n".getBytes(StandardCharsets.US_ASCII));
        } else {
            toDevice.write(message);
            toDevice.write(EOM);
        }
        toDevice.flush();
    }

    private String read(final boolean chunkedFraming) throws IOException {
        final Future<String> reply = reader.submit(() -> chunkedFraming ? readChunked() : readToEom());
        try {
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reply.cancel(true);
            throw new IOException("device did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the device", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("reading the device's reply failed: " + e.getCause().getMessage(), e);
        }
    }

    private String readToEom() throws IOException {
        final var buffer = new ByteArrayOutputStream();
        int matched = 0;
        while (true) {
            final int next = fromDevice.read();
            if (next < 0) {
                throw new IOException("the device closed the session");
            }
            buffer.write(next);
            matched = next == EOM[matched] ? matched + 1 : next == EOM[0] ? 1 : 0;
            if (matched == EOM.length) {
                final byte[] bytes = buffer.toByteArray();
                return new String(bytes, 0, bytes.length - EOM.length, StandardCharsets.UTF_8).strip();
            }
        }
    }

    private String readChunked() throws IOException {
        final var message = new ByteArrayOutputStream();
        while (true) {
            expect('\n');
            expect('#');
            final int first = readByte();
            if (first == '#') {
                expect('\n');
                return message.toString(StandardCharsets.UTF_8).strip();
            }
            int size = digit(first);
            int next;
            while ((next = readByte()) != '\n') {
                size = Math.addExact(Math.multiplyExact(size, 10), digit(next));
            }
            message.write(fromDevice.readNBytes(size));
        }
    }

    private int readByte() throws IOException {
        final int next = fromDevice.read();
        if (next < 0) {
            throw new IOException("the device closed the session");
        }
        return next;
    }

    private void expect(final char wanted) throws IOException {
        final int got = readByte();
        if (got != wanted) {
            throw new IOException("bad chunked framing: expected '" + wanted + "', got '" + (char) got + "'");
        }
    }

    private static int digit(final int value) throws IOException {
        if (value < '0' || value > '9') {
            throw new IOException("bad chunk size character '" + (char) value + "'");
        }
        return value - '0';
    }

    @Override
    public void close() {
        try {
            rpc("<close-session/>");
        } catch (IOException e) {
            // the session is going away either way
        }
        reader.shutdownNow();
        channel.close(true);
        session.close(true);
        ssh.stop();
    }
}

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools.slice;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.qslice.tools.http.Restconf;

/**
 * The qslice slice RPCs and data over RESTCONF, as the demo, the benchmark and the integration tests use them.
 */
public final class SliceClient {
    private final Restconf restconf;

    /**
     * Creates a client.
     *
     * @param restconf the controller
     */
    public SliceClient(final Restconf restconf) {
        this.restconf = requireNonNull(restconf);
    }

    /**
     * Returns the RESTCONF client.
     *
     * @return the client
     */
    public Restconf restconf() {
        return restconf;
    }

    /**
     * Loads a topology file (PUT of its network).
     *
     * @param file the file ({@code ietf-network:network} form)
     * @throws IOException if refused
     * @throws InterruptedException if interrupted
     */
    public void loadTopology(final Path file) throws IOException, InterruptedException {
        final String body = Files.readString(file, StandardCharsets.UTF_8);
        final var json = com.google.gson.JsonParser.parseString(body).getAsJsonObject();
        final String id = json.getAsJsonArray("ietf-network:network").get(0).getAsJsonObject().get("network-id")
            .getAsString();
        restconf.put("ietf-network:networks/network=" + id, body).expectOk("loading topology " + file);
    }

    /**
     * Waits until the orchestrator has taken a loaded topology: a dry run of a request no longer answers "no qslice
     * topology is loaded".
     *
     * @param request a request file to dry-run (compute-slice changes nothing)
     * @param timeout bound
     * @throws IOException if the topology is not taken in time
     * @throws InterruptedException if interrupted
     */
    public void awaitTopology(final Path request, final java.time.Duration timeout)
            throws IOException, InterruptedException {
        final String body = Files.readString(request, StandardCharsets.UTF_8);
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            final var response = restconf.rpcRaw("qslice-slice:compute-slice", body);
            if (response.ok()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the orchestrator did not take the topology within " + timeout.toSeconds()
                    + " s: " + error(response));
            }
            Thread.sleep(100);
        }
    }

    /**
     * Creates a slice from a request file.
     *
     * @param file the request ({@code {"input": ...}})
     * @return the RPC output
     * @throws IOException if refused
     * @throws InterruptedException if interrupted
     */
    public JsonObject create(final Path file) throws IOException, InterruptedException {
        return output(restconf.rpcRaw("qslice-slice:create-slice", Files.readString(file, StandardCharsets.UTF_8))
            .expectOk("create-slice " + file.getFileName()), "create-slice");
    }

    /**
     * Activates a slice.
     *
     * @param sliceId the slice
     * @return the response (not checked: failures are expected in fault injection)
     * @throws IOException on I/O failure
     * @throws InterruptedException if interrupted
     */
    public Restconf.Response activate(final String sliceId) throws IOException, InterruptedException {
        return restconf.rpc("qslice-slice:activate-slice", id(sliceId));
    }

    /**
     * Deactivates a slice.
     *
     * @param sliceId the slice
     * @return the response
     * @throws IOException on I/O failure
     * @throws InterruptedException if interrupted
     */
    public Restconf.Response deactivate(final String sliceId) throws IOException, InterruptedException {
        return restconf.rpc("qslice-slice:deactivate-slice", id(sliceId));
    }

    /**
     * Reports a link up or down ({@code qslice-topology:report-link-state}), as an external monitor does.
     *
     * @param linkId the link
     * @param up true for up, false for down
     * @param reason why, or null
     * @return the response
     * @throws IOException on I/O failure
     * @throws InterruptedException if interrupted
     */
    public Restconf.Response reportLinkState(final String linkId, final boolean up, final String reason)
            throws IOException, InterruptedException {
        final JsonObject input = new JsonObject();
        input.addProperty("link-id", linkId);
        input.addProperty("state", up ? "up" : "down");
        if (reason != null) {
            input.addProperty("reason", reason);
        }
        return restconf.rpc("qslice-topology:report-link-state", input);
    }

    /**
     * Forgets every reported link state: every link is up again.
     *
     * @throws IOException on I/O failure
     * @throws InterruptedException if interrupted
     */
    public void clearLinkStates() throws IOException, InterruptedException {
        deleteIfPresent("qslice-topology:link-states", "clearing the link states");
    }

    /**
     * Lifts every key-exchange deprecation ({@code deprecated-key-exchange}); nothing stored is fine.
     *
     * @throws IOException on I/O failure or a refusal
     * @throws InterruptedException if interrupted
     */
    public void clearDeprecations() throws IOException, InterruptedException {
        deleteIfPresent("qslice-topology:deprecated-key-exchange", "clearing the deprecated key-exchange methods");
    }

    /**
     * Deprecates a key-exchange method network-wide, or lifts it ({@code deprecate-key-exchange}).
     *
     * @param method e.g. {@code dh}
     * @param deprecated false to lift
     * @return the response, with the moved and not-moved connections
     * @throws IOException on I/O failure
     * @throws InterruptedException if interrupted
     */
    public Restconf.Response deprecateKeyExchange(final String method, final boolean deprecated)
            throws IOException, InterruptedException {
        final JsonObject input = new JsonObject();
        input.addProperty("method", method);
        input.addProperty("deprecated", deprecated);
        return restconf.rpc("qslice-topology:deprecate-key-exchange", input);
    }

    /**
     * Switches a link's channel to another key-exchange method in place ({@code change-key-exchange}).
     *
     * @param linkId the link
     * @param method e.g. {@code qra}
     * @return the response, with the methods, the slices on the link and the first key of the new method
     * @throws IOException on I/O failure
     * @throws InterruptedException if interrupted
     */
    public Restconf.Response changeKeyExchange(final String linkId, final String method)
            throws IOException, InterruptedException {
        final JsonObject input = new JsonObject();
        input.addProperty("link-id", linkId);
        input.addProperty("method", method);
        return restconf.rpc("qslice-topology:change-key-exchange", input);
    }

    /**
     * Forgets every in-place key-exchange change ({@code key-exchange-change}): links are planned with their
     * topology's methods again (the devices are not touched); nothing stored is fine.
     *
     * @throws IOException on I/O failure or a refusal
     * @throws InterruptedException if interrupted
     */
    public void clearKeyExchangeChanges() throws IOException, InterruptedException {
        deleteIfPresent("qslice-topology:key-exchange-change", "clearing the key-exchange changes");
    }

    /** Deletes a configuration container; one that is not there is fine. */
    private void deleteIfPresent(final String path, final String what) throws IOException, InterruptedException {
        final var response = restconf.delete(path);
        if (!response.ok() && response.status() != 404 && response.status() != 409) {
            response.expectOk(what);
        }
    }

    /**
     * Deletes a slice.
     *
     * @param sliceId the slice
     * @return the response
     * @throws IOException on I/O failure
     * @throws InterruptedException if interrupted
     */
    public Restconf.Response delete(final String sliceId) throws IOException, InterruptedException {
        return restconf.rpc("qslice-slice:delete-slice", id(sliceId));
    }

    /**
     * Reads a slice.
     *
     * @param sliceId the slice
     * @return the slice entry, empty if there is none
     * @throws IOException on I/O failure
     * @throws InterruptedException if interrupted
     */
    public Optional<JsonObject> slice(final String sliceId) throws IOException, InterruptedException {
        final var response = restconf.get("qslice-slice:slices/slice=" + sliceId);
        if (!response.ok()) {
            return Optional.empty();
        }
        return Optional.of(response.json().getAsJsonArray("qslice-slice:slice").get(0).getAsJsonObject());
    }

    /**
     * Reads a slice's provisioning record.
     *
     * @param sliceId the slice
     * @return the record, empty if there is none
     * @throws IOException on I/O failure
     * @throws InterruptedException if interrupted
     */
    public Optional<JsonObject> provisioning(final String sliceId) throws IOException, InterruptedException {
        final var response = restconf.get("qslice-slice:provisioning/slice=" + sliceId);
        if (!response.ok()) {
            return Optional.empty();
        }
        return Optional.of(response.json().getAsJsonArray("qslice-slice:slice").get(0).getAsJsonObject());
    }

    /**
     * Lists the slices.
     *
     * @return the slice ids known to the controller
     * @throws IOException on I/O failure
     * @throws InterruptedException if interrupted
     */
    public List<String> sliceIds() throws IOException, InterruptedException {
        final var response = restconf.get("qslice-slice:slices");
        final var ids = new ArrayList<String>();
        if (response.ok()) {
            final JsonArray slices = response.json().getAsJsonObject("qslice-slice:slices").getAsJsonArray("slice");
            if (slices != null) {
                for (JsonElement slice : slices) {
                    ids.add(slice.getAsJsonObject().get("slice-id").getAsString());
                }
            }
        }
        return ids;
    }

    /**
     * Returns the error message of a failed RPC response.
     *
     * @param response the response
     * @return the first error-message, or the body
     */
    public static String error(final Restconf.Response response) {
        final var json = response.json();
        final var errors = json.has("ietf-restconf:errors")
            ? json.getAsJsonObject("ietf-restconf:errors").getAsJsonArray("error") : null;
        if (errors == null || errors.isEmpty() || !errors.get(0).getAsJsonObject().has("error-message")) {
            return response.body();
        }
        return errors.get(0).getAsJsonObject().get("error-message").getAsString();
    }

    private static JsonObject id(final String sliceId) {
        final var input = new JsonObject();
        input.addProperty("slice-id", sliceId);
        return input;
    }

    private static JsonObject output(final Restconf.Response response, final String rpc) {
        final var json = response.json();
        return json.has("qslice-slice:output") ? json.getAsJsonObject("qslice-slice:output") : json;
    }
}

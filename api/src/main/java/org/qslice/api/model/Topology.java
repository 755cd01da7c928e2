/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A qslice topology: the sites and the links between them. Maps are sorted by id, so iteration is deterministic.
 *
 * <p>Links naming the same {@link Link#qkdLink() qkd-link} share one QKD system and so one secret key rate: those of
 * them that give a rate must give the same, and a qkd-link that is also a link's id must be that link's own key
 * source.
 *
 * @param networkId the ietf-network network-id
 * @param sites sites by id
 * @param links links by id; every link joins two sites of {@code sites}
 */
public record Topology(String networkId, Map<String, Site> sites, Map<String, Link> links) {
    /**
     * Checks that keys match ids and that links and their encryptor devices name known sites and devices.
     */
    public Topology {
        Checks.id(networkId, "network-id");
        sites = sortedCopy(sites, Site::id, "site");
        links = sortedCopy(links, Link::id, "link");
        final var ports = new HashMap<String, String>();
        for (Link link : links.values()) {
            requirePortFree(ports, link, link.siteA(), link.portA());
            requirePortFree(ports, link, link.siteB(), link.portB());
            final Site siteA = requireSite(sites, link, link.siteA());
            final Site siteB = requireSite(sites, link, link.siteB());
            link.encryptor().ifPresent(enc -> {
                requireDevice(link, siteA, enc.deviceA());
                requireDevice(link, siteB, enc.deviceB());
            });
        }
        requireOneRatePerKeySource(links);
    }

    private static void requireOneRatePerKeySource(final Map<String, Link> links) {
        final var rated = new HashMap<String, Link>();
        for (Link link : links.values()) {
            final String source = link.keySource();
            final Link named = links.get(source);
            if (named != null && !named.keySource().equals(source)) {
                throw new IllegalArgumentException("link " + link.id() + " names qkd-link " + source
                    + ", a link that draws its keys from qkd-link " + named.keySource());
            }
            if (link.secretKeyRateBps().isPresent()) {
                final Link other = rated.putIfAbsent(source, link);
                if (other != null && Double.compare(other.secretKeyRateBps().getAsDouble(),
                        link.secretKeyRateBps().getAsDouble()) != 0) {
                    throw new IllegalArgumentException("links " + other.id() + " and " + link.id()
                        + " share qkd-link " + source + " but give different secret-key-rate-bps "
                        + other.secretKeyRateBps().getAsDouble() + " and " + link.secretKeyRateBps().getAsDouble());
                }
            }
        }
    }

    /**
     * Returns the topology as it is with some key-exchange methods deprecated: every link's level capped by what its
     * method still gives ({@link Link#withDeprecated}).
     *
     * @param deprecated the deprecated methods
     * @return this topology if no link changes, else a copy
     */
    public Topology withDeprecated(final Set<KeyExchange> deprecated) {
        if (deprecated.isEmpty()) {
            return this;
        }
        final var changed = new TreeMap<String, Link>();
        links.values().forEach(link -> changed.put(link.id(), link.withDeprecated(deprecated)));
        return changed.equals(links) ? this : new Topology(networkId, sites, changed);
    }

    /**
     * Returns the topology as it is with some links' channels switched to another key-exchange method
     * ({@link Link#withKeyExchange}); links it does not have are ignored.
     *
     * @param methods the method per link id
     * @return this topology if no link changes, else a copy
     */
    public Topology withKeyExchanges(final Map<String, KeyExchange> methods) {
        if (methods.isEmpty()) {
            return this;
        }
        final var changed = new TreeMap<>(links);
        methods.forEach((linkId, method) -> changed.computeIfPresent(linkId, (id, link) -> link.withKeyExchange(
            method)));
        return changed.equals(links) ? this : new Topology(networkId, sites, changed);
    }

    /**
     * Creates a topology from sites and links, rejecting duplicate ids.
     *
     * @param networkId the network-id
     * @param sites the sites
     * @param links the links
     * @return the topology
     */
    public static Topology of(final String networkId, final Collection<Site> sites, final Collection<Link> links) {
        final var siteMap = new TreeMap<String, Site>();
        for (Site site : sites) {
            if (siteMap.put(site.id(), site) != null) {
                throw new IllegalArgumentException("duplicate site id " + site.id());
            }
        }
        final var linkMap = new TreeMap<String, Link>();
        for (Link link : links) {
            if (linkMap.put(link.id(), link) != null) {
                throw new IllegalArgumentException("duplicate link id " + link.id());
            }
        }
        return new Topology(networkId, siteMap, linkMap);
    }

    private static <T> SortedMap<String, T> sortedCopy(final Map<String, T> map,
            final Function<T, String> id, final String what) {
        final var copy = new TreeMap<String, T>();
        for (var entry : requireNonNull(map, what + "s").entrySet()) {
            final T value = requireNonNull(entry.getValue(), what);
            if (!entry.getKey().equals(id.apply(value))) {
                throw new IllegalArgumentException(what + " " + id.apply(value) + " is filed under key "
                    + entry.getKey());
            }
            copy.put(entry.getKey(), value);
        }
        return Collections.unmodifiableSortedMap(copy);
    }

    /**
     * A switch port faces one link: the VLAN tags on it are derived from that link's client ports.
     */
    private static void requirePortFree(final Map<String, String> ports, final Link link, final String site,
            final Optional<String> port) {
        if (port.isPresent()) {
            final String other = ports.putIfAbsent(site + "\u0000" + port.orElseThrow(), link.id());
            if (other != null) {
                throw new IllegalArgumentException("links " + other + " and " + link.id() + " both name port "
                    + port.orElseThrow() + " at site " + site + ": an Ethernet switch port faces one link");
            }
        }
    }

    private static Site requireSite(final Map<String, Site> sites, final Link link, final String siteId) {
        final Site site = sites.get(siteId);
        if (site == null) {
            throw new IllegalArgumentException("link " + link.id() + " names unknown site " + siteId);
        }
        return site;
    }

    private static void requireDevice(final Link link, final Site site, final Optional<String> device) {
        if (device.isPresent() && site.device(device.orElseThrow()).isEmpty()) {
            throw new IllegalArgumentException("link " + link.id() + " names encryptor " + device.orElseThrow()
                + " which site " + site.id() + " does not have");
        }
    }

    /**
     * Returns a site.
     *
     * @param id site id
     * @return the site
     * @throws IllegalArgumentException if there is no such site
     */
    public Site site(final String id) {
        final Site site = sites.get(id);
        if (site == null) {
            throw new IllegalArgumentException("unknown site " + id);
        }
        return site;
    }

    /**
     * Returns a link.
     *
     * @param id link id
     * @return the link
     * @throws IllegalArgumentException if there is no such link
     */
    public Link link(final String id) {
        final Link link = links.get(id);
        if (link == null) {
            throw new IllegalArgumentException("unknown link " + id);
        }
        return link;
    }
}

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.qslice.api.model.Compute;
import org.qslice.api.model.ComputeEndpoint;
import org.qslice.api.model.ConnectionRequest;
import org.qslice.api.model.ConnectionRole;
import org.qslice.api.model.DwdmChannel;
import org.qslice.api.model.Encryptor;
import org.qslice.api.model.Link;
import org.qslice.api.model.SecurityLevel;
import org.qslice.api.model.Site;
import org.qslice.api.model.SiteEndpoint;
import org.qslice.api.model.SiteRole;
import org.qslice.api.model.SliceRequest;
import org.qslice.api.model.Topology;
import org.qslice.impl.pce.PathComputer;

/**
 * Generates hierarchical 5G transport topologies and slice requests from a seed, reproducibly.
 *
 * <p>Sites are scattered on a square (side 20 km times the square root of the site count): 1% core, 5% metro, 20%
 * aggregation, the rest cell sites. Cores form a chain plus links to their two nearest cores; each metro homes on
 * its two nearest cores and its nearest metro; each aggregation site on its two nearest metros and its nearest
 * aggregation site; each cell on its nearest aggregation site, half of them also on the second nearest. Backbone
 * pairs (core, metro and aggregation-to-metro) get one to three parallel 100G DWDM channel links with 10 x 10G client
 * ports, each with its own security level (10% none, 20% dh, 30% qra, 30% qkd, 10% hybrid); access links are single
 * encrypted 25G links (30% dh, 30% qra, 40% qkd). About two links per site, so an
 * average degree of about four. Latency is 5 us per km of straight-line distance plus 20 us, and 15 us for the
 * encryptor cards of encrypted links. Metro and core sites and 30% of aggregation sites host compute.
 */
public final class TopologyGenerator {
    /** Security levels of backbone channels: 10% none, 20% dh, 30% qra, 30% qkd, 10% hybrid. */
    private static final SecurityLevel[] BACKBONE_LEVELS = {
        SecurityLevel.NONE, SecurityLevel.DH_AES, SecurityLevel.DH_AES, SecurityLevel.QRA_AES, SecurityLevel.QRA_AES,
        SecurityLevel.QRA_AES, SecurityLevel.QKD_AES, SecurityLevel.QKD_AES, SecurityLevel.QKD_AES,
        SecurityLevel.HYBRID_QKD_QRA_AES
    };
    /** Security levels of access links: 30% dh, 30% qra, 40% qkd (unencrypted traffic rides them too). */
    private static final SecurityLevel[] ACCESS_LEVELS = {
        SecurityLevel.DH_AES, SecurityLevel.DH_AES, SecurityLevel.DH_AES, SecurityLevel.QRA_AES, SecurityLevel.QRA_AES,
        SecurityLevel.QRA_AES, SecurityLevel.QKD_AES, SecurityLevel.QKD_AES, SecurityLevel.QKD_AES,
        SecurityLevel.QKD_AES
    };
    /** Minimum security of connections to compute: 40% dh, 35% qra, 25% qkd. */
    private static final SecurityLevel[] REQUEST_LEVELS = {
        SecurityLevel.DH_AES, SecurityLevel.DH_AES, SecurityLevel.DH_AES, SecurityLevel.DH_AES, SecurityLevel.QRA_AES,
        SecurityLevel.QRA_AES, SecurityLevel.QRA_AES, SecurityLevel.QRA_AES, SecurityLevel.QKD_AES,
        SecurityLevel.QKD_AES
    };

    private final Random random;
    private final List<Site> sites = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private final Set<String> pairs = new HashSet<>();
    private double[] posX;
    private double[] posY;

    private TopologyGenerator(final long seed) {
        random = new Random(seed);
    }

    /**
     * Generates a topology.
     *
     * @param siteCount number of sites, at least 10
     * @param seed the seed; the same seed gives the same topology
     * @return the topology
     */
    public static Topology topology(final int siteCount, final long seed) {
        if (siteCount < 10) {
            throw new IllegalArgumentException("at least 10 sites, got " + siteCount);
        }
        return new TopologyGenerator(seed).generate(siteCount);
    }

    private Topology generate(final int count) {
        final int cores = Math.max(2, count / 100);
        final int metros = Math.max(2, count / 20);
        final int aggs = Math.max(2, count / 5);
        final int cells = count - cores - metros - aggs;
        final double side = 20 * Math.sqrt(count);
        posX = new double[count];
        posY = new double[count];
        for (int i = 0; i < count; i++) {
            posX[i] = random.nextDouble() * side;
            posY[i] = random.nextDouble() * side;
        }
        final int[] core = addSites("core", SiteRole.CORE, cores, count);
        final int[] metro = addSites("metro", SiteRole.METRO, metros, count);
        final int[] agg = addSites("agg", SiteRole.AGGREGATION, aggs, count);
        final int[] cell = addSites("cell", SiteRole.CELL, cells, count);

        final int[] byX = IntStream.of(core).boxed().sorted(Comparator.comparingDouble(i -> posX[i]))
            .mapToInt(Integer::intValue).toArray();
        for (int i = 1; i < byX.length; i++) {
            backbone(byX[i - 1], byX[i]);
        }
        for (int site : core) {
            nearest(site, core, 2).forEach(other -> backbone(site, other));
        }
        for (int site : metro) {
            nearest(site, core, 2).forEach(other -> backbone(site, other));
            nearest(site, metro, 1).forEach(other -> backbone(site, other));
        }
        for (int site : agg) {
            nearest(site, metro, 2).forEach(other -> backbone(site, other));
            nearest(site, agg, 1).forEach(other -> access(site, other));
        }
        for (int site : cell) {
            nearest(site, agg, random.nextBoolean() ? 2 : 1).forEach(other -> access(site, other));
        }
        return Topology.of("generated-" + count, sites, links);
    }

    private int[] addSites(final String prefix, final SiteRole role, final int count, final int total) {
        final int first = sites.size();
        final int digits = String.valueOf(total).length();
        for (int i = 0; i < count; i++) {
            final Compute compute = switch (role) {
                case CORE -> new Compute(128, 512);
                case METRO -> new Compute(64, 256);
                case AGGREGATION -> random.nextInt(10) < 3 ? new Compute(16, 64) : null;
                case CELL -> null;
            };
            sites.add(Site.of(String.format("%s-%0" + digits + "d", prefix, i + 1), role, compute));
        }
        return IntStream.range(first, first + count).toArray();
    }

    /**
     * Returns the {@code count} sites of {@code among} nearest to {@code site} (at most 2), nearest first.
     */
    private List<Integer> nearest(final int site, final int[] among, final int count) {
        int first = -1;
        int second = -1;
        double firstDistance = Double.MAX_VALUE;
        double secondDistance = Double.MAX_VALUE;
        for (int other : among) {
            if (other == site) {
                continue;
            }
            final double dx = posX[site] - posX[other];
            final double dy = posY[site] - posY[other];
            final double squared = dx * dx + dy * dy;
            if (squared < firstDistance) {
                second = first;
                secondDistance = firstDistance;
                first = other;
                firstDistance = squared;
            } else if (squared < secondDistance) {
                second = other;
                secondDistance = squared;
            }
        }
        return count == 1 || second < 0 ? List.of(first) : List.of(first, second);
    }

    private double distance(final int one, final int two) {
        return Math.hypot(posX[one] - posX[two], posY[one] - posY[two]);
    }

    private boolean newPair(final int one, final int two) {
        return pairs.add(Math.min(one, two) + "-" + Math.max(one, two));
    }

    private long latencyUs(final int one, final int two) {
        return Math.round(distance(one, two) * 5) + 20;
    }

    private void backbone(final int one, final int two) {
        if (!newPair(one, two)) {
            return;
        }
        final int draw = random.nextInt(10);
        final int channels = draw < 5 ? 1 : draw < 8 ? 2 : 3;
        for (int ch = 1; ch <= channels; ch++) {
            final SecurityLevel level = BACKBONE_LEVELS[random.nextInt(BACKBONE_LEVELS.length)];
            final String siteA = sites.get(one).id();
            final String siteB = sites.get(two).id();
            links.add(encrypted(Link.of(siteA + "/" + siteB + "#ch" + ch, siteA, siteB, 100_000,
                latencyUs(one, two), level), level)
                .withChannel(DwdmChannel.of(ch, 10, 10_000)));
        }
    }

    private void access(final int one, final int two) {
        if (newPair(one, two)) {
            final SecurityLevel level = ACCESS_LEVELS[random.nextInt(ACCESS_LEVELS.length)];
            links.add(encrypted(Link.of(sites.get(one).id() + "/" + sites.get(two).id(), sites.get(one).id(),
                sites.get(two).id(), 25_000, latencyUs(one, two), level), level));
        }
    }

    private static Link encrypted(final Link link, final SecurityLevel level) {
        return level == SecurityLevel.NONE ? link : link.withEncryptor(new Encryptor(Optional.empty(), true,
            Encryptor.DEFAULT_LATENCY_US, Optional.empty(), Optional.empty()));
    }

    /**
     * Generates compute-slice requests of four connections each, alternating two shapes modelled on the paper's use
     * cases: an application at metro compute (two cells to metro compute, metro to core backhaul, cell to core
     * control plane), and a CDN at aggregation compute (core to aggregation compute, aggregation to cell, cell to
     * core control plane). Endpoints, security levels, bandwidths and compute demands are random; half of the
     * connections to compute have a latency bound between 1.5 and 3 times the physical minimum.
     *
     * @param topology the topology
     * @param computer a path computer of the topology, for the physical latency minimum
     * @param count number of requests
     * @param seed the seed; the same seed gives the same requests
     * @return the requests, with slice ids {@code bench-0}, {@code bench-1}, ...
     */
    public static List<SliceRequest> requests(final Topology topology, final PathComputer computer, final int count,
            final long seed) {
        final var random = new Random(seed);
        final var byRole = new ArrayList<List<String>>();
        for (SiteRole role : SiteRole.values()) {
            byRole.add(topology.sites().values().stream().filter(s -> s.role() == role).map(Site::id).toList());
        }
        final var result = new ArrayList<SliceRequest>(count);
        for (int i = 0; i < count; i++) {
            final String cell = pick(random, byRole.get(SiteRole.CELL.ordinal()));
            final String core = pick(random, byRole.get(SiteRole.CORE.ordinal()));
            final var connections = new ArrayList<ConnectionRequest>();
            if (i % 2 == 0) {
                connections.add(bounded(random, computer, ConnectionRequest.of("ue1-app", at(cell),
                    compute(random, SiteRole.METRO), level(random), gbps(random, 1, 5))));
                connections.add(bounded(random, computer, ConnectionRequest.of("ue2-app",
                    at(pick(random, byRole.get(SiteRole.CELL.ordinal()))), compute(random, SiteRole.METRO),
                    level(random), gbps(random, 1, 5))));
                connections.add(ConnectionRequest.of("backhaul", at(pick(random, byRole.get(SiteRole.METRO.ordinal()))),
                    at(core), level(random, 2, 3), gbps(random, 5, 20)));
            } else {
                connections.add(bounded(random, computer, ConnectionRequest.of("cdn-feed", at(core),
                    compute(random, SiteRole.AGGREGATION), level(random, 2, 3), gbps(random, 5, 10))));
                connections.add(ConnectionRequest.of("cdn-edge", at(pick(random,
                    byRole.get(SiteRole.AGGREGATION.ordinal()))), at(cell), SecurityLevel.NONE, gbps(random, 1, 5)));
            }
            connections.add(ConnectionRequest.of("control", at(cell), at(core), SecurityLevel.DH_AES, 1_000)
                .withRole(ConnectionRole.CONTROL_PLANE));
            result.add(SliceRequest.of("bench-" + i, connections));
        }
        return result;
    }

    private static ConnectionRequest bounded(final Random random, final PathComputer computer,
            final ConnectionRequest request) {
        if (random.nextBoolean()) {
            return request;
        }
        final var minimum = computer.physicalMinLatencyUs(request);
        return minimum.isEmpty() ? request
            : request.withMaxLatencyUs(Math.round(minimum.orElseThrow() * (1.5 + 1.5 * random.nextDouble())));
    }

    private static ComputeEndpoint compute(final Random random, final SiteRole role) {
        return ComputeEndpoint.ofRole(role, 2 + random.nextInt(7), 4 + random.nextInt(29));
    }

    private static SecurityLevel level(final Random random) {
        return REQUEST_LEVELS[random.nextInt(REQUEST_LEVELS.length)];
    }

    private static SecurityLevel level(final Random random, final int lowestRank, final int highestRank) {
        return SecurityLevel.values()[lowestRank + random.nextInt(highestRank - lowestRank + 1)];
    }

    private static long gbps(final Random random, final int low, final int high) {
        return 1_000L * (low + random.nextInt(high - low + 1));
    }

    private static String pick(final Random random, final List<String> ids) {
        return ids.get(random.nextInt(ids.size()));
    }

    private static SiteEndpoint at(final String site) {
        return new SiteEndpoint(site);
    }
}

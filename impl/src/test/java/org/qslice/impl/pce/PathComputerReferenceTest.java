/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.pce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qslice.api.model.ConnectionRequest;
import org.qslice.api.model.Link;
import org.qslice.api.model.SecurityLevel;
import org.qslice.api.model.Site;
import org.qslice.api.model.SiteEndpoint;
import org.qslice.api.model.SiteRole;
import org.qslice.api.model.Topology;

/**
 * Checks the path computation against exhaustive enumeration on many small random multigraphs: every simple path is
 * listed, and the answer must be the cheapest usable path within the latency bound whenever the search's contract
 * promises it (fewer than {@code maxCandidates} cheaper usable paths break the bound), and otherwise at least a
 * usable path within the bound; never a refusal when such a path exists.
 */
class PathComputerReferenceTest {
    private static final int CASES = 400;
    private static final int MAX_CANDIDATES = 10;
    private static final SecurityLevel[] LEVELS = SecurityLevel.values();

    /** A path's cost in the documented order: security excess, then latency, then hops. */
    private record Cost(long excess, long latency, int hops) implements Comparable<Cost> {
        private static final Comparator<Cost> ORDER = Comparator.comparingLong(Cost::excess)
            .thenComparingLong(Cost::latency).thenComparingInt(Cost::hops);

        static Cost of(final List<Link> links, final SecurityLevel required) {
            return new Cost(links.stream().mapToLong(l -> l.security().rank() - required.rank()).sum(),
                links.stream().mapToLong(Link::effectiveLatencyUs).sum(), links.size());
        }

        @Override
        public int compareTo(final Cost other) {
            return ORDER.compare(this, other);
        }
    }

    @Test
    void matchesExhaustiveEnumeration() {
        final var random = new Random(20_261_126L);
        int checkedOptimal = 0;
        int checkedBlocked = 0;
        for (int i = 0; i < CASES; i++) {
            final int siteCount = 5 + random.nextInt(4);
            final var links = new ArrayList<Link>();
            final int linkCount = siteCount + random.nextInt(2 * siteCount);
            for (int l = 0; l < linkCount; l++) {
                final int one = random.nextInt(siteCount);
                final int other = distinct(random, siteCount, one);
                // few distinct latencies, so that equal costs (ties) occur too
                links.add(Link.of("l" + l, "s" + one, "s" + other, 10_000, 100 * (1 + random.nextInt(8)),
                    LEVELS[random.nextInt(LEVELS.length)]));
            }
            final var sites = new ArrayList<Site>();
            for (int s = 0; s < siteCount; s++) {
                sites.add(Site.of("s" + s, SiteRole.METRO, null));
            }
            final Topology topology = Topology.of("t" + i, sites, links);
            final var computer = new PathComputer(TopologyIndex.of(topology), MAX_CANDIDATES);

            final int a = random.nextInt(siteCount);
            final int z = distinct(random, siteCount, a);
            final SecurityLevel level = LEVELS[random.nextInt(LEVELS.length)];
            ConnectionRequest request = ConnectionRequest.of("c", new SiteEndpoint("s" + a), new SiteEndpoint("s" + z),
                level, 1_000);
            final boolean bounded = random.nextInt(3) > 0;
            if (bounded) {
                request = request.withMaxLatencyUs(200 + 100L * random.nextInt(20));
            }
            final long bound = request.maxLatencyUs().orElse(Long.MAX_VALUE);

            // every usable simple path, cheapest first
            final var usable = new ArrayList<List<Link>>();
            enumerate("s" + a, "s" + z, links, level, new HashSet<>(Set.of("s" + a)), new ArrayList<>(), usable);
            usable.sort(Comparator.comparing(path -> Cost.of(path, level)));
            int position = -1;
            for (int p = 0; p < usable.size(); p++) {
                if (Cost.of(usable.get(p), level).latency() <= bound) {
                    position = p;
                    break;
                }
            }

            final String where = "case " + i + ": " + topology.links() + " request " + request;
            final var found = computer.findRoute(request, ResourceLedger.empty(computer.index()));
            if (position < 0) {
                assertTrue(found.isEmpty(), where + ": no usable path within the bound, but found " + found);
                checkedBlocked++;
                continue;
            }
            assertTrue(found.isPresent(), where + ": refused, but " + usable.get(position) + " fits");
            final var route = found.orElseThrow();
            assertValid(route, "s" + a, "s" + z, level, bound, where);
            if (position < MAX_CANDIDATES) {
                assertEquals(Cost.of(usable.get(position), level), Cost.of(route.links(), level),
                    where + ": not the cheapest path within the bound");
                checkedOptimal++;
            }
        }
        // the random cases must exercise both outcomes, not only one
        assertTrue(checkedOptimal > CASES / 2, "optimal cases checked: " + checkedOptimal);
        assertTrue(checkedBlocked > CASES / 20, "blocked cases checked: " + checkedBlocked);
    }

    private static int distinct(final Random random, final int count, final int not) {
        final int pick = random.nextInt(count - 1);
        return pick >= not ? pick + 1 : pick;
    }

    private static void assertValid(final Route route, final String siteA, final String siteZ,
            final SecurityLevel level, final long bound, final String where) {
        assertEquals(siteA, route.aSite(), where);
        assertEquals(siteZ, route.zSite(), where);
        assertEquals(route.sites().size(), new HashSet<>(route.sites()).size(), where + ": a site repeats");
        for (int h = 0; h < route.links().size(); h++) {
            final Link link = route.links().get(h);
            final Set<String> ends = Set.of(link.siteA(), link.siteB());
            assertEquals(ends, Set.of(route.sites().get(h), route.sites().get(h + 1)), where + ": hop " + h);
            assertTrue(link.security().rank() >= level.rank(), where + ": " + link.id() + " below " + level);
        }
        final long latency = route.links().stream().mapToLong(Link::effectiveLatencyUs).sum();
        assertEquals(latency, route.latencyUs(), where);
        assertTrue(latency <= bound, where + ": latency " + latency + " over " + bound);
    }

    private static void enumerate(final String at, final String target, final List<Link> links,
            final SecurityLevel level, final Set<String> visited, final List<Link> path, final List<List<Link>> out) {
        if (at.equals(target)) {
            out.add(List.copyOf(path));
            return;
        }
        for (Link link : links) {
            if (link.security().rank() < level.rank()) {
                continue;
            }
            final String next = link.siteA().equals(at) ? link.siteB() : link.siteB().equals(at) ? link.siteA()
                : null;
            if (next != null && visited.add(next)) {
                path.add(link);
                enumerate(next, target, links, level, visited, path, out);
                path.remove(path.size() - 1);
                visited.remove(next);
            }
        }
    }
}

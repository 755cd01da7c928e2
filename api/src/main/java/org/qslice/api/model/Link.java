/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A bidirectional link between two sites: a connection may use it from {@code siteA} to {@code siteB} or back.
 * Several links may join the same two sites (one per DWDM channel in the paper's testbed).
 *
 * <p>A link whose key exchange uses QKD may carry the secret key rate of its QKD system. The DWDM channels between two
 * sites usually share one QKD system: they name it as their {@code qkdLink}, and links naming the same QKD link share
 * its one rate (see {@link #keySource()}).
 *
 * @param id link id, unique in the topology, e.g. {@code agg-1/metro-1#ch3}
 * @param siteA one end (YANG {@code source/source-node})
 * @param siteB the other end (YANG {@code destination/dest-node}), not {@code siteA}
 * @param capacityMbps capacity in Mb/s, positive
 * @param latencyUs one-way latency of the fibre in microseconds, without the encryptor cards
 * @param security security level the link offers
 * @param keyExchange how the link's key is established
 * @param channel the DWDM channel, if the link rides one and so has client ports
 * @param encryptor the encryptor cards protecting the link, if any
 * @param opticalSwitch the optical switch selecting the link's channel, as {@code site/device}
 * @param portA the Ethernet switch port facing the link at {@code siteA} (YANG {@code source-tp})
 * @param portB the Ethernet switch port facing the link at {@code siteB} (YANG {@code dest-tp})
 * @param secretKeyRateBps the secret key rate of the link's QKD system in bit/s, positive; empty: not limited. Only
 *     for a key exchange that uses QKD
 * @param qkdLink the QKD system (key source) the link draws its keys from, shared by the links naming it; empty: the
 *     link's own. Only for a key exchange that uses QKD
 */
public record Link(String id, String siteA, String siteB, long capacityMbps, long latencyUs, SecurityLevel security,
        KeyExchange keyExchange, Optional<DwdmChannel> channel, Optional<Encryptor> encryptor,
        Optional<String> opticalSwitch, Optional<String> portA, Optional<String> portB,
        OptionalDouble secretKeyRateBps, Optional<String> qkdLink) {
    /**
     * Checks the arguments.
     */
    public Link {
        Checks.id(id, "link id");
        Checks.id(siteA, "link " + id + " site A");
        Checks.id(siteB, "link " + id + " site B");
        if (siteA.equals(siteB)) {
            throw new IllegalArgumentException("link " + id + " must join two different sites, both ends are "
                + siteA);
        }
        Checks.positive(capacityMbps, "link " + id + " capacity");
        Checks.nonNegative(latencyUs, "link " + id + " latency-us");
        requireNonNull(security, "security level");
        requireNonNull(keyExchange, "key exchange");
        requireNonNull(channel, "channel");
        requireNonNull(encryptor, "encryptor");
        requireNonNull(opticalSwitch, "optical switch");
        requireNonNull(portA, "port A");
        requireNonNull(portB, "port B");
        requireNonNull(secretKeyRateBps, "secret key rate");
        requireNonNull(qkdLink, "qkd link");
        if (secretKeyRateBps.isPresent()) {
            Checks.positive(secretKeyRateBps.getAsDouble(), "link " + id + " secret-key-rate-bps");
        }
        qkdLink.ifPresent(name -> Checks.id(name, "link " + id + " qkd-link"));
        if ((secretKeyRateBps.isPresent() || qkdLink.isPresent()) && !keyExchange.usesQkd()) {
            throw new IllegalArgumentException("link " + id + " has " + (secretKeyRateBps.isPresent()
                ? "secret-key-rate-bps" : "qkd-link") + " but its key-exchange " + keyExchange.yangName()
                + " does not use QKD (qkd, hybrid-qkd-qra)");
        }
    }

    /**
     * Creates a link without QKD key supply data.
     *
     * @param id link id
     * @param siteA one end
     * @param siteB the other end
     * @param capacityMbps capacity in Mb/s
     * @param latencyUs fibre latency in microseconds
     * @param security security level
     * @param keyExchange key-exchange method
     * @param channel the DWDM channel, if any
     * @param encryptor the encryptor cards, if any
     * @param opticalSwitch the optical switch, if any
     * @param portA the switch port at {@code siteA}, if known
     * @param portB the switch port at {@code siteB}, if known
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public Link(final String id, final String siteA, final String siteB, final long capacityMbps,
            final long latencyUs, final SecurityLevel security, final KeyExchange keyExchange,
            final Optional<DwdmChannel> channel, final Optional<Encryptor> encryptor,
            final Optional<String> opticalSwitch, final Optional<String> portA, final Optional<String> portB) {
        this(id, siteA, siteB, capacityMbps, latencyUs, security, keyExchange, channel, encryptor, opticalSwitch,
            portA, portB, OptionalDouble.empty(), Optional.empty());
    }

    /**
     * Creates a plain link: no channel, no encryptor cards, key exchange implied by the security level.
     *
     * @param id link id
     * @param siteA one end
     * @param siteB the other end
     * @param capacityMbps capacity in Mb/s
     * @param latencyUs latency in microseconds
     * @param security security level
     * @return the link
     */
    public static Link of(final String id, final String siteA, final String siteB, final long capacityMbps,
            final long latencyUs, final SecurityLevel security) {
        return new Link(id, siteA, siteB, capacityMbps, latencyUs, security, KeyExchange.defaultFor(security),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Returns the link as it is with some key-exchange methods deprecated: its security level capped by what its
     * method still gives ({@link KeyExchange#levelUnder}); the device configuration (its method) is unchanged.
     *
     * @param deprecated the deprecated methods
     * @return this link, or a copy at the lower level
     */
    public Link withDeprecated(final Set<KeyExchange> deprecated) {
        final SecurityLevel cap = keyExchange.levelUnder(deprecated);
        if (cap.rank() >= security.rank()) {
            return this;
        }
        return new Link(id, siteA, siteB, capacityMbps, latencyUs, cap, keyExchange, channel, encryptor,
            opticalSwitch, portA, portB, secretKeyRateBps, qkdLink);
    }

    /**
     * Returns the link as it is with its channel switched to another key-exchange method in place
     * ({@code change-key-exchange}): the method, and the level it gives; a method that does not use QKD has no QKD key
     * supply (rate and QKD link dropped), one that does keeps the link's.
     *
     * @param method the method its channel runs
     * @return this link if it runs that method already, else a copy
     */
    public Link withKeyExchange(final KeyExchange method) {
        if (method == keyExchange) {
            return this;
        }
        final boolean qkd = method.usesQkd();
        return new Link(id, siteA, siteB, capacityMbps, latencyUs, method.levelUnder(Set.of()), method, channel,
            encryptor, opticalSwitch, portA, portB, qkd ? secretKeyRateBps : OptionalDouble.empty(),
            qkd ? qkdLink : Optional.empty());
    }

    /**
     * Returns a copy riding the given DWDM channel.
     *
     * @param newChannel the channel
     * @return the new link
     */
    public Link withChannel(final DwdmChannel newChannel) {
        return new Link(id, siteA, siteB, capacityMbps, latencyUs, security, keyExchange, Optional.of(newChannel),
            encryptor, opticalSwitch, portA, portB, secretKeyRateBps, qkdLink);
    }

    /**
     * Returns a copy protected by the given encryptor cards.
     *
     * @param newEncryptor the cards
     * @return the new link
     */
    public Link withEncryptor(final Encryptor newEncryptor) {
        return new Link(id, siteA, siteB, capacityMbps, latencyUs, security, keyExchange, channel,
            Optional.of(newEncryptor), opticalSwitch, portA, portB, secretKeyRateBps, qkdLink);
    }

    /**
     * Returns a copy passing the given optical switch.
     *
     * @param newOpticalSwitch the switch, as {@code site/device}
     * @return the new link
     */
    public Link withOpticalSwitch(final String newOpticalSwitch) {
        return new Link(id, siteA, siteB, capacityMbps, latencyUs, security, keyExchange, channel, encryptor,
            Optional.of(newOpticalSwitch), portA, portB, secretKeyRateBps, qkdLink);
    }

    /**
     * Returns a copy with the given Ethernet switch ports at the ends.
     *
     * @param newPortA port at {@code siteA}
     * @param newPortB port at {@code siteB}
     * @return the new link
     */
    public Link withPorts(final String newPortA, final String newPortB) {
        return new Link(id, siteA, siteB, capacityMbps, latencyUs, security, keyExchange, channel, encryptor,
            opticalSwitch, Optional.of(newPortA), Optional.of(newPortB), secretKeyRateBps, qkdLink);
    }

    /**
     * Returns a copy whose QKD system has the given secret key rate.
     *
     * @param newRateBps the rate in bit/s, positive
     * @return the new link
     * @throws IllegalArgumentException if the rate is not positive or the key exchange does not use QKD
     */
    public Link withSecretKeyRate(final double newRateBps) {
        return new Link(id, siteA, siteB, capacityMbps, latencyUs, security, keyExchange, channel, encryptor,
            opticalSwitch, portA, portB, OptionalDouble.of(newRateBps), qkdLink);
    }

    /**
     * Returns a copy drawing its keys from the given QKD system, shared with the other links naming it.
     *
     * @param newQkdLink the QKD link (key source) name
     * @return the new link
     * @throws IllegalArgumentException if the key exchange does not use QKD
     */
    public Link withQkdLink(final String newQkdLink) {
        return new Link(id, siteA, siteB, capacityMbps, latencyUs, security, keyExchange, channel, encryptor,
            opticalSwitch, portA, portB, secretKeyRateBps, Optional.of(newQkdLink));
    }

    /**
     * Tells whether a channel on this link draws key from a QKD system: its key exchange uses QKD and its encryptor
     * cards, if any, encrypt (pass-through cards draw no key).
     *
     * @return true if the link draws QKD key
     */
    public boolean drawsQkdKey() {
        return keyExchange.usesQkd() && encryptor.map(Encryptor::encrypting).orElse(true);
    }

    /**
     * Returns the QKD system the link draws its keys from: its {@code qkdLink}, else the link itself.
     *
     * @return the key source name
     */
    public String keySource() {
        return qkdLink.orElse(id);
    }

    /**
     * Returns the latency a connection sees on the link: the fibre's plus the encryptor cards'.
     *
     * @return the latency in microseconds
     */
    public long effectiveLatencyUs() {
        return latencyUs + encryptor.map(Encryptor::latencyUs).orElse(0L);
    }

    /**
     * Tells whether the link ends at a site.
     *
     * @param site site id
     * @return true if {@code site} is one of the ends
     */
    public boolean touches(final String site) {
        return siteA.equals(site) || siteB.equals(site);
    }

    /**
     * Returns the end opposite a site.
     *
     * @param site one end
     * @return the other end
     * @throws IllegalArgumentException if the link does not end at {@code site}
     */
    public String otherEnd(final String site) {
        if (siteA.equals(site)) {
            return siteB;
        }
        if (siteB.equals(site)) {
            return siteA;
        }
        throw new IllegalArgumentException("link " + id + " does not end at site " + site);
    }
}

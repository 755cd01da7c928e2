/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.NotificationPublishService;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.opendaylight.mdsal.singleton.api.ClusterSingletonServiceProvider;
import org.opendaylight.yangtools.concepts.Registration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.qslice.api.kms.ChannelKeyTarget;
import org.qslice.api.kms.ChannelSpec;
import org.qslice.api.kms.KeyManagementService;
import org.qslice.api.kms.KmsStatus;
import org.qslice.api.kms.PoolId;
import org.qslice.api.kms.PoolSpec;
import org.qslice.api.kms.PoolStatus;
import org.qslice.kms.engine.ConfigDefaults;
import org.qslice.kms.engine.EngineConfig;
import org.qslice.kms.engine.EngineTiming;
import org.qslice.kms.engine.Etsi014Config;
import org.qslice.kms.engine.QkdConfig;
import org.qslice.kms.engine.SaeTrustConfig;
import org.qslice.kms.engine.VaultConfig;
import org.qslice.kms.etsi.Etsi014Limits;
import org.qslice.kms.etsi.SaeIdentity;
import org.qslice.kms.mdsal.KmsDataAccess;
import org.qslice.kms.mdsal.KmsDefaults;
import org.qslice.kms.mdsal.KmsRpcs;
import org.qslice.kms.mdsal.KmsSingleton;
import org.qslice.kms.tls.TlsGroupPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The qslice KMS bundle: publishes {@link KeyManagementService}, registers the {@code qslice-kms} RPCs and runs the
 * KMS engine (ETSI GS QKD 014 server, key sources, refresh scheduler) as a cluster singleton. Configuration PID
 * {@code org.qslice.kms} ({@code etc/org.qslice.kms.cfg}).
 */
@Component(service = KeyManagementService.class, immediate = true, configurationPid = KmsComponent.PID)
@Designate(ocd = KmsComponent.Config.class)
public final class KmsComponent implements KeyManagementService {
    /** Configuration PID. */
    public static final String PID = "org.qslice.kms";
    private static final Logger LOG = LoggerFactory.getLogger(KmsComponent.class);

    /**
     * KMS configuration.
     */
    @ObjectClassDefinition(name = "qslice key management service")
    public @interface Config {
        /**
         * ETSI 014 bind address.
         *
         * @return address
         */
        @AttributeDefinition(description = "Address the ETSI GS QKD 014 key delivery server binds (loopback by"
            + " default; 0.0.0.0 for all interfaces)")
        String etsi014Host() default ConfigDefaults.ETSI014_HOST;

        /**
         * ETSI 014 port.
         *
         * @return port
         */
        @AttributeDefinition(description = "Port of the ETSI GS QKD 014 server (HTTPS, mutual TLS)", min = "0",
            max = "65535")
        int etsi014Port() default ConfigDefaults.ETSI014_PORT;

        /**
         * Master key file.
         *
         * @return path
         */
        @AttributeDefinition(description = "Master key file (32 random bytes, Base64), created 0600 on first start")
        String masterKeyFile() default ConfigDefaults.MASTER_KEY_FILE;

        /**
         * Vault directory.
         *
         * @return path
         */
        @AttributeDefinition(description = "Directory of the sealed key pools (AES-256-GCM under the master key)")
        String vaultDirectory() default ConfigDefaults.VAULT_DIRECTORY;

        /**
         * PKI directory.
         *
         * @return path
         */
        @AttributeDefinition(description = "Directory of the TLS certificates: ca.crt, server.crt/.key,"
            + " sae/ID.crt/.key; missing ones are generated")
        String pkiDirectory() default ConfigDefaults.PKI_DIRECTORY;

        /**
         * Default pool size.
         *
         * @return keys
         */
        @AttributeDefinition(description = "Pool size of pools that do not set one", min = "1", max = "100000")
        int defaultPoolSize() default ConfigDefaults.POOL_SIZE;

        /**
         * Default low-water mark.
         *
         * @return keys
         */
        @AttributeDefinition(description = "Low-water mark of pools that do not set one", min = "0")
        int defaultLowWater() default ConfigDefaults.LOW_WATER;

        /**
         * Pending keys per pool.
         *
         * @return keys
         */
        @AttributeDefinition(description = "Delivered keys awaiting their peer kept per pool (oldest discarded"
            + " beyond)", min = "1")
        int maxPendingKeys() default ConfigDefaults.MAX_PENDING_KEYS;

        /**
         * History size.
         *
         * @return ids
         */
        @AttributeDefinition(description = "Consumed/discarded key ids kept per pool in the datastore", min = "0")
        int historySize() default ConfigDefaults.HISTORY_SIZE;

        /**
         * Refresh interval.
         *
         * @return milliseconds
         */
        @AttributeDefinition(description = "Channel key rotation interval of channels that do not set one (ms)",
            min = "100")
        long refreshIntervalMs() default ConfigDefaults.REFRESH_INTERVAL_MS;

        /**
         * Rotation tolerance.
         *
         * @return milliseconds
         */
        @AttributeDefinition(description = "How late a rotation may start before its deadline counts as missed"
            + " (ms)", min = "1")
        long rotationToleranceMs() default ConfigDefaults.ROTATION_TOLERANCE_MS;

        /**
         * Delivered key TTL.
         *
         * @return seconds
         */
        @AttributeDefinition(description = "How long a delivered key waits for its peer before it is discarded (s)",
            min = "1")
        long deliveredKeyTtlSeconds() default ConfigDefaults.DELIVERED_KEY_TTL_SECONDS;

        /**
         * Max keys per request.
         *
         * @return keys
         */
        @AttributeDefinition(description = "ETSI 014 max_key_per_request", min = "1")
        int maxKeyPerRequest() default ConfigDefaults.MAX_KEY_PER_REQUEST;

        /**
         * QKD R0.
         *
         * @return bit/s
         */
        @AttributeDefinition(description = "QKD link simulator: secret key rate at 0 km (bit/s)")
        double qkdR0BitsPerSecond() default ConfigDefaults.QKD_R0_BITS_PER_SECOND;

        /**
         * QKD alpha.
         *
         * @return dB/km
         */
        @AttributeDefinition(description = "QKD link simulator: fibre attenuation (dB/km)")
        double qkdAlphaDbPerKm() default ConfigDefaults.QKD_ALPHA_DB_PER_KM;

        /**
         * QKD link length.
         *
         * @return km
         */
        @AttributeDefinition(description = "QKD link simulator: link length of pools that do not set one (km)")
        double qkdDefaultLinkLengthKm() default ConfigDefaults.QKD_DEFAULT_LINK_LENGTH_KM;

        /**
         * Simulator port.
         *
         * @return port
         */
        @AttributeDefinition(description = "QKD link simulator KME port on 127.0.0.1 (0: any free port)", min = "0",
            max = "65535")
        int qkdSimulatorPort() default ConfigDefaults.QKD_SIMULATOR_PORT;

        /**
         * Simulator capacity.
         *
         * @return keys
         */
        @AttributeDefinition(description = "QKD link simulator: keys a link accumulates at most", min = "1")
        int qkdMaxKeyCount() default ConfigDefaults.QKD_MAX_KEY_COUNT;

        /**
         * External KME.
         *
         * @return URL
         */
        @AttributeDefinition(description = "External ETSI 014 KME of the a-ends (https://host:port); empty: the"
            + " built-in QKD link simulator")
        String qkdKmeUrl() default ConfigDefaults.QKD_KME_URL;

        /**
         * External slave KME.
         *
         * @return URL
         */
        @AttributeDefinition(description = "External ETSI 014 KME of the z-ends; empty: same as qkdKmeUrl")
        String qkdSlaveKmeUrl() default ConfigDefaults.QKD_SLAVE_KME_URL;

        /**
         * External KME credentials.
         *
         * @return path
         */
        @AttributeDefinition(description = "Credentials for an external KME: ca.crt and sae/ID.crt, sae/ID.key")
        String qkdClientPkiDirectory() default ConfigDefaults.QKD_CLIENT_PKI_DIRECTORY;

        /**
         * Mirror interval.
         *
         * @return milliseconds
         */
        @AttributeDefinition(description = "How often pool/channel state is written to the operational datastore"
            + " (ms)", min = "10")
        long mirrorIntervalMs() default ConfigDefaults.MIRROR_INTERVAL_MS;

        /**
         * Vault replication.
         *
         * @return true to replicate the vault through the configuration datastore
         */
        @AttributeDefinition(description = "Replicate the KMS vault (pools, channels, delivery journal, the KMS CA and"
            + " server key pair, all sealed under the master key) through the configuration datastore, so that the"
            + " member taking the KMS over on a cluster restores it: no key lost, none delivered twice. Every member"
            + " needs the same masterKeyFile. Off: the vault is this member's files only")
        boolean vaultReplication() default false;

        /**
         * Persist interval.
         *
         * @return milliseconds
         */
        @AttributeDefinition(description = "How often changed pools are written to the vault (ms)", min = "10")
        long persistIntervalMs() default ConfigDefaults.PERSIST_INTERVAL_MS;

        /**
         * Refill batch.
         *
         * @return keys
         */
        @AttributeDefinition(description = "Keys generated per pool per refill step", min = "1")
        int refillBatch() default ConfigDefaults.REFILL_BATCH;

        /**
         * IO threads.
         *
         * @return threads
         */
        @AttributeDefinition(description = "ETSI 014 server event loop threads", min = "1")
        int ioThreads() default ConfigDefaults.IO_THREADS;

        /**
         * Worker threads.
         *
         * @return threads
         */
        @AttributeDefinition(description = "ETSI 014 request worker threads (0: answer on the event loops)",
            min = "0")
        int workerThreads() default ConfigDefaults.WORKER_THREADS;

        /**
         * Post-quantum only key delivery.
         *
         * @return true to refuse classical key exchange
         */
        @AttributeDefinition(description = "ETSI GS QKD 014 server: accept only TLS 1.3 clients that offer the hybrid"
            + " post-quantum group X25519MLKEM768 (others get a handshake_failure alert). Off: X25519MLKEM768 is"
            + " preferred, classical groups (x25519, secp256r1, secp384r1) stay allowed")
        boolean etsi014PqOnly() default ConfigDefaults.ETSI014_PQ_ONLY;

        /**
         * ETSI 014 connection cap.
         *
         * @return connections
         */
        @AttributeDefinition(description = "ETSI GS QKD 014 server: open connections at most; more are closed before"
            + " any TLS work (0: no cap)", min = "0")
        int etsi014MaxConnections() default ConfigDefaults.ETSI014_MAX_CONNECTIONS;

        /**
         * ETSI 014 handshake timeout.
         *
         * @return milliseconds
         */
        @AttributeDefinition(description = "ETSI GS QKD 014 server: a connection that has not completed its TLS"
            + " handshake by then is closed (ms)", min = "100")
        long etsi014HandshakeTimeoutMs() default ConfigDefaults.ETSI014_HANDSHAKE_TIMEOUT_MS;

        /**
         * ETSI 014 connection rate.
         *
         * @return connections per second
         */
        @AttributeDefinition(description = "ETSI GS QKD 014 server: new connections accepted per second, in bursts"
            + " of twice that; more are closed before any TLS work, so that a handshake flood cannot take the CPU"
            + " from established clients (0: no limit)", min = "0")
        double etsi014ConnectionsPerSecond() default ConfigDefaults.ETSI014_CONNECTIONS_PER_SECOND;

        /**
         * Per-SAE request rate.
         *
         * @return requests per second
         */
        @AttributeDefinition(description = "ETSI GS QKD 014 server: requests per second of one SAE, in bursts of"
            + " twice that; more get 429 with Retry-After (0: no limit)", min = "0")
        double etsi014SaeRequestsPerSecond() default ConfigDefaults.ETSI014_SAE_REQUESTS_PER_SECOND;

        /**
         * Built-in CA trusted.
         *
         * @return whether
         */
        @AttributeDefinition(description = "Accept SAE client certificates issued by the KMS's own CA (the demo's);"
            + " false: only those of saeCaFile")
        boolean saeTrustBuiltInCa() default ConfigDefaults.SAE_TRUST_BUILT_IN_CA;

        /**
         * Operator CA file.
         *
         * @return path
         */
        @AttributeDefinition(description = "PEM file of the operator's CA certificates that SAE client certificates"
            + " may chain to (empty: none)")
        String saeCaFile() default ConfigDefaults.SAE_CA_FILE;

        /**
         * CRL file.
         *
         * @return path
         */
        @AttributeDefinition(description = "CRL file (PEM or DER) of SAE certificates, read again when it changes;"
            + " a revoked certificate is refused at the handshake (empty: none)")
        String saeCrlFile() default ConfigDefaults.SAE_CRL_FILE;

        /**
         * Identity rule.
         *
         * @return cn or san-uri
         */
        @AttributeDefinition(description = "Where the SAE id comes from in a client certificate: cn (the common"
            + " name) or san-uri (a subject alternative name URI starting with saeUriPrefix)")
        String saeIdentity() default ConfigDefaults.SAE_IDENTITY;

        /**
         * SAN URI prefix.
         *
         * @return prefix
         */
        @AttributeDefinition(description = "Prefix of the SAN URI that names the SAE (san-uri); the rest is the id")
        String saeUriPrefix() default ConfigDefaults.SAE_URI_PREFIX;

        /**
         * SAE key generation.
         *
         * @return whether
         */
        @AttributeDefinition(description = "The KMS's own CA generates a key and certificate (sae/ID.key, sae/ID.crt"
            + " in pkiDirectory) for every SAE a pool names, for the demo and simulated encryptors; false: the KMS"
            + " never holds an SAE's private key, and each SAE enrols its own key with the enroll-sae RPC")
        boolean saeKeyGeneration() default ConfigDefaults.SAE_KEY_GENERATION;
    }

    private final AtomicReference<ChannelKeyTarget> target = new AtomicReference<>();
    private final KmsDataAccess access;
    private final KmsSingleton singleton;
    private final Registration rpcs;
    private final Registration singletonRegistration;

    /**
     * Starts the KMS: RPCs, the singleton (the engine starts on its own thread when this node owns it).
     *
     * @param broker data broker
     * @param rpcProvider RPC registry
     * @param notifications notification publisher
     * @param singletons cluster singleton provider
     * @param config configuration
     */
    @Activate
    public KmsComponent(@Reference final DataBroker broker, @Reference final RpcProviderService rpcProvider,
            @Reference final NotificationPublishService notifications,
            @Reference final ClusterSingletonServiceProvider singletons, final Config config) {
        final EngineConfig engineConfig = engineConfig(config);
        final KmsDefaults defaults = poolDefaults(config);
        access = new KmsDataAccess(broker, defaults);
        rpcs = rpcProvider.registerRpcImplementations(KmsRpcs.all(access));
        singleton = new KmsSingleton(broker, notifications, rpcProvider, engineConfig, defaults,
            () -> Optional.ofNullable(target.get()), config.vaultReplication());
        singletonRegistration = singletons.registerClusterSingletonService(singleton);
        LOG.info("qslice KMS started (ETSI GS QKD 014 on {}:{} when this node runs the engine)",
            engineConfig.etsi014().host(), engineConfig.etsi014().port());
    }

    /**
     * Binds the optional channel-key target (the provisioning bundle's).
     *
     * @param newTarget the target
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindTarget(final ChannelKeyTarget newTarget) {
        target.set(requireNonNull(newTarget));
        LOG.info("KMS channel-key target bound: new channel keys go to the encryptors");
    }

    /**
     * Unbinds the channel-key target.
     *
     * @param oldTarget the target
     */
    void unbindTarget(final ChannelKeyTarget oldTarget) {
        target.compareAndSet(oldTarget, null);
    }

    /**
     * Stops the engine, unregisters the RPCs.
     */
    @Deactivate
    public void deactivate() {
        singletonRegistration.close();
        singleton.close();
        rpcs.close();
        LOG.info("qslice KMS stopped");
    }

    static EngineConfig engineConfig(final Config config) {
        return new EngineConfig(
            new Etsi014Config(config.etsi014Host(), config.etsi014Port(), path(config.pkiDirectory()),
                config.maxKeyPerRequest(), config.ioThreads(), config.workerThreads(),
                TlsGroupPolicy.DEFAULT.withPqOnly(config.etsi014PqOnly()), new Etsi014Limits(
                    config.etsi014MaxConnections(), Duration.ofMillis(config.etsi014HandshakeTimeoutMs()),
                    config.etsi014ConnectionsPerSecond(), config.etsi014SaeRequestsPerSecond()),
                new SaeTrustConfig(config.saeTrustBuiltInCa(), optionalPath(config.saeCaFile()),
                    optionalPath(config.saeCrlFile()), SaeIdentity.of(config.saeIdentity(), config.saeUriPrefix()),
                    config.saeKeyGeneration())),
            new VaultConfig(path(config.masterKeyFile()), path(config.vaultDirectory()),
                Duration.ofMillis(config.persistIntervalMs())),
            new QkdConfig(config.qkdR0BitsPerSecond(), config.qkdAlphaDbPerKm(), config.qkdSimulatorPort(),
                config.qkdMaxKeyCount(), config.qkdKmeUrl(), config.qkdSlaveKmeUrl(),
                path(config.qkdClientPkiDirectory())),
            new EngineTiming(Duration.ofMillis(config.rotationToleranceMs()),
                Duration.ofSeconds(config.deliveredKeyTtlSeconds()), Duration.ofMillis(config.mirrorIntervalMs()),
                config.refillBatch()));
    }

    private static @Nullable Path optionalPath(final String value) {
        return value.isBlank() ? null : path(value);
    }

    static KmsDefaults poolDefaults(final Config config) {
        return new KmsDefaults(config.defaultPoolSize(), config.defaultLowWater(), config.qkdDefaultLinkLengthKm(),
            Duration.ofMillis(config.refreshIntervalMs()), config.maxPendingKeys(), config.historySize());
    }

    /**
     * Resolves {@code ${karaf.etc}}, {@code ${karaf.data}} and {@code ${karaf.home}} in a configured path.
     *
     * @param value configured path
     * @return the path
     */
    static Path path(final String value) {
        String resolved = value;
        for (String property : List.of("karaf.etc", "karaf.data", "karaf.home")) {
            final String fallback = switch (property) {
                case "karaf.etc" -> "etc";
                case "karaf.data" -> "data";
                default -> ".";
            };
            resolved = resolved.replace("${" + property + "}", System.getProperty(property, fallback));
        }
        return Path.of(resolved);
    }

    @Override
    public CompletionStage<Boolean> createPool(final PoolSpec spec) {
        return access.createPool(spec);
    }

    @Override
    public CompletionStage<Void> removePool(final PoolId id) {
        return access.removePool(id);
    }

    @Override
    public CompletionStage<List<PoolStatus>> pools() {
        return access.pools();
    }

    @Override
    public CompletionStage<KmsStatus> status() {
        return access.status();
    }

    @Override
    public CompletionStage<Void> startChannelRefresh(final ChannelSpec spec) {
        return access.startChannelRefresh(spec);
    }

    @Override
    public CompletionStage<Void> stopChannelRefresh(final String channelId) {
        return access.stopChannelRefresh(channelId);
    }

    @Override
    public CompletionStage<Void> startChannelRefreshes(final List<ChannelSpec> specs) {
        return access.startChannelRefreshes(specs);
    }

    @Override
    public CompletionStage<Void> stopChannelRefreshes(final List<String> channelIds) {
        return access.stopChannelRefreshes(channelIds);
    }
}

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterTest {
    @Test
    void shardNamesAreReadFromModuleShardsIncludingAnOperatorsOwn() {
        final String conf = """
            module-shards = [
                {
                    name = "default"
                    shards = [
                        {
                            name="default"
                            replicas = ["member-1", "member-2", "member-3"]
                        }
                    ]
                },
                # an operator's module with its own shard
                {
                    name = "toaster"
                    shards = [
                        { name = "toaster-shard" replicas = ["member-1"] }
                    ]
                },
            ]
            """;
        assertEquals(List.of("default", "toaster-shard"), Cluster.shardNames(conf));
    }

    @Test
    void theBootFeatureIsReplacedInTheFileKarafBootsFromNotInAStaleOne(@TempDir final Path home) throws IOException {
        final Path etc = Files.createDirectories(home.resolve("etc"));
        final String wrapper = "<feature name=\"boot\"><feature version=\"1\">odl-qslice-all</feature></feature>";
        // an incremental build leaves the generated files of earlier builds beside the current one
        Files.writeString(etc.resolve("0-stale.xml"), wrapper, StandardCharsets.UTF_8);
        Files.writeString(etc.resolve("9-current.xml"), wrapper, StandardCharsets.UTF_8);
        Files.writeString(etc.resolve("org.apache.karaf.features.cfg"),
            "# comment\nfeaturesRepositories = file:${karaf.etc}/9-current.xml\nfeaturesBoot = boot\n",
            StandardCharsets.UTF_8);
        Cluster.bootClustered(home);
        assertEquals("<feature name=\"boot\"><feature version=\"1\">odl-qslice-all-clustered</feature></feature>",
            Files.readString(etc.resolve("9-current.xml"), StandardCharsets.UTF_8));
        assertEquals(wrapper, Files.readString(etc.resolve("0-stale.xml"), StandardCharsets.UTF_8));
        // a member home configured before (restarted with its data) is left as it is
        Cluster.bootClustered(home);
        assertEquals("<feature name=\"boot\"><feature version=\"1\">odl-qslice-all-clustered</feature></feature>",
            Files.readString(etc.resolve("9-current.xml"), StandardCharsets.UTF_8));
    }

    @Test
    void theKmsMasterKeyIsOneSecretReadableByItsOwnerOnly(@TempDir final Path dir) throws IOException {
        final Path key = dir.resolve(Cluster.MASTER_KEY);
        Cluster.writeMasterKey(key);
        assertEquals(32, java.util.Base64.getDecoder().decode(Files.readString(key)).length);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(key)));
        // never two keys for one cluster
        assertThrows(IOException.class, () -> Cluster.writeMasterKey(key));
    }

    @Test
    void aModuleShardsFileWithoutShardsIsRefused(@TempDir final Path dir) throws IOException {
        // else every shard of none would count as led at once
        final Path initial = Files.createDirectories(dir.resolve("member-1/configuration/initial"));
        Files.writeString(initial.resolve("module-shards.conf"), "module-shards = [ ]\n", StandardCharsets.UTF_8);
        final var failure = assertThrows(IOException.class, () -> Cluster.open(dir, dir).shards());
        assertTrue(failure.getMessage().contains("no shard named"), failure.getMessage());
    }
}

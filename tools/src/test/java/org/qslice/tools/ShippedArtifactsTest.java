/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedArtifactsTest {
    @TempDir
    Path system;

    @Test
    void mapsMavenUrlsToRepositoryPaths() {
        assertEquals("org/jgrapht/jgrapht-core/1.5.2/jgrapht-core-1.5.2.jar",
            ShippedArtifacts.path("org.jgrapht/jgrapht-core/1.5.2"));
        assertEquals("org/qslice/odl-qslice/0.1.0-SNAPSHOT/odl-qslice-0.1.0-SNAPSHOT-features.xml",
            ShippedArtifacts.path("org.qslice/odl-qslice/0.1.0-SNAPSHOT/xml/features"));
        assertEquals("g/a/1/a-1-config.cfg", ShippedArtifacts.path("g/a/1/cfg/config"));
        assertThrows(IllegalArgumentException.class, () -> ShippedArtifacts.path("g/a"));
    }

    @Test
    void listsQsliceFeaturesAndWhatTheyNameButNotTheControllersFeatures() throws Exception {
        final Path features = system.resolve("org/qslice/odl-qslice/1/odl-qslice-1-features.xml");
        Files.createDirectories(features.getParent());
        Files.writeString(features, """
            <features>
              <repository>mvn:org.opendaylight.controller/odl-mdsal-broker/12.0.3/xml/features</repository>
              <repository>mvn:org.qslice/odl-qslice-api/1/xml/features</repository>
              <feature name="odl-qslice">
                <bundle>mvn:org.qslice/qslice-impl/1</bundle>
                <bundle>wrap:mvn:org.apfloat/apfloat/1.10.1$Bundle-SymbolicName=apfloat</bundle>
                <configfile finalname="etc/x.cfg">mvn:org.qslice/qslice-impl/1/cfg/config</configfile>
              </feature>
            </features>
            """, StandardCharsets.UTF_8);
        assertEquals(List.of("org/qslice/odl-qslice/1/odl-qslice-1-features.xml",
            "org/qslice/odl-qslice-api/1/odl-qslice-api-1-features.xml",
            "org/qslice/qslice-impl/1/qslice-impl-1.jar",
            "org/apfloat/apfloat/1.10.1/apfloat-1.10.1.jar",
            "org/qslice/qslice-impl/1/qslice-impl-1-config.cfg"), ShippedArtifacts.list(system));
    }
}

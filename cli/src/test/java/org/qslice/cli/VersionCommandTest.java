/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.junit.jupiter.api.Test;

class VersionCommandTest {
    private static Feature feature(final String name) {
        final Feature feature = mock(Feature.class);
        when(feature.getName()).thenReturn(name);
        when(feature.getVersion()).thenReturn("0.1.0.SNAPSHOT");
        return feature;
    }

    @Test
    void listsOnlyQsliceFeaturesSorted() throws Exception {
        final FeaturesService features = mock(FeaturesService.class);
        final Feature[] installed = {feature("odl-qslice-kms"), feature("odl-mdsal-broker"), feature("odl-qslice")};
        when(features.listInstalledFeatures()).thenReturn(installed);
        final var bytes = new ByteArrayOutputStream();
        new VersionCommand(() -> "0.1.0.SNAPSHOT", features)
            .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals("""
            qslice 0.1.0.SNAPSHOT
            installed qslice features:
              odl-qslice 0.1.0.SNAPSHOT
              odl-qslice-kms 0.1.0.SNAPSHOT
            """, bytes.toString(StandardCharsets.UTF_8));
    }
}

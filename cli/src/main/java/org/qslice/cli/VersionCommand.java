/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.qslice.api.QsliceInfo;

/**
 * {@code qslice:version}: the qslice bundle version and the installed qslice features.
 */
@Service
@Command(scope = "qslice", name = "version", description = "Shows the qslice version and installed qslice features")
public final class VersionCommand implements Action {
    @Reference
    private QsliceInfo info;

    @Reference
    private FeaturesService features;

    /**
     * Constructor for Karaf's injection.
     */
    public VersionCommand() {
        // fields are injected
    }

    VersionCommand(final QsliceInfo info, final FeaturesService features) {
        this.info = info;
        this.features = features;
    }

    @Override
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    public Object execute() throws Exception {
        print(System.out);
        return null;
    }

    void print(final PrintStream out) throws Exception {
        out.println("qslice " + info.version());
        final List<Feature> installed = Arrays.stream(features.listInstalledFeatures())
            .filter(feature -> feature.getName().startsWith("odl-qslice"))
            .sorted(Comparator.comparing(Feature::getName))
            .toList();
        if (installed.isEmpty()) {
            out.println("installed qslice features: none");
            return;
        }
        out.println("installed qslice features:");
        for (Feature feature : installed) {
            out.println("  " + feature.getName() + " " + feature.getVersion());
        }
    }
}

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What qslice ships into an existing OpenDaylight: its feature repositories and every bundle and configuration file
 * its features name, copied from the system repository of the built qslice distribution into the target
 * controller's {@code system/} repository (ODL resolves {@code mvn:} URLs offline from there). Artifacts the target
 * already has are not touched.
 */
public final class ShippedArtifacts {
    /** The qslice features repository, as given to {@code feature:repo-add}. */
    public static final String FEATURES_REPOSITORY = "mvn:org.qslice/features-qslice/0.1.0-SNAPSHOT/xml/features";

    // bundle, repository and configfile URLs, plain or wrapped (wrap:mvn:g/a/v$Bundle-...)
    private static final Pattern MVN = Pattern.compile(">\\s*(?:wrap:)?mvn:([^<\\s$]+)[^<]*<");

    private ShippedArtifacts() {
        // utility class
    }

    /**
     * Lists the repository-relative paths qslice ships.
     *
     * @param system the system repository of the qslice distribution
     * @return paths relative to {@code system}, feature repositories first
     * @throws IOException if the features cannot be read
     */
    public static List<String> list(final Path system) throws IOException {
        final Path qslice = system.resolve("org/qslice");
        if (!Files.isDirectory(qslice)) {
            throw new IOException("no qslice artifacts in " + system);
        }
        final Set<String> result = new LinkedHashSet<>();
        final List<Path> featureFiles;
        try (Stream<Path> files = Files.walk(qslice)) {
            featureFiles = files.filter(file -> file.getFileName().toString().endsWith("-features.xml")).sorted()
                .toList();
        }
        for (Path file : featureFiles) {
            result.add(system.relativize(file).toString());
        }
        for (Path file : featureFiles) {
            final var matcher = MVN.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (matcher.find()) {
                final String path = path(matcher.group(1));
                // referenced ODL feature repositories belong to the controller, not to qslice
                if (!path.endsWith("-features.xml") || path.startsWith("org/qslice/")) {
                    result.add(path);
                }
            }
        }
        return new ArrayList<>(result);
    }

    /**
     * Copies what qslice ships into a controller's system repository.
     *
     * @param from the system repository of the qslice distribution
     * @param to the target controller's system repository
     * @return how many files were copied
     * @throws IOException if an artifact is missing or cannot be copied
     */
    public static int copy(final Path from, final Path to) throws IOException {
        int copied = 0;
        for (String path : list(from)) {
            final Path target = to.resolve(path);
            if (Files.exists(target) && !path.startsWith("org/qslice/")) {
                continue;
            }
            final Path source = from.resolve(path);
            if (!Files.isRegularFile(source)) {
                throw new IOException("shipped artifact missing from " + from + ": " + path);
            }
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            copied++;
        }
        return copied;
    }

    /**
     * Maps {@code group/artifact/version[/type[/classifier]]} to its path in a Maven repository.
     *
     * @param coordinates the part after {@code mvn:}
     * @return the relative path
     */
    static String path(final String coordinates) {
        final String[] parts = coordinates.split("/");
        if (parts.length < 3) {
            throw new IllegalArgumentException("not a mvn: URL: mvn:" + coordinates);
        }
        final String type = parts.length > 3 && !parts[3].isEmpty() ? parts[3] : "jar";
        final String classifier = parts.length > 4 && !parts[4].isEmpty() ? "-" + parts[4] : "";
        return parts[0].replace('.', '/') + "/" + parts[1] + "/" + parts[2] + "/" + parts[1] + "-" + parts[2]
            + classifier + "." + type;
    }
}

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the YANG files a simulator needs to serve some modules: the modules and everything they import or include,
 * from a directory of {@code name@revision.yang} files.
 */
final class YangFiles {
    // the module name may be quoted (openconfig-platform: include "openconfig-platform-common";)
    private static final Pattern DEPENDENCY = Pattern.compile(
        "^\\s*(?:import|include)\\s+[\"']?([A-Za-z0-9_.-]+)[\"']?\\s*[{;]", Pattern.MULTILINE);

    private YangFiles() {
        // utility class
    }

    /**
     * Returns the files of some modules and of every module they depend on.
     *
     * @param dirs the directories of YANG files, searched in order
     * @param modules the module names
     * @param own whether only the modules' own files are wanted (their imports come with the simulator: the IETF
     *            types qslice's device models import)
     * @return the files, each once
     * @throws IOException if a module has no file in the directory
     */
    static List<Path> closure(final List<Path> dirs, final List<String> modules, final boolean own) throws IOException {
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new IOException("no YANG files at " + dir + ": run ./qslice build");
            }
        }
        final Map<String, Path> found = new LinkedHashMap<>();
        final var queue = new ArrayDeque<>(modules);
        while (!queue.isEmpty()) {
            final String module = queue.poll();
            if (found.containsKey(module)) {
                continue;
            }
            final Path file = file(dirs, module);
            found.put(module, file);
            if (own) {
                continue;
            }
            final var matcher = DEPENDENCY.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (matcher.find()) {
                queue.add(matcher.group(1));
            }
        }
        return new ArrayList<>(found.values());
    }

    private static Path file(final List<Path> dirs, final String module) throws IOException {
        for (Path dir : dirs) {
            try (var files = Files.list(dir)) {
                final var newest = files.filter(file -> {
                    final String name = file.getFileName().toString();
                    return name.equals(module + ".yang") || name.startsWith(module + "@") && name.endsWith(".yang");
                }).sorted().reduce((first, second) -> second);
                if (newest.isPresent()) {
                    return newest.orElseThrow();
                }
            }
        }
        throw new IOException("no YANG module " + module + " (" + module + "@*.yang) in " + dirs);
    }
}

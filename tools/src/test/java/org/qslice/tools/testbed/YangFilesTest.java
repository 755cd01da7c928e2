/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YangFilesTest {
    @Test
    void theClosureFollowsQuotedAndUnquotedImportsAndIncludes(@TempDir final Path dir) throws IOException {
        // as in openconfig-platform: include "openconfig-platform-common";
        Files.writeString(dir.resolve("top@2020-01-01.yang"),
            "module top {\n  import base { prefix b; }\n  include \"top-common\";\n"
                + "  import 'quoted' { prefix q; }\n}\n");
        Files.writeString(dir.resolve("top-common@2020-01-01.yang"), "submodule top-common {\n  belongs-to top;\n}\n");
        Files.writeString(dir.resolve("base@2019-01-01.yang"), "module base {\n}\n");
        Files.writeString(dir.resolve("base@2018-01-01.yang"), "module base {\n}\n");
        Files.writeString(dir.resolve("quoted.yang"), "module quoted {\n}\n");
        Files.writeString(dir.resolve("unused@2020-01-01.yang"), "module unused {\n}\n");

        assertEquals(List.of("top@2020-01-01.yang", "base@2019-01-01.yang", "top-common@2020-01-01.yang",
            "quoted.yang"), YangFiles.closure(List.of(dir), List.of("top"), false).stream()
                .map(file -> file.getFileName().toString()).toList());
    }
}

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.title.TextTitle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchTest {
    private static List<Bench.Sample> samples() {
        final var samples = new ArrayList<Bench.Sample>();
        for (int run = 0; run < 7; run++) {
            for (String id : List.of("use-case-1", "use-case-2")) {
                final double base = id.equals("use-case-1") ? 40 : 90;
                samples.add(new Bench.Sample(id, run, "provision", base + 3.7 * run, base - 5, base + 3 * run, 2));
                samples.add(new Bench.Sample(id, run, "deprovision", base / 2 + 1.3 * run, base / 3, base / 2, 1));
            }
        }
        return samples;
    }

    @Test
    void theHistogramsAreOneTwoByTwoPng(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve(Bench.HISTOGRAMS_PNG);
        Bench.histograms(file, samples());
        assertTrue(Files.isRegularFile(file));
        final BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image);
        assertEquals(2 * Bench.PANEL_WIDTH, image.getWidth());
        assertEquals(Bench.HEADER_HEIGHT + 2 * Bench.PANEL_HEIGHT, image.getHeight());
        assertTrue(image.getWidth() > Bench.PANEL_WIDTH && image.getHeight() > Bench.PANEL_HEIGHT);
    }

    @Test
    void aPanelCountsWholeSlices() {
        // 7 samples in 30 bins: at most a few per bin, where the default tick units would be 0.2 or 0.5
        final double[] ms = {40, 43.7, 47.4, 51.1, 54.8, 58.5, 62.2};
        final JFreeChart chart = Bench.panel("use-case-1", "provision", ms);
        chart.createBufferedImage(Bench.PANEL_WIDTH, Bench.PANEL_HEIGHT);
        final var axis = (NumberAxis) chart.getXYPlot().getRangeAxis();
        final double tick = axis.getTickUnit().getSize();
        assertTrue(tick >= 1 && tick == Math.rint(tick), "tick unit " + tick);
        assertTrue(axis.getLabel().contains("slices"), axis.getLabel());
        assertEquals("Use-Case 1: set-up (activation)", chart.getTitle().getText());
        final String stats = ((TextTitle) chart.getSubtitle(0)).getText();
        assertTrue(stats.contains("n = 7") && stats.contains("p50 = 51.1 ms") && stats.contains("p99 = 62.2 ms"),
            stats);
    }

    @Test
    void anEmptyPanelStillRenders() {
        final JFreeChart chart = Bench.panel("use-case-2", "deprovision", new double[0]);
        assertEquals("Use-Case 2: tear-down (deactivation)", chart.getTitle().getText());
        assertNotNull(chart.createBufferedImage(Bench.PANEL_WIDTH, Bench.PANEL_HEIGHT));
    }
}

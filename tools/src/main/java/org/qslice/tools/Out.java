/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools;

/**
 * The launcher's terminal output: the one place allowed to print.
 */
@SuppressWarnings("checkstyle:RegexpSinglelineJava")
public final class Out {
    private Out() {
        // utility class
    }

    /**
     * Prints a line to standard output.
     *
     * @param line the text
     */
    public static void println(final String line) {
        System.out.println(line);
    }

    /**
     * Prints a formatted line to standard output.
     *
     * @param format format string
     * @param args arguments
     */
    public static void printf(final String format, final Object... args) {
        System.out.printf(format, args);
    }

    /**
     * Prints a line to standard error.
     *
     * @param line the text
     */
    public static void err(final String line) {
        System.err.println(line);
    }
}

/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.qslice.api.model.ProvisioningRecord.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A test-only pause point of the provisioning engine, passed at every step: before its edit (or removal) is sent,
 * once the journal says it is under way, and after the device answered, before the journal records it. Fault tests
 * use it to make a controller kill land at step k deterministically.
 *
 * <p>In production it is {@link #NONE}. It is enabled only by the system property {@value #PROPERTY} naming a control
 * file: when the file holds {@code <operation> <step> <phase>} (e.g. {@code activate 3 after-edit}) and the engine
 * reaches that point, it writes the same line to {@code <file>.reached} and never goes on (the test then kills the
 * controller by its PID).
 */
@FunctionalInterface
public interface PausePoint {
    /** The system property naming the control file. */
    String PROPERTY = "qslice.test.pause-file";

    /** No pause point: always goes on at once. */
    PausePoint NONE = (sliceId, operation, step, phase) -> Futures.immediateVoidFuture();

    /**
     * Where in a step the engine is.
     */
    enum Phase {
        /** The journal says the step is under way; its edit or removal is not sent yet. */
        BEFORE_EDIT,
        /** The device answered; the journal does not say so yet. */
        AFTER_EDIT;

        /**
         * Returns the name used in the control file.
         *
         * @return {@code before-edit} or {@code after-edit}
         */
        public String fileName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * Passes the point.
     *
     * @param sliceId the slice
     * @param operation the operation
     * @param step the step's index
     * @param phase where in the step
     * @return completes when the engine may go on
     */
    ListenableFuture<?> reach(String sliceId, Operation operation, int step, Phase phase);

    /**
     * Passes a named point outside the engine's steps, e.g. {@code change-key-exchange <link> kms-switched}.
     *
     * @param point the point's name, as the control file names it
     * @return completes when the caller may go on
     */
    default ListenableFuture<?> reach(final String point) {
        return Futures.immediateVoidFuture();
    }

    /**
     * Returns the pause point the system property configures, {@link #NONE} without it.
     *
     * @return the pause point
     */
    static PausePoint fromSystemProperty() {
        final String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) {
            return NONE;
        }
        final Path control = Path.of(file.trim());
        LoggerFactory.getLogger(PausePoint.class).warn("test pause points are enabled ({}={}): never set this in "
            + "production", PROPERTY, control);
        return new PausePoint() {
            @Override
            public ListenableFuture<?> reach(final String sliceId, final Operation operation, final int step,
                    final Phase phase) {
                return FileControl.reach(control, operation.yangName() + " " + step + " " + phase.fileName());
            }

            @Override
            public ListenableFuture<?> reach(final String point) {
                return FileControl.reach(control, point);
            }
        };
    }

    /**
     * The file protocol of {@link #fromSystemProperty()}.
     */
    final class FileControl {
        private static final Logger LOG = LoggerFactory.getLogger(FileControl.class);

        private FileControl() {
            // utility class
        }

        static ListenableFuture<?> reach(final Path control, final String point) {
            final String wanted;
            try {
                if (!Files.exists(control)) {
                    return Futures.immediateVoidFuture();
                }
                wanted = Files.readString(control, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                LOG.warn("cannot read the pause control file {}", control, e);
                return Futures.immediateVoidFuture();
            }
            if (!wanted.equals(point)) {
                return Futures.immediateVoidFuture();
            }
            try {
                final Path reached = control.resolveSibling(control.getFileName() + ".reached");
                final Path partial = control.resolveSibling(control.getFileName() + ".reached.tmp");
                Files.writeString(partial, point + "\n", StandardCharsets.UTF_8);
                Files.move(partial, reached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                LOG.warn("cannot write the pause marker next to {}", control, e);
            }
            LOG.warn("paused at {} (test pause point)", point);
            // never completes: the test kills the controller here
            return SettableFuture.create();
        }
    }
}

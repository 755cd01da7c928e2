/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * qslice's web view: a page at {@code /qslice/ui/} on the RESTCONF port (OpenDaylight's Jetty, through AAA's
 * {@link org.opendaylight.aaa.web.WebServer} on the OSGi HTTP Whiteboard), behind the same AAA authentication as
 * RESTCONF. The bundle serves only static files (the page, its script and the pinned cytoscape.js); the page reads
 * the topology, the slices, the provisioning records and the KMS state through RESTCONF, as any other client would.
 */
package org.qslice.ui;

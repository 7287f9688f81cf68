/**
 * The port-probe service: TCP signalling, UDP media ranges in both directions, and full ICE, each
 * result saying which packets got through in which direction.
 */
@Export
@Version("1.0.0")
package org.mediapath.api.probe;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

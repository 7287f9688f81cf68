/**
 * Small network value types shared by every service: port ranges and host-and-port pairs, each
 * parsed from user input with an error that names what was wrong.
 *
 * <p>1.1: {@link org.mediapath.api.net.Fingerprints}, the responder certificate pins.
 */
@Export
@Version("1.2.0")
package org.mediapath.api.net;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

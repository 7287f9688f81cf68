/**
 * The route-inspection service: interfaces, VPN detection, routing tables of this machine or of
 * a user's pasted output, the route decision for a target, and routing findings.
 */
@Export
@Version("1.0.0")
package org.mediapath.api.route;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

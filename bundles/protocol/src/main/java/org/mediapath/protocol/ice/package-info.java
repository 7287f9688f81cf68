/**
 * The ice4j glue the probe (controlling agent) and the responder (controlled agent) share: an
 * agent factory that never lets ice4j contact anything the user did not name, a host harvester
 * for one chosen address (ice4j's own refuses loopback), and the conversion of candidates to and
 * from the control channel's form.
 */
@Export
@Version("1.1.0")
package org.mediapath.protocol.ice;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

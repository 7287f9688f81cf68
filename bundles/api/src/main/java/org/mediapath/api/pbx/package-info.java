/**
 * PBXs kept by name: what the console and the command line diagnose when the user picks a PBX
 * instead of typing its addresses, and the directory that keeps them (a Config Admin factory
 * configuration per PBX; the responder secret is kept apart and never handed out).
 */
@Export
@Version("1.0.0")
package org.mediapath.api.pbx;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

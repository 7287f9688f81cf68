/**
 * The diagnosis engine's service: start a diagnosis, follow its progress, cancel it.
 */
@Export
@Version("1.1.0")
package org.mediapath.api.diagnosis;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * The provisional cause-rule SPI: how a partner bundle adds a rule that turns check results into
 * causes, and the ids and measurement keys of the built-in checks that rules read.
 *
 * <p>Register a {@link org.mediapath.diagnosis.spi.CauseRule} service; the engine finds it through
 * the whiteboard and applies it with the built-in rules to every report. Version 0.x because these
 * types are meant to move into the API bundle (see the bundle's README.md).
 */
@Export
@Version("0.1.0")
package org.mediapath.diagnosis.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

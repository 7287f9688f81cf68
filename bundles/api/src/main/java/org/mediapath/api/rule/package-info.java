/**
 * The cause-rule SPI: how a partner bundle turns check results into a cause of its own. Register a
 * {@link org.mediapath.api.rule.CauseRule} service; the diagnosis engine finds it through the
 * whiteboard and applies it with the built-in rules to every report, ranking causes by what they
 * explain, then by confidence.
 */
@Export
@Version("1.0.0")
package org.mediapath.api.rule;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

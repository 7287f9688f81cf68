/**
 * Provisional: the ids and measurement keys of the built-in checks, which a partner's
 * {@link org.mediapath.api.rule.CauseRule} may read from the findings, and the ordering keys the
 * built-in checks were written with. Version 0.x because the measurement keys may still change;
 * the rule SPI itself is API ({@code org.mediapath.api.rule}) since 0.2. 0.4: the checks of a run in a
 * user's browser ({@code browser*}, {@code console-media}).
 */
@Export
@Version("0.4.0")
package org.mediapath.diagnosis.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

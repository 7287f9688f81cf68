/**
 * The firewall-analysis service: which rule or default policy of a firewall decides each port of a
 * range, read from a ruleset a user pasted (Windows, macOS, Linux formats) or from this host's own.
 */
@Export
@Version("1.0.0")
package org.mediapath.api.firewall;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * Where reports go: the report store, the listeners told of every completed report, and the
 * EventAdmin topic and properties of the announcement.
 */
@Export
@Version("1.0.0")
package org.mediapath.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

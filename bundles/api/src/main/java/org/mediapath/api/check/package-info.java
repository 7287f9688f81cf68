/**
 * The check SPI: how a bundle, ours or a partner's, adds a check to every diagnosis.
 *
 * <p>Register a {@link org.mediapath.api.check.DiagnosticCheck} service with the
 * {@link org.mediapath.api.check.DiagnosticCheck#CHECK_ID} property (the
 * {@link org.mediapath.api.check.CheckComponent} annotation sets it on a DS component). The engine
 * finds it through the whiteboard, runs it with its own timeout, and shows its result beside the
 * built-in ones. Checks may come and go while the console runs.
 */
@Export
@Version("1.2.0")
package org.mediapath.api.check;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

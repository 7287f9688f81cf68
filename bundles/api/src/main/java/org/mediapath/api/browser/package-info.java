/**
 * The test from a user's own PC: the PBX's responder serves a page that runs the browser's own
 * WebRTC stack (the softphone's) against the PBX's media ports, and the console reads the result.
 *
 * <p>The console side asks a responder over its authenticated control channel for an
 * {@link BrowserInvitation invitation} (a link with an unguessable token) and reads the
 * {@link BrowserRun runs} made with it ({@link BrowserTestService}); {@link BrowserRunDiagnosis}
 * turns a finished run into a {@code DiagnosticReport} with the same causes and remediations as
 * {@code diagnose}.
 */
@Export
@Version("1.0.0")
package org.mediapath.api.browser;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * The report model: what a diagnosis found, as immutable records.
 *
 * <p>A {@link org.mediapath.api.report.DiagnosticReport} carries a verdict, the ranked
 * {@link org.mediapath.api.report.Cause causes} with their evidence and remediation, and the
 * {@link org.mediapath.api.report.CheckResult result of every check}; since 1.2 it says where it ran
 * ({@link org.mediapath.api.report.VantagePoint}). The JSON form of these
 * records is a public contract: fields are only ever added.
 *
 * <p>1.1: {@code DiagnosisRequest} carries the responder's and the peer's certificate pins.
 * 1.3: {@code VantagePoint.USERS_BROWSER}, the origin of a report made from a run in a user's browser.
 */
@Export
@Version("1.3.0")
package org.mediapath.api.report;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

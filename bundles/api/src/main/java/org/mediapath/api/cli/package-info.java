/**
 * The command-line SPI: each {@code mediapath} subcommand ({@code console}, {@code diagnose},
 * {@code responder}, {@code routes}, ...) is a {@link org.mediapath.api.cli.Subcommand} service,
 * run inside the same OSGi runtime as the console.
 */
@Export
@Version("1.1.0")
package org.mediapath.api.cli;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

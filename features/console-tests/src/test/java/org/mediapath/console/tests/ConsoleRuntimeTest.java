package org.mediapath.console.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mediapath.api.cli.Subcommand;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/** The console's bundle set, resolved from the target platform, starts completely and wires up. */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class ConsoleRuntimeTest {

	@InjectBundleContext
	BundleContext context;

	@BeforeEach
	void awaitStart() throws InterruptedException {
		Frameworks.awaitStartLevels(context, Duration.ofSeconds(30));
	}

	@Test
	void everyBundleOfTheConsoleIsActive() {
		List<String> notActive = Frameworks.bundles(context).stream()
				.filter(b -> !Frameworks.isFragment(b) && b.getState() != Bundle.ACTIVE)
				.map(b -> b.getSymbolicName() + " " + b.getVersion() + " state=" + b.getState())
				.collect(Collectors.toList());
		assertThat(notActive).as("bundles that did not reach ACTIVE").isEmpty();
	}

	@Test
	void theConsoleHoldsEveryPieceTheDesignNames() {
		List<String> names = Frameworks.bundles(context).stream().map(Bundle::getSymbolicName)
				.collect(Collectors.toList());
		assertThat(names).contains("org.apache.felix.framework", "org.apache.felix.scr",
				"org.apache.felix.configadmin", "org.apache.felix.metatype", "org.apache.felix.eventadmin",
				"org.apache.felix.http.jetty12", "org.apache.felix.webconsole", "org.apache.felix.gogo.runtime",
				"org.apache.felix.gogo.shell", "org.apache.felix.gogo.command", "org.apache.felix.fileinstall",
				"slf4j.api", "slf4j.simple", "org.jitsi.ice4j", "org.mediapath.api",
				"org.mediapath.cli");
	}

	@Test
	void everyComponentIsSatisfied(@InjectService ServiceComponentRuntime scr) {
		List<String> unsatisfied = scr.getComponentDescriptionDTOs().stream()
				.flatMap((ComponentDescriptionDTO description) -> scr.getComponentConfigurationDTOs(description).stream())
				.filter(c -> c.state != ComponentConfigurationDTO.ACTIVE && c.state != ComponentConfigurationDTO.SATISFIED)
				.map(c -> c.description.name + " state=" + c.state + " unsatisfied="
						+ List.of(c.unsatisfiedReferences).stream().map(r -> r.name).collect(Collectors.toList()))
				.collect(Collectors.toList());
		assertThat(unsatisfied).as("components that are not satisfied").isEmpty();
	}

	@Test
	void theConsoleSubcommandIsRegistered(@InjectService(filter = "(" + Subcommand.NAME + "=console)") Subcommand console) {
		assertThat(console).isNotNull();
	}

	@Test
	void slf4jBindsToTheSimpleProviderNotToNop() {
		// Without ordered start levels SLF4J binds to NOP for the whole JVM (see mediapath.bndrun).
		assertThat(org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName())
				.isEqualTo("org.slf4j.simple.SimpleLoggerFactory");
	}
}

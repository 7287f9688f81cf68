package org.mediapath.console.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Collection;

import org.apache.felix.inventory.Format;
import org.apache.felix.inventory.InventoryPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mediapath.api.report.DiagnosticReport;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.junit5.context.BundleContextExtension;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The latest report in the Web Console's status dump: the diagnosis bundle's InventoryPrinter,
 * found as the Web Console finds it (by the Felix Inventory service contract) and printed in both
 * of its formats after a real diagnosis.
 */
@ExtendWith(BundleContextExtension.class)
class InventoryInFelixTest {

	@InjectBundleContext
	BundleContext context;

	@Test
	void theStatusDumpCarriesTheLatestReportAsTextAndAsJson() throws Exception {
		Frameworks.awaitStartLevels(context, Duration.ofSeconds(30));
		DiagnosticReport report = Diagnoses.run(context, null);

		InventoryPrinter printer = printer();
		String text = print(printer, Format.TEXT, false);
		assertThat(text).contains("Latest mediapath diagnosis").contains(report.id()).contains("SIGNALLING_BLOCKED")
				.contains("JSON:");
		String zipText = print(printer, Format.TEXT, true);
		assertThat(zipText).contains(report.id()).doesNotContain("JSON:");

		JsonObject json = JsonParser.parseString(print(printer, Format.JSON, true)).getAsJsonObject();
		assertThat(json.get("reportId").getAsString()).isEqualTo(report.id());
		assertThat(json.get("verdict").getAsString()).isEqualTo("FAILED");
	}

	private InventoryPrinter printer() throws Exception {
		Collection<ServiceReference<InventoryPrinter>> references = context.getServiceReferences(InventoryPrinter.class,
				"(" + InventoryPrinter.NAME + "=mediapath-report)");
		assertThat(references).as("the mediapath-report inventory printer").hasSize(1);
		ServiceReference<InventoryPrinter> reference = references.iterator().next();
		assertThat(reference.getProperty(InventoryPrinter.FORMAT)).isEqualTo(new String[] { "TEXT", "JSON" });
		return context.getService(reference);
	}

	private static String print(InventoryPrinter printer, Format format, boolean zip) {
		StringWriter out = new StringWriter();
		printer.print(new PrintWriter(out), format, zip);
		return out.toString();
	}
}

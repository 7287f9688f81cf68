package org.mediapath.diagnosis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.ResultProperties;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/** Result publication in a real (embedded Felix) framework: filterable, replaced, withdrawn. */
class ResultPublisherTest {

	@TempDir
	Path storage;

	Framework framework;
	BundleContext context;

	@BeforeEach
	void start() throws Exception {
		framework = new FrameworkFactory().newFramework(Map.of(Constants.FRAMEWORK_STORAGE, storage.toString(),
				Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
		framework.start();
		context = framework.getBundleContext();
	}

	@AfterEach
	void stop() throws Exception {
		framework.stop();
		framework.waitForStop(5000);
	}

	static CheckResult result(String id, CheckStatus status) {
		return new CheckResult(id, id, status, id + " " + status, Map.of(), List.of(), Duration.ZERO);
	}

	Collection<ServiceReference<CheckResult>> find(String filter) throws Exception {
		return context.getServiceReferences(CheckResult.class, filter);
	}

	@Test
	void theLatestResultPerCheckAndTargetIsAFilterableService() throws Exception {
		ResultPublisher publisher = new ResultPublisher(context);
		publisher.publish("pbx-a", result("signalling", CheckStatus.PASS));
		publisher.publish("pbx-a", result("signalling", CheckStatus.FAIL));
		publisher.publish("pbx-b", result("signalling", CheckStatus.PASS));
		publisher.publish("pbx-a", result("server-udp", CheckStatus.SKIPPED));

		Collection<ServiceReference<CheckResult>> failing = find("(&(mediapath.check.id=signalling)(mediapath.status=FAIL))");
		assertEquals(1, failing.size());
		ServiceReference<CheckResult> ref = failing.iterator().next();
		assertEquals("pbx-a", ref.getProperty(ResultProperties.TARGET));
		assertEquals(CheckStatus.FAIL, context.getService(ref).status());
		assertEquals(1, find("(&(mediapath.check.id=signalling)(mediapath.target=pbx-a))").size(), "replaced, not added");
		assertEquals(3, find(null).size());
		assertEquals(Long.class, ref.getProperty(ResultProperties.TIMESTAMP).getClass());

		publisher.close();
		assertEquals(0, find(null).size(), "withdrawn on close (the component's deactivate)");
		publisher.publish("pbx-a", result("signalling", CheckStatus.PASS));
		assertEquals(0, find(null).size(), "nothing after close");
		assertNull(context.getServiceReference(CheckResult.class));
	}
}

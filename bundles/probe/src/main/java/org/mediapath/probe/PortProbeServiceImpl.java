package org.mediapath.probe;

import java.io.IOException;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Hashtable;
import java.util.Map;

import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.probe.IceProbe;
import org.mediapath.api.probe.IceProbeRequest;
import org.mediapath.api.probe.PortProbeService;
import org.mediapath.api.probe.SignallingProbe;
import org.mediapath.api.probe.StreamProbe;
import org.mediapath.api.probe.StreamProbeRequest;
import org.mediapath.api.probe.UdpRangeProbe;
import org.mediapath.api.probe.UdpRangeProbeRequest;
import org.mediapath.api.report.ResultProperties;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The port-probe service. Each probe runs on the caller's thread and ends within its bound; the
 * latest result per (probe, target) is registered as a service of the result's record type with
 * {@link ResultProperties} so that consumers can select it with a filter.
 */
@Component(service = PortProbeService.class, configurationPid = PortProbeServiceImpl.PID)
@Designate(ocd = ProbeConfig.class)
public class PortProbeServiceImpl implements PortProbeService {

	/** The configuration PID. */
	public static final String PID = "org.mediapath.probe";

	private final BundleContext context;
	private final ProbeSettings settings;
	/** Keeps the ICE probe and the UDP sweeps that run at the same time off each other's ports. */
	private final ProbeCoordination coordination = new ProbeCoordination();
	/** How many (probe, target) results stay published; the oldest go first. */
	static final int MAX_PUBLISHED_RESULTS = 64;

	/** Insertion-ordered, so that the first entry is the oldest result. */
	private final Map<String, ServiceRegistration<?>> published = new LinkedHashMap<>();
	private boolean active = true;

	@Activate
	public PortProbeServiceImpl(BundleContext context, ProbeConfig config) {
		this(context, ProbeSettings.from(config));
	}

	PortProbeServiceImpl(BundleContext context, ProbeSettings settings) {
		this.context = context;
		this.settings = settings;
	}

	@Override
	public SignallingProbe probeSignalling(HostAndPort target, Duration timeout, int attempts) {
		SignallingProbe result = TcpProber.probe(target, timeout, attempts, TcpProber.DNS);
		publish("signalling", target.toString(), result.outcome().name(), SignallingProbe.class, result);
		return result;
	}

	@Override
	public UdpRangeProbe probeUdpRange(UdpRangeProbeRequest request) {
		UdpRangeProbe result;
		try {
			result = request.responder().isPresent() ? new CooperativeSweep(request, settings, coordination).run()
					: new UncooperativeSweep(request, settings).run();
		} catch (IOException e) {
			throw new ProbeFailedException("UDP probe of " + request.server() + ": " + e.getMessage(), e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new ProbeFailedException("UDP probe of " + request.server() + " interrupted", e);
		}
		String status = result.directions().stream().allMatch(d -> d.answered() == d.sent() && d.sent() > 0) ? "PASS" : "FAIL";
		publish("udp-range", request.server(), status, UdpRangeProbe.class, result);
		return result;
	}

	@Override
	public IceProbe probeIce(IceProbeRequest request) {
		IceProbe result;
		try {
			result = new IceProber(request, settings, coordination).run();
		} catch (IOException e) {
			throw new ProbeFailedException("ICE probe against " + request.responder() + ": " + e.getMessage(), e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new ProbeFailedException("ICE probe against " + request.responder() + " interrupted", e);
		}
		publish("ice", request.responder().toString(), result.outcome().name(), IceProbe.class, result);
		return result;
	}

	@Override
	public StreamProbe probeStream(StreamProbeRequest request) {
		StreamProbe result;
		try {
			result = new StreamProber(request, settings).run();
		} catch (IOException e) {
			throw new ProbeFailedException("stream probe through " + request.responder() + ": " + e.getMessage(), e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new ProbeFailedException("stream probe through " + request.responder() + " interrupted", e);
		}
		String status = result.sent() > 0 && result.answered() == result.sent() ? "PASS" : "FAIL";
		publish("stream", request.server(), status, StreamProbe.class, result);
		return result;
	}

	private synchronized <T> void publish(String check, String target, String status, Class<T> type, T result) {
		if (!settings.publishResults() || !active || context == null) {
			return;
		}
		Dictionary<String, Object> properties = new Hashtable<>();
		properties.put(ResultProperties.CHECK_ID, check);
		properties.put(ResultProperties.TARGET, target);
		properties.put(ResultProperties.STATUS, status);
		properties.put(ResultProperties.TIMESTAMP, System.currentTimeMillis());
		ServiceRegistration<?> previous = published.remove(check + "|" + target);
		if (previous != null) {
			unregister(previous);
		}
		published.put(check + "|" + target, context.registerService(type, result, properties));
		// A long-running console probes many targets: keep only the newest results.
		Iterator<Map.Entry<String, ServiceRegistration<?>>> oldest = published.entrySet().iterator();
		while (published.size() > MAX_PUBLISHED_RESULTS && oldest.hasNext()) {
			unregister(oldest.next().getValue());
			oldest.remove();
		}
	}

	@Deactivate
	synchronized void deactivate() {
		active = false;
		published.values().forEach(PortProbeServiceImpl::unregister);
		published.clear();
	}

	private static void unregister(ServiceRegistration<?> registration) {
		try {
			registration.unregister();
		} catch (IllegalStateException alreadyGone) {
			// the bundle is stopping and the framework took it already
		}
	}
}

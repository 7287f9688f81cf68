package org.mediapath.probe;

import java.net.InetAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.ice4j.ice.Agent;
import org.ice4j.ice.IceProcessingState;
import org.mediapath.protocol.ice.IceAgents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Pays ice4j's first-use cost (class loading, its configuration, the first STUN transactions: 1-2 s in
 * a fresh JVM) in the background when the bundle starts, so that the first full ICE probe, or the
 * responder's first ICE session in the same runtime, connects in tens of milliseconds. One ICE exchange
 * between two agents on loopback, on ephemeral ports: no packet leaves the machine. In a command-line
 * run it overlaps the rest of the start-up and the first checks.
 */
@Component(service = {}, immediate = true, configurationPid = PortProbeServiceImpl.PID)
public class IceWarmUp {

	private final Thread thread;

	@Activate
	public IceWarmUp(ProbeConfig config) {
		this(config.ice_warm_up());
	}

	IceWarmUp(boolean enabled) {
		if (!enabled) {
			thread = null;
			return;
		}
		thread = new Thread(IceWarmUp::exchange, "mediapath-ice-warm-up");
		thread.setDaemon(true);
		thread.setPriority(Thread.MIN_PRIORITY);
		thread.start();
	}

	/** One loopback exchange; every failure is ignored (it only costs the first real probe its speed). */
	static void exchange() {
		Agent controlling = null;
		Agent controlled = null;
		try {
			InetAddress loopback = InetAddress.getLoopbackAddress();
			controlling = IceAgents.create(true, loopback, new int[] { 0 });
			controlled = IceAgents.create(false, loopback, new int[] { 0 });
			IceAgents.setRemote(controlling, controlled.getLocalUfrag(), controlled.getLocalPassword(),
					IceAgents.localCandidates(controlled));
			IceAgents.setRemote(controlled, controlling.getLocalUfrag(), controlling.getLocalPassword(),
					IceAgents.localCandidates(controlling));
			// both agents done before either is freed: a check arriving at a freed agent makes ice4j log a warning
			CountDownLatch done = new CountDownLatch(2);
			for (Agent agent : new Agent[] { controlling, controlled }) {
				agent.addStateChangeListener(e -> {
					if (e.getNewValue() instanceof IceProcessingState s && s.isOver()) {
						done.countDown();
					}
				});
			}
			controlled.startConnectivityEstablishment();
			controlling.startConnectivityEstablishment();
			done.await(5, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} catch (Exception | LinkageError e) {
			// no warm-up: the first probe is merely slower
		} finally {
			if (controlling != null) {
				controlling.free();
			}
			if (controlled != null) {
				controlled.free();
			}
		}
	}

	@Deactivate
	void deactivate() throws InterruptedException {
		if (thread != null) {
			// let a running exchange finish (ice4j warns about checks reaching an agent freed mid-exchange),
			// but never hold the runtime's stop for long
			thread.join(1500);
			thread.interrupt();
			thread.join(500);
		}
	}
}

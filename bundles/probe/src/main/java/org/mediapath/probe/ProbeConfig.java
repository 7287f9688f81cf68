package org.mediapath.probe;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the port-probe service (PID {@value PortProbeServiceImpl#PID}). */
@ObjectClassDefinition(name = "mediapath port probe",
		description = "TCP signalling, UDP media range and full ICE probes: rates, sample sizes and time bounds.")
@interface ProbeConfig {

	@AttributeDefinition(name = "Packets per second", description = "Default packet-rate cap of a UDP probe; protects the PBX. A request may ask for less or more.")
	int packets_per_second() default 10000;

	@AttributeDefinition(name = "Sample size", description = "Ports visited per range by a sampled (not full) UDP probe; both ends always included.")
	int sample_size() default 64;

	@AttributeDefinition(name = "Sockets per sweep", description = "Client sockets a cooperative sweep multiplexes its checks over (by transaction id).")
	int sockets_per_sweep() default 4;

	@AttributeDefinition(name = "Answer wait (ms)", description = "The longest a sweep waits for late answers after its last check "
			+ "(the wait is four control-channel round trips + 50 ms, within the minimum below and this).")
	int answer_wait_millis() default 400;

	@AttributeDefinition(name = "Minimum answer wait (ms)", description = "The shortest a sweep waits for late answers after its "
			+ "last check, however short the round trip (late answers of one round still count in the next, and the "
			+ "responder's account decides what arrived).")
	int answer_wait_min_millis() default 150;

	@AttributeDefinition(name = "Retries", description = "Resends to ports that stayed silent (loss is not a block).")
	int retries() default 1;

	@AttributeDefinition(name = "Reverse batch", description = "Client ports bound at once for server-to-client checks (bounds file descriptors).")
	int reverse_batch() default 1024;

	@AttributeDefinition(name = "ICMP batch", description = "Connected sockets at once in an uncooperative probe (ICMP errors only reach connected sockets).")
	int icmp_batch() default 256;

	@AttributeDefinition(name = "ICMP follow-ups", description = "Silent ports re-probed, well spaced, in an uncooperative probe: real interfaces rate-limit ICMP errors.")
	int icmp_follow_ups() default 8;

	@AttributeDefinition(name = "ICMP follow-up spacing (ms)", description = "Spacing of those follow-up probes.")
	int icmp_follow_up_spacing_millis() default 200;

	@AttributeDefinition(name = "Control timeout (ms)", description = "Connect and reply timeout of the responder's control channel.")
	int control_timeout_millis() default 3000;

	@AttributeDefinition(name = "ICE early failure (ms)", description = "When no ICE pair has succeeded this long after the checks "
			+ "started and one direction stayed entirely silent (no check or answer from the far agent reached this one, or the "
			+ "responder saw none of ours, after 4-5 retransmissions), every pair has failed: the probe says so then, with that "
			+ "evidence, instead of waiting for ice4j's 11 s. 0 = off (then the failure bound decides).")
	int ice_early_failure_millis() default 1500;

	@AttributeDefinition(name = "Warm up ICE", description = "Run one loopback ICE exchange in the background when the bundle starts, "
			+ "so that the first real probe does not pay ice4j's class loading and configuration (1-2 s in a fresh JVM).")
	boolean ice_warm_up() default true;

	@AttributeDefinition(name = "Publish results", description = "Register the latest result of each probe and target as a service.")
	boolean publish_results() default true;
}

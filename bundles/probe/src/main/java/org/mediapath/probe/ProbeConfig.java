package org.mediapath.probe;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the port-probe service (PID {@value PortProbeServiceImpl#PID}). */
@ObjectClassDefinition(name = "mediapath port probe",
		description = "TCP signalling, UDP media range and full ICE probes: rates, sample sizes and time bounds.")
@interface ProbeConfig {

	@AttributeDefinition(name = "Packets per second", description = "Default packet-rate cap of a UDP probe; protects the PBX. A request may ask for less or more.")
	int packets_per_second() default 2000;

	@AttributeDefinition(name = "Sample size", description = "Ports visited per range by a sampled (not full) UDP probe; both ends always included.")
	int sample_size() default 64;

	@AttributeDefinition(name = "Sockets per sweep", description = "Client sockets a cooperative sweep multiplexes its checks over (by transaction id).")
	int sockets_per_sweep() default 4;

	@AttributeDefinition(name = "Answer wait (ms)", description = "How long a sweep waits for late answers after its last check.")
	int answer_wait_millis() default 400;

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

	@AttributeDefinition(name = "Publish results", description = "Register the latest result of each probe and target as a service.")
	boolean publish_results() default true;
}

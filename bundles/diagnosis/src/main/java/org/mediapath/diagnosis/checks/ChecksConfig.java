package org.mediapath.diagnosis.checks;

import org.mediapath.api.probe.SweepMode;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the built-in checks (PID {@value ChecksSettings#PID}), shared by all of them. */
@ObjectClassDefinition(name = "mediapath built-in checks",
		description = "How the built-in checks probe: signalling attempts and timeouts, the UDP sweep, the ICE failure bound.")
@interface ChecksConfig {

	@AttributeDefinition(name = "Signalling connect timeout (ms)", description = "Timeout of the TCP connects to the signalling port. "
			+ "The default 2000 ms covers the first SYN and the kernel's retransmission after 1 s of every attempt.")
	int signalling_timeout_millis() default 2000;

	@AttributeDefinition(name = "Signalling attempts", description = "TCP connects to the signalling port, made at once "
			+ "(one lost SYN is not a block; a drop is known after one timeout, not one per attempt).")
	int signalling_attempts() default 3;

	@AttributeDefinition(name = "UDP sweep", description = "FULL (the default) probes every server media port, so a narrow blocked stretch cannot hide between samples; SAMPLE a stratified sample (both ends included). The client range is always sampled, with its edge pass.")
	SweepMode udp_sweep_mode() default SweepMode.FULL;

	@AttributeDefinition(name = "UDP packets per second", description = "Packet-rate cap of the UDP sweep; 0 = the probe service's default.")
	int udp_packets_per_second() default 0;

	@AttributeDefinition(name = "ICE failure bound (ms)", description = "After this long without a connected pair a full ICE probe declares failure (browsers: a few seconds).")
	int ice_failure_bound_millis() default 3000;
}

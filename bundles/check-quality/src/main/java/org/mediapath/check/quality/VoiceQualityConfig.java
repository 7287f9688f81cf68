package org.mediapath.check.quality;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the voice-quality check (PID {@value VoiceQualityCheck#PID}). */
@ObjectClassDefinition(name = "mediapath voice-quality check",
		description = "A paced packet stream over the media path through the responder: loss, jitter and round-trip time against voice thresholds.")
@interface VoiceQualityConfig {

	@AttributeDefinition(name = "Stream length (s)", description = "How long the packet stream runs (1-30).")
	int stream_seconds() default 3;

	@AttributeDefinition(name = "Packets per second", description = "Stream rate; 50 is one RTP packet every 20 ms, as a voice call sends (1-200).")
	int packets_per_second() default 50;

	@AttributeDefinition(name = "Packet size (bytes)", description = "Bytes above UDP per packet; 172 is an RTP packet of 20 ms G.711 voice (100-1200).")
	int packet_bytes() default 172;

	@AttributeDefinition(name = "WARN above loss (%)", description = "Voice degrades audibly above about 1 % loss.")
	double warn_loss_percent() default 1.0;

	@AttributeDefinition(name = "WARN above jitter (ms)", description = "Jitter buffers of softphones absorb about 30 ms.")
	double warn_jitter_millis() default 30.0;

	@AttributeDefinition(name = "WARN above round-trip time (ms)", description = "Conversation suffers above about 300 ms round trip (ITU-T G.114: 150 ms one way).")
	double warn_rtt_millis() default 300.0;

	@AttributeDefinition(name = "Check timeout (ms)", description = "The engine ends the check after this long (mediapath.check.timeout.millis); keep it above the stream length.")
	long mediapath_check_timeout_millis() default 20000L;
}

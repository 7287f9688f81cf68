package org.mediapath.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A decoded STUN message. The raw bytes are kept because MESSAGE-INTEGRITY and FINGERPRINT are
 * computed over the message as it was on the wire.
 *
 * @param type the message type (method and class), e.g. {@link Stun#BINDING_REQUEST}
 * @param transactionId the 12-byte transaction id
 * @param attributes the attributes in wire order
 * @param raw the whole message as received
 */
public record StunMessage(int type, byte[] transactionId, List<Attribute> attributes, byte[] raw) {

	/**
	 * One attribute.
	 *
	 * @param type the attribute type
	 * @param offset where the attribute's header starts in {@code raw}
	 * @param value the value without padding
	 */
	public record Attribute(int type, int offset, byte[] value) {
		/** @throws NullPointerException if the value is null */
		public Attribute {
			Objects.requireNonNull(value, "value");
		}
	}

	/** @throws NullPointerException if a component is null */
	public StunMessage {
		Objects.requireNonNull(transactionId, "transactionId");
		Objects.requireNonNull(raw, "raw");
		attributes = List.copyOf(attributes);
	}

	/**
	 * @param attributeType the attribute type
	 * @return the first attribute of that type
	 */
	public Optional<Attribute> attribute(int attributeType) {
		return attributes.stream().filter(a -> a.type() == attributeType).findFirst();
	}

	/** @return the USERNAME attribute as text, if present */
	public Optional<String> username() {
		return attribute(Stun.USERNAME).map(a -> new String(a.value(), java.nio.charset.StandardCharsets.UTF_8));
	}

	/** @return whether this is a request (class bits 00) */
	public boolean isRequest() {
		return (type & Stun.CLASS_MASK) == 0;
	}

	/** @return whether this is a success or error response */
	public boolean isResponse() {
		return (type & 0x0100) != 0;
	}

	/** @return the size of the message on the wire */
	public int size() {
		return raw.length;
	}
}

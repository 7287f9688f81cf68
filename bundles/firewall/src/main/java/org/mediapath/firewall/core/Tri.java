package org.mediapath.firewall.core;

/**
 * Whether a rule's condition holds for the judged traffic: a question fixes direction, protocol and
 * port, and maybe the remote address and program; a condition on anything else (an interface name, a
 * mark, a source port) is {@link #MAYBE}, and the verdict then says what it depends on.
 */
public enum Tri {
	YES, NO, MAYBE;

	public static Tri of(boolean value) {
		return value ? YES : NO;
	}

	public Tri and(Tri other) {
		if (this == NO || other == NO) {
			return NO;
		}
		return this == MAYBE || other == MAYBE ? MAYBE : YES;
	}

	public Tri not() {
		return this == YES ? NO : this == NO ? YES : MAYBE;
	}

	/** @return this, negated when {@code negated} */
	public Tri negatedIf(boolean negated) {
		return negated ? not() : this;
	}
}

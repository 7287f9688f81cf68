package org.mediapath.firewall.netfilter;

/**
 * What a rule does when it matches.
 *
 * @param kind the kind
 * @param target the chain of a jump or goto, the name of an unknown action, otherwise empty
 */
public record Action(Kind kind, String target) {

	public enum Kind {
		/** ends this base chain's traversal; later base chains on the hook still see the packet */
		ACCEPT,
		/** final */
		DROP,
		/** final, with an ICMP error or a TCP reset */
		REJECT,
		/** calls a chain, which returns here */
		JUMP,
		/** continues in a chain that does not return here */
		GOTO,
		/** back to the caller, or the base chain's policy */
		RETURN,
		/** no verdict: counters, logs, marks */
		CONTINUE,
		/** dnat, snat, masquerade, redirect: end the chain like accept */
		NAT,
		/** a verdict this analysis does not judge (queue, an unknown target) */
		UNKNOWN
	}

	public static final Action ACCEPT = new Action(Kind.ACCEPT, "");
	public static final Action DROP = new Action(Kind.DROP, "");
	public static final Action REJECT = new Action(Kind.REJECT, "");
	public static final Action RETURN = new Action(Kind.RETURN, "");
	public static final Action CONTINUE = new Action(Kind.CONTINUE, "");
	public static final Action NAT = new Action(Kind.NAT, "");

	public static Action jump(String chain) {
		return new Action(Kind.JUMP, chain);
	}

	public static Action goTo(String chain) {
		return new Action(Kind.GOTO, chain);
	}

	public static Action unknown(String what) {
		return new Action(Kind.UNKNOWN, what);
	}
}

package org.mediapath.api.report;

/**
 * A cause's confidence in words tied to the kind of evidence behind it. The number is a rule's
 * constant, not a measured probability; these bands are what the rules promise by it (see
 * docs/contract.md).
 */
public enum ConfidenceLevel {

	/**
	 * 0.85 and above: both ends took part and the fault was seen directly (a cooperative exchange
	 * that passed one way and not the other, an answer that refused, the machine's own route table).
	 */
	PROVEN_BOTH_WAYS("proven both ways"),

	/** 0.65 up to 0.85: seen in one direction only; the other end could not confirm it. */
	ONE_DIRECTION_SEEN("one direction seen"),

	/** Below 0.65: inferred from silence or from what was not seen (no cooperating far end). */
	INFERRED("inferred");

	/** The lowest confidence of {@link #PROVEN_BOTH_WAYS}. */
	public static final double PROVEN_FROM = 0.85;
	/** The lowest confidence of {@link #ONE_DIRECTION_SEEN}. */
	public static final double ONE_DIRECTION_FROM = 0.65;

	private final String words;

	ConfidenceLevel(String words) {
		this.words = words;
	}

	/** @return the level in plain words, e.g. "one direction seen" */
	public String words() {
		return words;
	}

	/**
	 * @param confidence a cause's confidence, 0 to 1
	 * @return its level
	 */
	public static ConfidenceLevel of(double confidence) {
		if (confidence >= PROVEN_FROM) {
			return PROVEN_BOTH_WAYS;
		}
		return confidence >= ONE_DIRECTION_FROM ? ONE_DIRECTION_SEEN : INFERRED;
	}
}

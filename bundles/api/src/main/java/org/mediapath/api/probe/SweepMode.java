package org.mediapath.api.probe;

/** How many ports of a range a UDP probe visits. */
public enum SweepMode {
	/** A stratified sample that always includes both ends of the range (the default). */
	SAMPLE,
	/** Every port of the range. */
	FULL
}

package org.mediapath.route.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What one output format told us about an interface, before classification. Mutable because
 * several pasted outputs describe the same adapter (route print names it by index, ipconfig by
 * alias, both by description) and are merged piece by piece.
 */
public final class InterfaceData {

	public String name;
	public String displayName;
	public final List<String> addresses = new ArrayList<>();
	/** null while no output has said. */
	public Boolean up;
	public boolean pointToPoint;
	public boolean virtual;
	public int mtu = -1;
	/** Windows interface index, Linux ifindex; -1 if unknown. */
	public int index = -1;
	/** A hint from the source: link/none, link/ether, wireless header, linkinfo kind. */
	public String linkType = "";

	public InterfaceData(String name) {
		this.name = name;
		this.displayName = name;
	}

	public void addAddress(String cidr) {
		if (cidr != null && !addresses.contains(cidr)) {
			addresses.add(cidr);
		}
	}

	/** Takes every fact {@code other} knows and this one does not. */
	public void absorb(InterfaceData other) {
		if ((displayName == null || displayName.equals(name)) && other.displayName != null
				&& !other.displayName.equals(other.name)) {
			displayName = other.displayName;
		}
		other.addresses.forEach(this::addAddress);
		if (up == null) {
			up = other.up;
		}
		pointToPoint |= other.pointToPoint;
		virtual |= other.virtual;
		if (mtu < 0) {
			mtu = other.mtu;
		}
		if (index < 0) {
			index = other.index;
		}
		if (linkType.isEmpty()) {
			linkType = other.linkType;
		}
	}
}

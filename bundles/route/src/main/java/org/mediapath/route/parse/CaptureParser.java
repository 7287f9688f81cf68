package org.mediapath.route.parse;

import java.util.List;
import java.util.Map;

import org.mediapath.route.model.Capture;

/**
 * A whole paste to one capture: the detector finds the outputs, each goes to its parser, then the
 * interface references of Windows routes are resolved across outputs. Never throws: a parser that
 * breaks on hostile input costs its segment, with a warning, not the paste.
 */
public final class CaptureParser {

	private final FormatDetector detector = new FormatDetector();
	private final Map<Format, SegmentParser> parsers = Map.ofEntries(
			Map.entry(Format.IP_ROUTE, new IpRouteTextParser()), Map.entry(Format.IP_ADDR, new IpAddrTextParser()),
			Map.entry(Format.IP_RULE, new IpRuleTextParser()),
			Map.entry(Format.PROC_NET_ROUTE, new ProcNetRouteParser()),
			Map.entry(Format.PROC_NET_IPV6_ROUTE, new ProcNetIpv6RouteParser()),
			Map.entry(Format.ROUTE_PRINT, new RoutePrintParser()), Map.entry(Format.IPCONFIG, new IpconfigParser()),
			Map.entry(Format.NETSTAT, new NetstatParser()), Map.entry(Format.IFCONFIG, new IfconfigParser()),
			Map.entry(Format.JSON, new JsonOutputParser()));

	public Capture parse(String pasted) {
		Capture capture = new Capture();
		parseInto(pasted, capture);
		capture.resolveInterfaceReferences();
		return capture;
	}

	/** Adds one paste to a capture, without resolving references: the caller may add more first. */
	public void parseInto(String pasted, Capture capture) {
		List<Segment> segments = detector.detect(pasted, capture::warn);
		for (Segment segment : segments) {
			try {
				parsers.get(segment.format()).parse(segment, capture);
			} catch (RuntimeException | StackOverflowError e) {
				capture.warn("line " + segment.firstLine() + " (" + segment.format().label() + "): output abandoned ("
						+ e.getClass().getSimpleName() + ")");
			}
		}
		if (segments.isEmpty() && !pasted.isBlank()) {
			capture.warn("no known command output found (route print, ipconfig /all, Get-NetRoute JSON, netstat -rn, "
					+ "ifconfig, ip route, ip addr)");
		}
	}
}

package org.mediapath.route.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mediapath.api.route.RouteEntry;
import org.mediapath.route.model.Capture;
import org.mediapath.route.model.InterfaceData;

/** Reads fixtures and runs one parser over the outputs of its format found in them. */
public final class Fixtures {

	private Fixtures() {
	}

	public static String read(String path) {
		try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
			if (in == null) {
				throw new IllegalArgumentException("no fixture " + path);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** @return a capture holding only what {@code parser} made of the fixture's {@code format} outputs */
	public static Capture parseOnly(String path, Format format, SegmentParser parser) {
		Capture capture = new Capture();
		List<Segment> segments = new FormatDetector().detect(read(path), capture::warn);
		int used = 0;
		for (Segment segment : segments) {
			if (segment.format() == format) {
				parser.parse(segment, capture);
				used++;
			}
		}
		if (used == 0) {
			throw new AssertionError("the detector found no " + format + " in " + path + ": " + segments);
		}
		return capture;
	}

	public static List<RouteEntry> routes(Capture capture, String destination) {
		List<RouteEntry> found = new ArrayList<>();
		for (RouteEntry route : capture.routes) {
			if (route.destination().equals(destination)) {
				found.add(route);
			}
		}
		return found;
	}

	public static RouteEntry route(Capture capture, String destination, String interfaceName) {
		return routes(capture, destination).stream().filter(r -> r.interfaceName().equals(interfaceName)).findFirst()
				.orElseThrow(() -> new AssertionError("no route " + destination + " via " + interfaceName + " in "
						+ capture.routes));
	}

	public static InterfaceData iface(Capture capture, String name) {
		Optional<InterfaceData> found = capture.find(name);
		return found.orElseThrow(() -> new AssertionError("no interface " + name + " among "
				+ capture.interfaces().stream().map(i -> i.name).toList()));
	}
}

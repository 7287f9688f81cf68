package org.mediapath.route.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.mediapath.api.route.InterfaceKind;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The recognition data of {@code vpn-patterns.json}, plus patterns from the configuration. One
 * file, so that a new VPN product is a data change: a hot-updated bundle or a configuration entry,
 * no code.
 */
public final class InterfacePatterns {

	/** The data file, beside this class in the bundle. */
	public static final String RESOURCE = "vpn-patterns.json";
	/** Names longer than this are cut before matching, so a configured pattern cannot be made slow by a name. */
	static final int MAX_MATCHED_LENGTH = 256;

	/** @param product the product name shown to the administrator; @param pattern searched in name and display name */
	public record ProductPattern(String product, Pattern pattern) {
	}

	private final List<ProductPattern> vpn;
	private final Pattern utun;
	private final String utunProduct;
	private final Map<InterfaceKind, List<Pattern>> kinds;

	private InterfacePatterns(List<ProductPattern> vpn, Pattern utun, String utunProduct,
			Map<InterfaceKind, List<Pattern>> kinds) {
		this.vpn = List.copyOf(vpn);
		this.utun = utun;
		this.utunProduct = utunProduct;
		this.kinds = kinds;
	}

	/** @return the bundled patterns only */
	public static InterfacePatterns bundled() {
		return load(List.of(), message -> {
		});
	}

	/**
	 * @param extraVpnPatterns configured {@code Product name=regex} entries, tried first
	 * @param warnings receives one line per entry that cannot be used
	 * @return the patterns
	 */
	public static InterfacePatterns load(List<String> extraVpnPatterns, Consumer<String> warnings) {
		JsonObject root;
		try (InputStream in = InterfacePatterns.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is missing from the bundle");
			}
			root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
		} catch (IOException e) {
			throw new IllegalStateException(RESOURCE + " cannot be read", e);
		}
		List<ProductPattern> vpn = new ArrayList<>();
		for (String entry : extraVpnPatterns) {
			int equals = entry == null ? -1 : entry.indexOf('=');
			if (equals <= 0 || equals == entry.length() - 1) {
				warnings.accept("extraVpnPatterns: '" + entry + "' is not 'Product name=regular expression', ignored");
				continue;
			}
			try {
				vpn.add(new ProductPattern(entry.substring(0, equals).strip(), compile(entry.substring(equals + 1).strip())));
			} catch (PatternSyntaxException e) {
				warnings.accept("extraVpnPatterns: '" + entry + "' has a bad regular expression ("
						+ e.getDescription() + "), ignored");
			}
		}
		for (JsonElement e : root.getAsJsonArray("vpn")) {
			JsonObject o = e.getAsJsonObject();
			vpn.add(new ProductPattern(o.get("product").getAsString(), compile(o.get("match").getAsString())));
		}
		JsonObject utun = root.getAsJsonObject("macosUtun");
		Map<InterfaceKind, List<Pattern>> kinds = new EnumMap<>(InterfaceKind.class);
		JsonObject kindsJson = root.getAsJsonObject("kinds");
		for (String kind : kindsJson.keySet()) {
			List<Pattern> patterns = new ArrayList<>();
			kindsJson.getAsJsonArray(kind).forEach(p -> patterns.add(compile(p.getAsString())));
			kinds.put(InterfaceKind.valueOf(kind), List.copyOf(patterns));
		}
		return new InterfacePatterns(vpn, compile(utun.get("match").getAsString()), utun.get("product").getAsString(),
				kinds);
	}

	private static Pattern compile(String regex) {
		return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
	}

	/** @return the VPN product whose pattern the name or display name matches */
	public Optional<String> vpnProduct(String name, String displayName) {
		for (ProductPattern p : vpn) {
			if (matches(p.pattern(), name) || matches(p.pattern(), displayName)) {
				return Optional.of(p.product());
			}
		}
		return Optional.empty();
	}

	public boolean isMacUtun(String name) {
		return matches(utun, name);
	}

	public String macUtunProduct() {
		return utunProduct;
	}

	public boolean isKind(InterfaceKind kind, String name, String displayName) {
		for (Pattern p : kinds.getOrDefault(kind, List.of())) {
			if (matches(p, name) || matches(p, displayName)) {
				return true;
			}
		}
		return false;
	}

	private static boolean matches(Pattern pattern, String text) {
		if (text == null || text.isEmpty()) {
			return false;
		}
		return pattern.matcher(text.length() > MAX_MATCHED_LENGTH ? text.substring(0, MAX_MATCHED_LENGTH) : text).find();
	}
}

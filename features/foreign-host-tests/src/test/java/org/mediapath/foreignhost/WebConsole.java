package org.mediapath.foreignhost;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The Felix Web Console of a host, used over HTTP the way its pages use it: the bundle list and
 * details ({@code bundles.json}), upload and install ({@code bundles} with {@code action=install}),
 * start and uninstall ({@code bundles/ID}), the configuration manager ({@code configMgr/PID}).
 * Logs in with the Web Console's default account; keeps cookies, so a page's session carries over.
 */
final class WebConsole {

	static final String ROOT = "/system/console";
	private static final String LOGIN = "admin:admin";
	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	/** One bundle as bundles.json lists it. */
	record BundleRow(long id, String symbolicName, String version, String state) {
	}

	final int port;
	private final HttpClient http;

	WebConsole(int port) {
		this.port = port;
		this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5))
				.followRedirects(HttpClient.Redirect.NEVER).build();
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT).header("Authorization",
				"Basic " + Base64.getEncoder().encodeToString(LOGIN.getBytes(StandardCharsets.UTF_8)));
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> getJsonAccepted(String path) throws IOException, InterruptedException {
		return http.send(request(path).header("Accept", "application/json").GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** A urlencoded form post; {@code accept} may be null. */
	HttpResponse<String> post(String path, Map<String, String> form, String accept)
			throws IOException, InterruptedException {
		String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
				+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
		HttpRequest.Builder builder = request(path).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body));
		if (accept != null) {
			builder.header("Accept", accept);
		}
		return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

	// ---------- bundles

	List<BundleRow> bundles() throws IOException, InterruptedException {
		HttpResponse<String> response = get(ROOT + "/bundles.json");
		if (response.statusCode() != 200) {
			throw new IOException("bundles.json: HTTP " + response.statusCode());
		}
		List<BundleRow> rows = new ArrayList<>();
		for (JsonElement element : JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonArray("data")) {
			JsonObject b = element.getAsJsonObject();
			rows.add(new BundleRow(b.get("id").getAsLong(),
					b.has("symbolicName") ? b.get("symbolicName").getAsString() : "", b.get("version").getAsString(),
					b.get("state").getAsString()));
		}
		return rows;
	}

	/**
	 * The details the bundle page shows, by their key ("Exported Packages", "Imported Packages",
	 * "Importing Bundles", ...); list values as strings.
	 */
	Map<String, List<String>> details(long id) throws IOException, InterruptedException {
		HttpResponse<String> response = get(ROOT + "/bundles/" + id + ".json");
		if (response.statusCode() != 200) {
			throw new IOException("bundles/" + id + ".json: HTTP " + response.statusCode());
		}
		JsonObject bundle = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonArray("data").get(0)
				.getAsJsonObject();
		Map<String, List<String>> details = new LinkedHashMap<>();
		for (JsonElement element : bundle.getAsJsonArray("props")) {
			JsonObject prop = element.getAsJsonObject();
			JsonElement value = prop.get("value");
			List<String> values = new ArrayList<>();
			if (value.isJsonArray()) {
				for (JsonElement v : (JsonArray) value) {
					values.add(v.isJsonPrimitive() ? v.getAsString() : v.toString());
				}
			} else {
				values.add(value.isJsonPrimitive() ? value.getAsString() : value.toString());
			}
			details.put(prop.get("key").getAsString(), values);
		}
		return details;
	}

	/**
	 * The Web Console's upload (the "Install/Update" dialog with several files chosen): installs
	 * each jar, or updates the bundle of the same symbolic name, in the background.
	 */
	void upload(List<Path> jars, int startLevel) throws IOException, InterruptedException {
		String boundary = "mediapath-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		part(body, boundary, "action", null, "install".getBytes(StandardCharsets.UTF_8));
		part(body, boundary, "bundlestartlevel", null, Integer.toString(startLevel).getBytes(StandardCharsets.UTF_8));
		for (Path jar : jars) {
			part(body, boundary, "bundlefile", jar.getFileName().toString(), Files.readAllBytes(jar));
		}
		body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = http.send(request(ROOT + "/bundles")
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 302 && response.statusCode() != 200) {
			throw new IOException("upload: HTTP " + response.statusCode() + " " + response.body());
		}
	}

	private static void part(ByteArrayOutputStream body, String boundary, String name, String fileName, byte[] content)
			throws IOException {
		StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
				.append("Content-Disposition: form-data; name=\"").append(name).append('"');
		if (fileName != null) {
			head.append("; filename=\"").append(fileName).append('"').append("\r\nContent-Type: application/java-archive");
		}
		head.append("\r\n\r\n");
		body.write(head.toString().getBytes(StandardCharsets.UTF_8));
		body.write(content);
		body.write("\r\n".getBytes(StandardCharsets.UTF_8));
	}

	/** A bundle's action button: start, stop, uninstall. */
	void bundleAction(long id, String action) throws IOException, InterruptedException {
		HttpResponse<String> response = post(ROOT + "/bundles/" + id, Map.of("action", action), null);
		if (response.statusCode() != 200) {
			throw new IOException(action + " of bundle " + id + ": HTTP " + response.statusCode());
		}
	}

	/** The bundle page's "Refresh Packages" button. */
	void refreshPackages() throws IOException, InterruptedException {
		HttpResponse<String> response = post(ROOT + "/bundles", Map.of("action", "refreshPackages"), null);
		if (response.statusCode() != 200) {
			throw new IOException("refreshPackages: HTTP " + response.statusCode());
		}
	}

	/** Saves a configuration as the Configuration page's form does. */
	void configure(String pid, Map<String, String> properties) throws IOException, InterruptedException {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("apply", "true");
		form.put("action", "ajaxConfigManager");
		form.put("propertylist", String.join(",", properties.keySet()));
		form.putAll(properties);
		HttpResponse<String> response = post(ROOT + "/configMgr/" + pid, form, null);
		if (response.statusCode() != 302 && response.statusCode() != 200) {
			throw new IOException("configMgr/" + pid + ": HTTP " + response.statusCode());
		}
	}

	/** Waits until the Web Console answers and lists every bundle (fragments aside) as Active. */
	void awaitAllActive(Duration timeout, Supplier<String> context) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		String last = "no answer";
		while (System.nanoTime() < deadline) {
			try {
				List<BundleRow> rows = bundles();
				List<BundleRow> inactive = rows.stream()
						.filter(r -> !r.state().equals("Active") && !r.state().equals("Fragment")).toList();
				if (inactive.isEmpty()) {
					return;
				}
				last = "not active: " + inactive;
			} catch (IOException e) {
				last = e.toString();
			}
			Thread.sleep(200);
		}
		throw new AssertionError("the host's bundles did not all become active within " + timeout + ": " + last + "\n"
				+ context.get());
	}
}

package org.mediapath.firewall.parse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.mediapath.firewall.core.Ruleset;
import org.mediapath.firewall.netfilter.IptablesSaveParser;
import org.mediapath.firewall.netfilter.NftJsonParser;
import org.mediapath.firewall.netfilter.NftTextParser;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Turns a paste into rulesets: detects the outputs, parses each, and joins the parts that belong to
 * one firewall (nft tables, a Windows rule list with its profile settings).
 */
public final class PasteReader {

	/** What a paste held. */
	public record Parsed(List<Ruleset> rulesets, List<String> formats, List<String> warnings) {
	}

	private PasteReader() {
	}

	public static Parsed read(String text) {
		List<String> warnings = new ArrayList<>();
		List<Segment> segments = new FormatDetector().detect(text, warnings::add);
		List<Ruleset> rulesets = new ArrayList<>();
		Set<String> formats = new LinkedHashSet<>();
		List<String> nftText = new ArrayList<>();
		PlatformParts parts = new PlatformParts();
		for (Segment segment : segments) {
			switch (segment.format()) {
			case NFT_TEXT -> {
				nftText.addAll(segment.lines());
				formats.add(Format.NFT_TEXT.command());
			}
			case IPTABLES_SAVE -> {
				Ruleset ruleset = IptablesSaveParser.parse(segment.lines());
				rulesets.add(ruleset);
				formats.add(ruleset.format());
			}
			case JSON -> readJson(segment, rulesets, formats, parts, warnings);
			default -> parts.add(segment, formats, warnings);
			}
		}
		if (!nftText.isEmpty()) {
			rulesets.add(0, NftTextParser.parse(nftText));
		}
		rulesets.addAll(parts.rulesets(warnings));
		return new Parsed(rulesets, List.copyOf(formats), warnings);
	}

	private static void readJson(Segment segment, List<Ruleset> rulesets, Set<String> formats, PlatformParts parts,
			List<String> warnings) {
		JsonElement json;
		try {
			json = JsonParser.parseString(String.join("\n", segment.lines()));
		} catch (JsonParseException | StackOverflowError e) {
			warnings.add("the JSON starting on line " + segment.firstLine() + " is not valid JSON and was ignored");
			return;
		}
		if (NftJsonParser.recognises(json)) {
			rulesets.add(NftJsonParser.parse(json));
			formats.add(NftJsonParser.FORMAT);
			return;
		}
		if (!parts.addJson(json, segment.firstLine(), formats, warnings)) {
			warnings.add("the JSON starting on line " + segment.firstLine()
					+ " is neither nft -j nor Get-NetFirewallRule/Get-NetFirewallProfile output and was ignored");
		}
	}
}

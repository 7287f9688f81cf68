package org.mediapath.firewall.fuzz;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.mediapath.api.firewall.FirewallQuestion;
import org.mediapath.firewall.parse.PasteDecoder;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of a pasted firewall file as its bytes: decoding (UTF-16, UTF-8,
 * OEM 850, windows-1252), detection, every parser behind it, the analysis and the {@code firewall}
 * command; {@link FirewallPasteContract} says what must hold. The fixtures are its seeds
 * (PastedFirewallBytesJazzerTestInputs), so mutation starts from outputs the detector recognises.
 */
class PastedFirewallBytesJazzerTest {

	/** {@code @Timeout} becomes libFuzzer's per-input timeout and must exceed maxDuration. */
	@FuzzTest(maxDuration = "10s")
	@Timeout(value = 30, unit = TimeUnit.SECONDS)
	void pastedBytesOnlyEverGiveWarnings(FuzzedDataProvider data) {
		FirewallQuestion question = FirewallPasteContract.question(data);
		byte[] file = data.consumeRemainingAsBytes();
		FirewallPasteContract.check(PasteDecoder.decode(file), question);
		FirewallPasteContract.checkCommand(file, question);
	}
}

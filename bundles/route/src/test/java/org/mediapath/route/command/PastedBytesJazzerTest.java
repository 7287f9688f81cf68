package org.mediapath.route.command;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of a pasted file as its bytes: UTF-8, UTF-16 with a byte order
 * mark, or the windows-1252 fallback of {@link RoutesCommand#decode}, then detection, parsing,
 * decision, analysis and the {@code routes} command; {@link PasteContract} says what must hold.
 * Runs in the normal test phase for a bounded time ({@code JAZZER_FUZZ=1} is set by this module's
 * surefire configuration; without it Jazzer only replays stored inputs). The real captures of
 * src/test/resources/fixtures are its seeds (PastedBytesJazzerTestInputs), so mutation starts from
 * outputs the detector recognises.
 */
class PastedBytesJazzerTest {

	/**
	 * {@code @Timeout} becomes libFuzzer's per-input timeout, so a real hang fails; JUnit applies it to
	 * the whole bounded run too, so it must exceed maxDuration.
	 */
	@FuzzTest(maxDuration = "10s")
	@Timeout(value = 30, unit = TimeUnit.SECONDS)
	void pastedBytesOnlyEverGiveWarnings(FuzzedDataProvider data) {
		String target = data.consumeBoolean() ? data.pickValue(PasteContract.TARGETS) : data.consumeString(48);
		byte[] file = data.consumeRemainingAsBytes();
		PasteContract.checkPaste(RoutesCommand.decode(file), target);
		PasteContract.checkCommand(file, target);
	}
}

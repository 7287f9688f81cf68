package org.mediapath.route.command;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of pastes whose lines look like the real outputs
 * ({@link PasteGenerator}): raw bytes seldom pass the format detector's signatures, these do, so
 * the segment parsers behind it get the coverage. {@link PasteContract} says what must hold.
 */
class ShapedPasteJazzerTest {

	/** See {@link PastedBytesJazzerTest} for why the timeout exceeds maxDuration. */
	@FuzzTest(maxDuration = "10s")
	@Timeout(value = 30, unit = TimeUnit.SECONDS)
	void outputShapedPastesOnlyEverGiveWarnings(FuzzedDataProvider data) {
		String target = data.consumeBoolean() ? data.pickValue(PasteContract.TARGETS) : data.consumeString(48);
		String paste = PasteGenerator.paste(data);
		PasteContract.checkPaste(paste, target);
		PasteContract.checkCommand(paste.getBytes(StandardCharsets.UTF_8), target);
	}
}

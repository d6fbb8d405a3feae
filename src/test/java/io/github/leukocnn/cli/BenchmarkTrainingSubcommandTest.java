package io.github.leukocnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.github.leukocnn.testutil.ConsoleCapture;

/** {@code leukocnn benchmark-training}: times both layer implementations of a shipped network in one JVM. */
class BenchmarkTrainingSubcommandTest {

	private final ConsoleCapture console = new ConsoleCapture();

	@Test
	void printsBothStepTimesAndTheirRatio() throws Exception {
		assertEquals(0, console.run(new BenchmarkTrainingSubcommand(), "--models", "all-screening", "--batch", "8", "--steps", "1",
			"--rounds", "1"));
		Matcher m = Pattern.compile("all-screening: (\\d+) ms per training step with DL4J's layers, (\\d+) ms with LeukoCNN's training layers "
			+ "\\(ratio ([0-9.]+); crop 32px\\)").matcher(console.out());
		assertTrue(m.find(), console.out());
		assertTrue(Double.parseDouble(m.group(3)) > 0, console.out());
	}

	@Test
	void stepsMustBePositive() {
		assertThrows(Arguments.UsageException.class, () -> console.run(new BenchmarkTrainingSubcommand(), "--steps", "0"));
	}
}

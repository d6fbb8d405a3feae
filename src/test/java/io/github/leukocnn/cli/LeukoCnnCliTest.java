package io.github.leukocnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** How {@link LeukoCnnCli} reports a verb's failure: the message for bad input, the whole trace for a bug. */
class LeukoCnnCliTest {

	/** A verb that fails with {@code failure}. */
	private static Subcommand failing(Exception failure) {
		return new Subcommand() {
			@Override
			public String name() {
				return "fail";
			}

			@Override
			public String summary() {
				return "fails";
			}

			@Override
			public String usage() {
				return "usage: leukocnn fail";
			}

			@Override
			public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
				throw failure;
			}
		};
	}

	private static String errorOf(Exception failure, int[] code) {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		code[0] = LeukoCnnCli.run(Map.of("fail", failing(failure)), List.of("fail"), new PrintStream(new ByteArrayOutputStream()),
			new PrintStream(err, true, StandardCharsets.UTF_8));
		return err.toString(StandardCharsets.UTF_8);
	}

	@Test
	void badInputGetsItsMessageOnly() {
		int[] code = new int[1];
		String err = errorOf(new IOException("smear.png cannot be read"), code);
		assertEquals(1, code[0]);
		assertEquals("leukocnn fail: smear.png cannot be read", err.strip());
		err = errorOf(new IllegalArgumentException("epochs must be at least 1"), code);
		assertEquals("leukocnn fail: epochs must be at least 1", err.strip());
	}

	@Test
	void aBugKeepsItsTypeAndStackTrace() {
		int[] code = new int[1];
		String err = errorOf(new NullPointerException("card is null"), code);
		assertEquals(1, code[0]);
		assertTrue(err.startsWith("leukocnn fail: unexpected java.lang.NullPointerException: card is null"), err);
		assertTrue(err.contains("\tat io.github.leukocnn.cli.LeukoCnnCliTest"), "the trace names where it was thrown: " + err);
		assertFalse(err.contains("usage:"), err);
	}
}

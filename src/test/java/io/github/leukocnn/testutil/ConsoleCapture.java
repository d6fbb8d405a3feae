package io.github.leukocnn.testutil;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.leukocnn.cli.Arguments;
import io.github.leukocnn.cli.LeukoCnnCli;
import io.github.leukocnn.cli.Subcommand;

/** Runs a command-line verb in the test JVM and keeps what it printed to stdout and stderr (UTF-8). */
public final class ConsoleCapture {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

	/** Runs {@code verb} with {@code args} (without the verb name); returns its exit code. */
	public int run(Subcommand verb, List<String> args) throws Exception {
		reset();
		return verb.run(new Arguments(args, verb.flags()), stream(out), stream(err));
	}

	public int run(Subcommand verb, String... args) throws Exception {
		return run(verb, List.of(args));
	}

	/** Runs a whole command line ({@code VERB options}) through {@link LeukoCnnCli}, as the launcher does. */
	public int cli(List<String> args) {
		reset();
		return LeukoCnnCli.run(args, stream(out), stream(err));
	}

	/** What the last run printed to stdout. */
	public String out() {
		return out.toString(StandardCharsets.UTF_8);
	}

	/** What the last run printed to stderr. */
	public String err() {
		return err.toString(StandardCharsets.UTF_8);
	}

	private void reset() {
		out.reset();
		err.reset();
	}

	private static PrintStream stream(ByteArrayOutputStream bytes) {
		return new PrintStream(bytes, true, StandardCharsets.UTF_8);
	}
}

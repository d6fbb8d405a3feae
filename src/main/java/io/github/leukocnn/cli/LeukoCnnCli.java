package io.github.leukocnn.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

import io.github.leukocnn.progress.CancelledException;

/**
 * Entry point of the {@code leukocnn} launcher: {@code leukocnn VERB [options]}.
 * Verbs are {@link Subcommand}s found with {@link ServiceLoader} (listed in
 * {@code META-INF/services/io.github.leukocnn.cli.Subcommand}), so each lives in its own class.
 */
public final class LeukoCnnCli {

	private LeukoCnnCli() {}

	public static void main(String[] args) {
		System.setProperty("java.awt.headless", "true");
		int code = run(Arrays.asList(args), System.out, System.err);
		System.exit(code);
	}

	/** Runs one command line; returns the exit code. */
	public static int run(List<String> args, PrintStream out, PrintStream err) {
		return run(subcommands(), args, out, err);
	}

	static int run(Map<String, Subcommand> verbs, List<String> args, PrintStream out, PrintStream err) {
		if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help")) {
			out.println("usage: leukocnn VERB [options]   (leukocnn VERB --help for details)");
			for (Subcommand s : verbs.values())
				out.printf(Locale.ROOT, "  %-18s %s%n", s.name(), s.summary());
			return args.isEmpty() ? 2 : 0;
		}
		Subcommand verb = verbs.get(args.get(0));
		if (verb == null) {
			err.println("leukocnn: unknown verb '" + args.get(0) + "'; known: " + String.join(", ", verbs.keySet()));
			return 2;
		}
		List<String> rest = args.subList(1, args.size());
		if (rest.contains("--help")) {
			out.println(verb.usage());
			return 0;
		}
		try {
			return verb.run(new Arguments(rest, verb.flags()), out, err);
		}
		catch (Arguments.UsageException e) {
			err.println("leukocnn " + verb.name() + ": " + e.getMessage());
			err.println(verb.usage());
			return 2;
		}
		catch (java.io.IOException | IllegalArgumentException | IllegalStateException | CancelledException e) {
			err.println("leukocnn " + verb.name() + ": " + e.getMessage());
			return 1;
		}
		catch (Exception e) {
			// a bug or a library failure (e.g. ND4J's): its type and stack trace are what a report of it needs
			err.println("leukocnn " + verb.name() + ": unexpected " + e);
			e.printStackTrace(err);
			return 1;
		}
	}

	static Map<String, Subcommand> subcommands() {
		Map<String, Subcommand> verbs = new LinkedHashMap<>();
		for (Subcommand s : ServiceLoader.load(Subcommand.class, LeukoCnnCli.class.getClassLoader()))
			verbs.put(s.name(), s);
		return verbs;
	}
}

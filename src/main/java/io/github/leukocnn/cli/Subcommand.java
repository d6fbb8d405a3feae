package io.github.leukocnn.cli;

import java.io.PrintStream;
import java.util.Set;

/** One verb of the {@code leukocnn} command line, e.g. {@code segment}. */
public interface Subcommand {

	/** The verb, e.g. "segment". */
	String name();

	/** One line for the overview printed by {@code leukocnn help}. */
	String summary();

	/** Options that take no value, e.g. "overwrite" for {@code --overwrite}. */
	default Set<String> flags() {
		return Set.of();
	}

	/** Full usage text, printed for {@code leukocnn VERB --help} and after a usage error. */
	String usage();

	/**
	 * Runs the verb.
	 *
	 * @return the process exit code: 0 all went well, 1 some inputs failed, 2 usage error
	 */
	int run(Arguments args, PrintStream out, PrintStream err) throws Exception;
}

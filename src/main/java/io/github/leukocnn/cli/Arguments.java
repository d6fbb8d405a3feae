package io.github.leukocnn.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.leukocnn.cnn.ModelFile;

/**
 * GNU-style options of one subcommand: {@code --name value}, {@code --name=value} and flags.
 * A flag given a value ({@code --overwrite=true}) and an option given twice are usage errors, not
 * silently ignored or last-wins.
 * Every option must be read by the subcommand; {@link #rejectUnknown()} then reports the rest, so
 * a misspelt option is an error rather than silently ignored.
 */
public final class Arguments {

	private final Map<String, String> values = new LinkedHashMap<>();
	private final Set<String> flags = new HashSet<>();
	private final Set<String> read = new HashSet<>();
	private final List<String> positional = new ArrayList<>();

	public Arguments(List<String> args, Set<String> flagNames) {
		for (int i = 0; i < args.size(); i++) {
			String a = args.get(i);
			if (!a.startsWith("--")) {
				positional.add(a);
				continue;
			}
			String name = a.substring(2);
			int eq = name.indexOf('=');
			if (eq >= 0) {
				String value = name.substring(eq + 1);
				name = name.substring(0, eq);
				// --overwrite=true would otherwise be stored as a value that flag() never looks at
				if (flagNames.contains(name)) throw new UsageException("--" + name + " takes no value (got '" + a + "'): give just --" + name);
				once(name);
				values.put(name, value);
			}
			else if (flagNames.contains(name)) {
				once(name);
				flags.add(name);
			}
			else {
				if (i + 1 >= args.size()) throw new UsageException("option --" + name + " needs a value");
				once(name);
				values.put(name, args.get(++i));
			}
		}
	}

	/** A repeated option would otherwise silently keep its last value. */
	private void once(String name) {
		if (values.containsKey(name) || flags.contains(name)) throw new UsageException("option --" + name + " is given more than once");
	}

	public boolean flag(String name) {
		read.add(name);
		return flags.contains(name);
	}

	public String string(String name, String fallback) {
		read.add(name);
		return values.getOrDefault(name, fallback);
	}

	public String required(String name) {
		String v = string(name, null);
		if (v == null) throw new UsageException("option --" + name + " is required");
		return v;
	}

	public Path path(String name) {
		return Path.of(required(name));
	}

	public double number(String name, double fallback) {
		String v = string(name, null);
		if (v == null) return fallback;
		try {
			return Double.parseDouble(v);
		}
		catch (NumberFormatException e) {
			throw new UsageException("option --" + name + " takes a number, got '" + v + "'");
		}
	}

	public int integer(String name, int fallback) {
		String v = string(name, null);
		if (v == null) return fallback;
		try {
			return Integer.parseInt(v);
		}
		catch (NumberFormatException e) {
			throw new UsageException("option --" + name + " takes a whole number, got '" + v + "'");
		}
	}

	/** {@code --cell-diameter PX}: the leukocyte diameter in pixels, 0 (the default) = estimate per image. */
	public double cellDiameter() {
		double d = number("cell-diameter", 0);
		if (!(d >= 0) || Double.isInfinite(d))
			throw new UsageException("--cell-diameter must be a number of pixels >= 0 (0 = estimate), got " + d);
		return d;
	}

	/** {@code --models A,B}: model names or files, trimmed; default every shipped model. */
	public List<String> models() {
		List<String> models = Arrays.stream(string("models", String.join(",", ModelFile.SHIPPED)).split(","))
			.map(String::trim).filter(m -> !m.isEmpty()).toList();
		if (models.isEmpty()) throw new UsageException("--models needs at least one model name or file");
		return models;
	}

	/** {@code --threads N}: worker threads, at least 1; default all cores. */
	public int threads() {
		int n = integer("threads", Runtime.getRuntime().availableProcessors());
		if (n < 1) throw new UsageException("--threads must be at least 1, got " + n);
		return n;
	}

	public List<String> positional() {
		return positional;
	}

	/** Fails on options that were given but never read by the subcommand. */
	public void rejectUnknown() {
		for (String name : values.keySet())
			if (!read.contains(name)) throw new UsageException("unknown option --" + name);
		for (String name : flags)
			if (!read.contains(name)) throw new UsageException("unknown option --" + name);
		if (!positional.isEmpty()) throw new UsageException("unexpected argument '" + positional.get(0) + "'");
	}

	/** A mistake in the command line: printed with the usage, exit code 2. */
	public static final class UsageException extends RuntimeException {
		private static final long serialVersionUID = 1L;

		public UsageException(String message) {
			super(message);
		}
	}
}

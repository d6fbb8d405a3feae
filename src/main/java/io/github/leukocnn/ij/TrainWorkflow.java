package io.github.leukocnn.ij;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import io.github.leukocnn.cli.LeukoCnnCli;

/**
 * Trains a LeukoCNN model from Fiji by running the command line's {@code train} verb: one
 * implementation of training, and the model card records the equivalent command line, so a model
 * made in Fiji can be reproduced without it.
 */
public final class TrainWorkflow {

	private TrainWorkflow() {}

	/** How the training images are labelled: the {@code --kind} of {@code leukocnn train}. */
	public static final List<String> KINDS = List.of("single-cell", "fields", "roi-sets");

	/**
	 * @param data folder of training images (layout given by {@code kind})
	 * @param kind one of {@link #KINDS}
	 * @param name model name written into the model card
	 * @param modelFile the model file to write (.zip)
	 * @param positive classes that make the leukaemia call positive, comma-separated (may be empty)
	 * @param cellDiameter fields: leukocyte diameter in pixels, 0 = estimate
	 */
	public record Request(String data, String kind, String name, String modelFile, String positive, double cellDiameter,
		int epochs, double maxMinutes, boolean overwrite)
	{
		/** The equivalent command line (without the launcher name). */
		public List<String> arguments() {
			if (!KINDS.contains(kind)) throw new IllegalArgumentException("kind must be one of " + KINDS + ", got '" + kind + "'");
			if (blank(data)) throw new IllegalArgumentException("choose the folder of training images (data_folder)");
			if (blank(name)) throw new IllegalArgumentException("give the model a name (e.g. my-screening)");
			if (blank(modelFile)) throw new IllegalArgumentException("choose the model file to write (model_file, a .zip)");
			List<String> a = new ArrayList<>(List.of("train", "--data", data, "--kind", kind, "--name", name, "--out", modelFile,
				"--cell-diameter", number(cellDiameter), "--epochs", String.valueOf(epochs), "--max-minutes", number(maxMinutes)));
			if (!blank(positive)) a.addAll(List.of("--positive", positive.replace(" ", "")));
			if (overwrite) a.add("--overwrite");
			return a;
		}
	}

	/**
	 * @param modelWritten whether the model file was written by this run
	 * @param exitCode of the train verb: 0 all images used, 1 some images failed or training failed, 2 bad settings
	 * @param lastLine the last line the training printed (the reason, when it failed)
	 */
	public record Outcome(boolean modelWritten, int exitCode, String lastLine) {}

	/** Runs the training; every line it prints goes to {@code log}. */
	public static Outcome train(Request request, Consumer<String> log) {
		List<String> args = request.arguments();
		log.accept("LeukoCNN: leukocnn " + String.join(" ", args));
		Path model = Path.of(request.modelFile());
		FileTime before = modified(model);
		String[] last = { "" };
		int code;
		try (PrintStream out = lines(line -> {
			last[0] = line;
			log.accept(line);
		})) {
			code = LeukoCnnCli.run(args, out, out);
		}
		FileTime after = modified(model);
		return new Outcome(after != null && !after.equals(before), code, last[0]);
	}

	private static FileTime modified(Path file) {
		try {
			return Files.exists(file) ? Files.getLastModifiedTime(file) : null;
		}
		catch (IOException e) {
			return null;
		}
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}

	private static String number(double d) {
		return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%s", d);
	}

	/** A PrintStream that hands each complete line to {@code log} (e.g. IJ::log). */
	static PrintStream lines(Consumer<String> log) {
		return new PrintStream(new OutputStream() {
			private final ByteArrayOutputStream line = new ByteArrayOutputStream();

			@Override
			public void write(int b) {
				if (b == '\n') flushLine();
				else if (b != '\r') line.write(b);
			}

			@Override
			public void close() {
				if (line.size() > 0) flushLine();
			}

			private void flushLine() {
				log.accept(line.toString(StandardCharsets.UTF_8));
				line.reset();
			}
		}, true, StandardCharsets.UTF_8);
	}
}

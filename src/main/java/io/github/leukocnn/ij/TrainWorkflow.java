package io.github.leukocnn.ij;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import io.github.leukocnn.cnn.train.TrainingJob;
import io.github.leukocnn.progress.CancelledException;
import io.github.leukocnn.progress.ProgressListener;

/**
 * Trains a LeukoCNN model from Fiji with the command line's {@link TrainingJob}: one implementation
 * of training, and the model card records the equivalent command line, so a model made in Fiji can
 * be reproduced without it. Progress and cancellation (Esc, or a SciJava command's cancel) go
 * through a {@link ProgressListener}.
 */
public final class TrainWorkflow {

	private TrainWorkflow() {}

	/** How the training images are labelled: the {@code --kind} of {@code leukocnn train}. */
	public static final List<String> KINDS = TrainingJob.KINDS;

	/**
	 * @param data folder of training images (layout given by {@code kind})
	 * @param kind one of {@link #KINDS}
	 * @param name model name written into the model card
	 * @param modelFile the model file to write (.zip)
	 * @param positive classes that make the leukaemia call positive, comma-separated (may be empty)
	 * @param cellDiameter fields: leukocyte diameter in pixels, 0 = estimate
	 * @param epochs the most epochs to train: a whole number of at least 1 (a double, so that 2.7 or NaN
	 *          from a dialog, macro or script is refused here rather than cut to 2 or 0 on the way)
	 * @param maxMinutes time budget in minutes, greater than 0
	 * @param extraCells optional folder per class of single-cell images whose training blocks join the
	 *          training (the {@code --extra-cells} of {@code leukocnn train}; blank = none)
	 * @param extraClass optional class all extra cells and fields are trained as (blank = each keeps its folder's class)
	 * @param extraFields optional folder per class of fields whose training blocks join the training
	 *          (the {@code --extra-fields} of {@code leukocnn train}; blank = none)
	 * @param startFrom optional model (shipped name or file) whose network training continues from
	 *          (the {@code --start-from} of {@code leukocnn train}; blank = random weights)
	 * @param recipe optional model (shipped name or file) whose recorded training settings to train with
	 *          (the {@code --recipe} of {@code leukocnn train}; blank = LeukoCNN's defaults)
	 */
	public record Request(String data, String kind, String name, String modelFile, String positive, double cellDiameter,
		double epochs, double maxMinutes, boolean overwrite, String extraCells, String extraClass, String extraFields, String startFrom,
		String recipe)
	{
		/** Without extra images. */
		public Request(String data, String kind, String name, String modelFile, String positive, double cellDiameter, double epochs,
			double maxMinutes, boolean overwrite)
		{
			this(data, kind, name, modelFile, positive, cellDiameter, epochs, maxMinutes, overwrite, "", "", "", "", "");
		}

		/**
		 * The equivalent command line (without the launcher name).
		 *
		 * @throws IllegalArgumentException for a missing or wrong setting, naming what is accepted
		 */
		public List<String> arguments() {
			if (!KINDS.contains(kind)) throw new IllegalArgumentException("kind must be one of " + KINDS + ", got '" + kind + "'");
			if (blank(data)) throw new IllegalArgumentException("choose the folder of training images (data_folder)");
			if (blank(name)) throw new IllegalArgumentException("give the model a name (e.g. my-screening)");
			if (blank(modelFile)) throw new IllegalArgumentException("choose the model file to write (model_file, a .zip)");
			// epochs and max_minutes for the plugin, the command and scripts, in their own parameter names and before
			// anything is converted: 2.7 would become 2 on the way to the core, which refuses epochs < 1 and
			// max-minutes <= 0 again for the command line and recipes (TrainingJob.Options).
			if (!(epochs >= 1 && epochs <= Integer.MAX_VALUE && epochs == Math.rint(epochs)))
				throw new IllegalArgumentException("epochs must be a whole number of at least 1 (the most epochs to train, " +
					"e.g. 40), got " + number(epochs));
			if (!(maxMinutes > 0 && maxMinutes < Double.POSITIVE_INFINITY))
				throw new IllegalArgumentException("max_minutes must be a time budget in minutes greater than 0 (e.g. 30), got " +
					number(maxMinutes));
			if (!blank(extraClass) && blank(extraCells) && blank(extraFields))
				throw new IllegalArgumentException("extra_class names the class of the extra_cells or extra_fields folder, " +
					"neither of which is given");
			List<String> a = new ArrayList<>(List.of("train", "--data", data, "--kind", kind, "--name", name, "--out", modelFile,
				"--cell-diameter", number(cellDiameter), "--epochs", number(epochs), "--max-minutes", number(maxMinutes)));
			if (!blank(positive)) a.addAll(List.of("--positive", positives()));
			if (!blank(extraCells)) a.addAll(List.of("--extra-cells", extraCells));
			if (!blank(extraFields)) a.addAll(List.of("--extra-fields", extraFields));
			if (startModel() != null) a.addAll(List.of("--start-from", startModel()));
			if (!blank(recipe)) a.addAll(List.of("--recipe", recipe.trim()));
			if (!blank(extraClass)) a.addAll(List.of("--extra-class", extraClassName()));
			if (overwrite) a.add("--overwrite");
			return a;
		}

		/**
		 * The settings of the training job: those of {@code leukocnn train} (or of the recipe's model) with this request's.
		 *
		 * @throws IOException when the recipe's model cannot be read
		 */
		TrainingJob.Options options() throws IOException {
			return TrainingJob.Options.defaults(Path.of(data), kind, name, Path.of(modelFile)).withRecipeOf(recipe).toBuilder()
				.positives(TrainingJob.classList(blank(positive) ? "" : positives())).cellDiameter(cellDiameter).epochs((int) epochs)
				.maxMinutes(maxMinutes).overwrite(overwrite)
				.extraCells(blank(extraCells) ? null : Path.of(extraCells)).extraFields(blank(extraFields) ? null : Path.of(extraFields))
				.extraClass(blank(extraClass) ? null : extraClassName()).build()
				.withStartFrom(startModel());
		}

		private String positives() {
			return positive.replace(" ", "");
		}

		private String extraClassName() {
			return extraClass.trim();
		}

		/** The start model's name or file, null when none is given. */
		private String startModel() {
			return blank(startFrom) ? null : startFrom.trim();
		}
	}

	/**
	 * @param modelWritten whether the model file was written by this run
	 * @param exitCode as of the train verb: 0 all images used, 1 some images failed or training failed, 2 the model file exists
	 * @param lastLine the last line the training printed (the reason, when it failed)
	 */
	public record Outcome(boolean modelWritten, int exitCode, String lastLine) {}

	/**
	 * Runs the training; every line it prints goes to {@code log}.
	 *
	 * @throws IllegalArgumentException for a missing or wrong setting, before any work
	 * @throws CancelledException when {@code progress} asks to stop; no model file is written then
	 */
	public static Outcome train(Request request, Consumer<String> log, ProgressListener progress) {
		List<String> args = request.arguments();
		log.accept("LeukoCNN: leukocnn " + String.join(" ", args));
		String[] last = { "" };
		boolean written = false;
		int code;
		try (PrintStream out = lines(line -> {
			last[0] = line;
			log.accept(line);
		})) {
			try {
				TrainingJob.Outcome outcome = TrainingJob.run(request.options(), out, progress);
				written = outcome.card() != null;
				code = outcome.failures().isEmpty() ? 0 : 1;
			}
			catch (CancelledException e) {
				out.println("LeukoCNN: training cancelled; no model file written");
				throw e;
			}
			catch (IOException | IllegalArgumentException | IllegalStateException e) { // bad data or settings: as the command line reports them
				out.println("leukocnn train: " + e.getMessage());
				code = e instanceof FileAlreadyExistsException ? 2 : 1;
			}
			catch (Exception e) { // a bug (NullPointerException, an ND4J failure...): keep the stack trace for the report
				String reason = "leukocnn train: unexpected " + e;
				out.println(reason + " (please report it with the stack trace below)");
				e.printStackTrace(out);
				last[0] = reason; // the reason, not the last line of the trace
				code = 1;
			}
		}
		return new Outcome(written, code, last[0]);
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

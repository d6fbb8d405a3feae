package io.github.leukocnn.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import io.github.leukocnn.cnn.train.TrainingData;
import io.github.leukocnn.cnn.train.TrainingJob;
import io.github.leukocnn.progress.ProgressListener;

/** {@code leukocnn train}: trains a cell CNN from a folder-per-class data set and writes a model file. */
public final class TrainSubcommand implements Subcommand {

	@Override
	public String name() {
		return "train";
	}

	@Override
	public String summary() {
		return "train a cell CNN from folders of labelled images and write a model file";
	}

	@Override
	public Set<String> flags() {
		Set<String> flags = new HashSet<>(TrainingJob.RECIPE_FLAGS); // no-class-weights, no-augmentation
		flags.addAll(Set.of("resume", "overwrite", "evaluate-only"));
		return flags;
	}

	@Override
	public String usage() {
		return """
			usage: leukocnn train --data DIR --kind single-cell|fields --name NAME --out MODEL.zip [options]
			  --data DIR            one sub-folder per class (folder name = class); images sorted by the number in their name
			  --kind K              single-cell: each image is one centred cell (PBC);
			                        fields: whole smear fields, segmented; every cell inherits the folder label (all-taleqani);
			                        roi-sets: flat folder of images each with an ImageJ ROI set NAME.zip (ROI name or group = class)
			  --name NAME           model name written into the card (e.g. all-screening)
			  --out FILE            model file to write (refused if it exists, unless --overwrite)
			  --positive A,B        classes that make the leukaemia call positive (default none)
			  --crop-size PX        network input side (default 48)
			  --cell-fraction F     cell diameter / crop side (default 0.55)
			  --single-cell-rule R  whole-image (default), estimate (from the stain) or segmented-cell (the segmented centre cell)
			  --field-scale R       fields: what sizes the cell crops: segmentation (default; the leukocyte
			                        diameter, given or estimated per field) or red-cells (2.1 x the field's
			                        red-cell diameter, so cells keep their size relative to the red cells)
			  --cell-diameter PX    fields: leukocyte diameter in pixels (default 0 = estimate per field)
			  --epochs N            maximum epochs (default 40); --patience N early stopping (default 8)
			  --max-minutes M       wall-clock budget (default 30); --seed S (default 42)
			  --batch N (default 32)  --learning-rate R (default 0.002) --lr-decay F per epoch (default 0.9)  --channels 16,32,64,96  --dense 64
			  --checkpoints DIR     write checkpoints each epoch; --resume continues from them
			  --report-dir DIR      write NAME-evaluation.md/json there
			  --cv-folds K          k-fold cross-validation with contiguous blocks instead of one hold-out split (report
			                        only), over the first 80% of each class: the test block is never used
			  --training-data TEXT, --citation TEXT   provenance written into the card
			  --normalisation N     rgb (default), white-balance (per crop, removes slide/illumination tint),
			                        contrast (white balance plus a black point per crop and channel: pale stains reach the
			                        dark range) or brightness-contrast (one black point for all channels: hue kept)
			  --colour-jitter J     moderate (default: hue ±8°), wide (hue ±20°, saturation ±45%: for other stains),
			                        density (wide plus optical densities scaled up to 2.5× either way: lighter
			                        and heavier stains) or strong (hue ±35°, 25% grey: for data whose stain
			                        differs by class)
			  --cells-per-image N   fields: at most N random cells of each field per epoch (default 0 = all)
			  --blur S              blur jitter: half of the training crops get a Gaussian blur of random sigma up to S
			                        crop pixels (default 0 = off), so that sharpness is not read as a class cue
			  --cutout F            half of the training crops get a square of side F × the crop side (e.g. 0.3) filled
			                        with the crop's mean colour at a random place (default 0 = off): no one part of
			                        the cell may decide alone
			  --colour-transfer P   with probability P a training crop takes the colour statistics (each channel's
			                        mean and SD) of another training image's crop (default 0 = off): where
			                        --extra-cells come from another scanner, colour no longer tells their class
			  --weight-averaging D  validate, keep and ship a moving average of the weights, decay D per batch
			                        (e.g. 0.995; default 0 = off): smoother than the last weights
			  --label-smoothing E   train towards 1 − E + E/k for the true class and E/k for the others
			                        (e.g. 0.1; default 0 = one-hot targets)
			  --mixup A             blend each training crop with another of its batch, pixels and targets, by a
			                        weight from Beta(A, A) (e.g. 0.2; default 0 = off): against memorising crops and
			                        wrong labels (fields' cells inherit the field's label)
			  --extra-cells DIR     also train on the training blocks (first 65% by file number) of a folder-per-class
			                        set of single-cell images (e.g. another scanner's cells), each under its folder's
			                        class, or all as class --extra-class NAME (e.g. normal leukocytes as benign);
			                        never used for validation or testing
			  --extra-fields DIR    the same for a folder-per-class set of fields (e.g. another scanner's labelled
			                        fields): the segmenter finds their cells (diameter estimated per field), each
			                        trained under its field's class
			  --recipe MODEL        train the way a model (shipped name or file) was trained, as its card records:
			                        crop, network shape, normalisation, optimiser, augmentation, patience and seed
			                        (e.g. --recipe leukocyte-types for your own cell types); flags given here win;
			                        of an ensemble one member's, by number: --recipe all-screening#2
			  --start-from MODEL    start from the network of a model (shipped name or file; of an ensemble one member,
			                        e.g. all-screening#1 or all-screening#2) instead of random weights,
			                        e.g. to adapt leukocyte-types to your scanner's cells: its crop rule, normalisation,
			                        network shape and classes are kept (the data's class folders must be among them;
			                        classes without images keep what the network knew); --learning-rate defaults to
			                        0.0005 then (a quarter of the default), and a few --epochs are usually enough
			  --evaluate-only       do not train: recompute the batch-norm statistics of the model file --out on its
			                        training block (with the --extra-cells/--extra-fields given: those it was trained
			                        with), refit temperature and field rule on its validation block, score
			                        its test block, rewrite its card (and --report-dir report)
			  --no-class-weights, --no-augmentation, --threads N""";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		Path data = args.path("data");
		String kindName = args.required("kind");
		String name = args.required("name");
		Path outFile = args.path("out");
		TrainingJob.Options d = TrainingJob.Options.defaults(data, kindName, name, outFile).withRecipeOf(args.string("recipe", null));
		String positive = args.string("positive", "");
		String startFrom = args.string("start-from", null);
		// how to train: the start model's learning rate (as in Fiji), then the options a recipe also sets,
		// parsed where the recipe's are (a --learning-rate given wins)
		TrainingJob.Options.Builder b = usage(() -> d.withStartFrom(startFrom)).toBuilder();
		for (String option : TrainingJob.RECIPE_OPTIONS) {
			String value = args.string(option, null);
			if (value != null) usage(() -> b.recipeOption(option, value));
		}
		for (String flag : TrainingJob.RECIPE_FLAGS)
			if (args.flag(flag)) b.recipeFlag(flag);
		// what to train on, for how long, and where things go
		double diameter = args.number("cell-diameter", d.cellDiameter());
		int epochs = args.integer("epochs", d.epochs());
		double maxMinutes = args.number("max-minutes", d.maxMinutes());
		String cp = args.string("checkpoints", null);
		boolean resume = args.flag("resume"), overwrite = args.flag("overwrite");
		String reportDir = args.string("report-dir", null);
		int folds = args.integer("cv-folds", d.cvFolds());
		String trainingData = args.string("training-data", d.trainingData());
		String citation = args.string("citation", d.citation());
		int threads = args.integer("threads", d.threads());
		String extraCells = args.string("extra-cells", null);
		String extraFields = args.string("extra-fields", null);
		String extraClass = args.string("extra-class", null);
		if (extraClass != null && extraCells == null && extraFields == null)
			throw new Arguments.UsageException("--extra-class NAME names the class of the --extra-cells or --extra-fields DIR, " +
				"which is missing");
		if (startFrom != null)
			for (String fixed : TrainingJob.START_MODEL_OPTIONS)
				if (args.string(fixed, null) != null) throw new Arguments.UsageException("--" + fixed + " is the --start-from model's; " +
					"leave it out (or train from scratch without --start-from)");
		boolean evaluateOnly = args.flag("evaluate-only");
		args.rejectUnknown();
		kind(kindName); // a bad --kind is a usage error
		List<String> positives = TrainingJob.classList(positive);
		TrainingJob.Options options = usage(() -> b.positives(positives).cellDiameter(diameter).epochs(epochs).maxMinutes(maxMinutes)
			.checkpoints(cp == null ? null : Path.of(cp)).resume(resume).overwrite(overwrite)
			.reportDir(reportDir == null ? null : Path.of(reportDir)).cvFolds(folds).trainingData(trainingData).citation(citation)
			.threads(threads).extraCells(extraCells == null ? null : Path.of(extraCells)).extraClass(extraClass)
			.extraFields(extraFields == null ? null : Path.of(extraFields)).build());
		if (evaluateOnly) return TrainingJob.evaluateOnly(options, out, new ConsoleProgress(out)).failures().isEmpty() ? 0 : 1;
		if (Files.exists(outFile) && !overwrite && folds == 0) {
			err.println("leukocnn train: " + outFile + " exists; use --overwrite to replace it");
			return 2;
		}
		if (resume && cp == null) throw new Arguments.UsageException("--resume needs --checkpoints DIR");
		TrainingJob.Outcome outcome = TrainingJob.run(options, out, new ConsoleProgress(out));
		return folds > 0 || outcome.failures().isEmpty() ? 0 : 1;
	}

	/** The value {@code setting} gives; a setting the core refuses (named as its option) is a usage error. */
	static <T> T usage(Supplier<T> setting) {
		try {
			return setting.get();
		}
		catch (IllegalArgumentException e) {
			throw new Arguments.UsageException("--" + e.getMessage());
		}
	}

	/** --kind: single-cell, fields or roi-sets (null kind = ROI sets). */
	static TrainingData.Kind kind(String name) {
		return usage(() -> TrainingJob.kind(name));
	}

	/** Prints progress at most every few seconds. */
	static final class ConsoleProgress implements ProgressListener {
		private final PrintStream out;
		private long last;

		ConsoleProgress(PrintStream out) {
			this.out = out;
		}

		@Override
		public void progress(double fraction, String message) {
			long now = System.currentTimeMillis();
			if (now - last < 15000) return;
			last = now;
			out.printf(Locale.ROOT, "[%5.1f%%] %s%n", 100 * fraction, message == null ? "" : message);
			out.flush();
		}
	}
}

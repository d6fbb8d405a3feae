package io.github.leukocnn.cnn.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.leukocnn.cnn.FieldAggregation;
import io.github.leukocnn.cnn.ModelCard;
import io.github.leukocnn.cnn.ModelFile;
import io.github.leukocnn.cnn.NetworkFactory;
import io.github.leukocnn.crop.CropNormalisation;
import io.github.leukocnn.crop.FieldCropScale;
import io.github.leukocnn.progress.CancelledException;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.segment.Segmenters;

/**
 * One training run from user-level settings, shared by the command line's {@code leukocnn train}
 * and Fiji's Train LeukoCNN Model: load the labelled images, train with {@link Trainer}, write the
 * model file (atomically, so a cancelled or failed run leaves none) and the optional evaluation
 * report. Progress and cancellation go through a {@link ProgressListener}, the training log to a
 * PrintStream; no GUI.
 */
public final class TrainingJob {

	private TrainingJob() {}

	/** How the training images are labelled (the {@code --kind} of {@code leukocnn train}). */
	public static final List<String> KINDS = List.of("single-cell", "fields", "roi-sets");

	/** The colour jitter presets (the {@code --colour-jitter} of {@code leukocnn train}), see {@link #augmenter}. */
	public static final List<String> COLOUR_JITTERS = List.of("moderate", "wide", "density", "strong");

	/**
	 * The augmenter of a colour jitter preset: moderate {@link Augmenter#DEFAULT}, wide
	 * {@link Augmenter#WIDE_STAIN}, density {@link Augmenter#WIDE_STAIN_AND_DENSITY}, strong
	 * {@link Augmenter#STAIN_INVARIANT}.
	 */
	static Augmenter augmenter(String colourJitter) {
		return switch (colourJitter) {
			case "moderate" -> Augmenter.DEFAULT;
			case "wide" -> Augmenter.WIDE_STAIN;
			case "density" -> Augmenter.WIDE_STAIN_AND_DENSITY;
			case "strong" -> Augmenter.STAIN_INVARIANT;
			default -> throw new IllegalArgumentException("colour jitter must be one of " + String.join(", ", COLOUR_JITTERS) +
				", got '" + colourJitter + "'");
		};
	}

	/**
	 * Default learning rate when training continues from a model's network: a quarter of the default
	 * from scratch, so that the first epochs adapt the network rather than overwrite it.
	 */
	public static final double START_FROM_LEARNING_RATE = 0.0005;

	/** The settings of a {@link Options#commandLine} that say how a model was trained rather than on what (its recipe). */
	private static final Map<String, BiConsumer<Options.Builder, String>> RECIPE_SETTINGS = Map.ofEntries(
		Map.entry("crop-size", (b, v) -> b.cropSize(Integer.parseInt(v))),
		Map.entry("cell-fraction", (b, v) -> b.cellFraction(Double.parseDouble(v))),
		Map.entry("single-cell-rule", Options.Builder::singleCellRule),
		Map.entry("field-scale", Options.Builder::fieldScale),
		Map.entry("patience", (b, v) -> b.patience(Integer.parseInt(v))),
		Map.entry("seed", (b, v) -> b.seed(Long.parseLong(v))),
		Map.entry("batch", (b, v) -> b.batchSize(Integer.parseInt(v))),
		Map.entry("learning-rate", (b, v) -> b.learningRate(Double.parseDouble(v))),
		Map.entry("lr-decay", (b, v) -> b.lrDecay(Double.parseDouble(v))),
		Map.entry("channels", (b, v) -> b.channels(channelList(v))),
		Map.entry("dense", (b, v) -> b.dense(Integer.parseInt(v))),
		Map.entry("normalisation", Options.Builder::normalisation),
		Map.entry("cells-per-image", (b, v) -> b.cellsPerImage(Integer.parseInt(v))),
		Map.entry("colour-jitter", Options.Builder::colourJitter),
		Map.entry("weight-averaging", (b, v) -> b.weightAveraging(Double.parseDouble(v))),
		Map.entry("blur", (b, v) -> b.blur(Double.parseDouble(v))),
		Map.entry("cutout", (b, v) -> b.cutout(Double.parseDouble(v))),
		Map.entry("colour-transfer", (b, v) -> b.colourTransfer(Double.parseDouble(v))),
		Map.entry("label-smoothing", (b, v) -> b.labelSmoothing(Double.parseDouble(v))),
		Map.entry("mixup", (b, v) -> b.mixup(Double.parseDouble(v))));

	private static final Map<String, Consumer<Options.Builder>> RECIPE_SWITCHES = Map.of(
		"no-class-weights", b -> b.classWeights(false), "no-augmentation", b -> b.augmentation(false));

	/** The recipe options a start model fixes ({@link Options#startingFrom}): its crop rule, normalisation and network shape. */
	public static final List<String> START_MODEL_OPTIONS = List.of("crop-size", "cell-fraction", "single-cell-rule", "field-scale",
		"normalisation", "channels", "dense");

	/** The options with a value that a recipe sets (how a model is trained), as named on the command line. */
	public static final Set<String> RECIPE_OPTIONS = Collections.unmodifiableSet(new TreeSet<>(RECIPE_SETTINGS.keySet()));

	/** The switches (options without a value) that a recipe sets. */
	public static final Set<String> RECIPE_FLAGS = Collections.unmodifiableSet(new TreeSet<>(RECIPE_SWITCHES.keySet()));

	/** Convolution channels per block from "24,48,96,192" (the {@code --channels} of the command line). */
	public static int[] channelList(String commaSeparated) {
		return Arrays.stream(commaSeparated.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
	}

	/**
	 * The settings of a run, named as the command line's options (see {@code leukocnn train --help}).
	 *
	 * @param kind one of {@link #KINDS}
	 * @param fieldScale what sizes the crops of field cells, one of {@link FieldCropScale#RULES}
	 * @param normalisation one of {@link CropNormalisation#optionNames}
	 * @param colourJitter one of {@link #COLOUR_JITTERS}, see {@link #augmenter}
	 * @param checkpoints folder of per-epoch checkpoints (null = none)
	 * @param reportDir where NAME-evaluation.md/json go (null = no report)
	 * @param cvFolds 0 = one hold-out split and a model file; k > 0 = k-fold cross-validation over the
	 *          images before the test block (which it never uses), report only
	 * @param weightAveraging decay per batch of the moving average of the weights (0 = off), see {@link TrainingConfig}
	 * @param blur largest sigma of the blur jitter in crop pixels (0 = off), see {@link Augmenter}
	 * @param cutout side of the cutout square as a fraction of the crop side (0 = off), see {@link Augmenter}
	 * @param colourTransfer probability that a training crop takes another's colour statistics (0 = off), see {@link Augmenter}
	 * @param labelSmoothing ε of label smoothing (0 = off), see {@link TrainingConfig}
	 * @param mixup α of mixup (0 = off), see {@link TrainingConfig}
	 * @param extraCells a folder-per-class set of single-cell images whose TRAINING blocks are added to
	 *          the training block (null = none), e.g. another scanner's labelled cells; never validated
	 *          or tested on, see {@link #extraTraining}
	 * @param extraClass the class all extra cells are trained as (one of the data's classes); null =
	 *          each keeps the class of its folder, which must be one of the data's classes
	 * @param extraFields a folder-per-class set of fields (cells found by the segmenter with the diameter
	 *          estimated per field, each inheriting its field's class) whose TRAINING blocks are added
	 *          like {@code extraCells} (null = none)
	 * @param startFrom a model (shipped name or file) whose network training starts from instead of
	 *          random weights (null = none): its crop rule, normalisation and network shape are used,
	 *          see {@link #startingFrom}
	 */
	public record Options(Path data, String kind, String name, Path modelFile, List<String> positives, int cropSize,
		double cellFraction, String singleCellRule, String fieldScale, double cellDiameter, int epochs, int patience, double maxMinutes, long seed,
		int batchSize, double learningRate, double lrDecay, int[] channels, int dense, String normalisation, int cellsPerImage,
		String colourJitter, boolean augmentation, boolean classWeights, Path checkpoints, boolean resume, boolean overwrite,
		Path reportDir, int cvFolds, String trainingData, String citation, int threads, double weightAveraging, double blur,
		double cutout, double colourTransfer, double labelSmoothing, double mixup, Path extraCells, String extraClass, Path extraFields, String startFrom)
	{
		/**
		 * Refuses settings no run could use, each named as its command-line option; so a recipe read
		 * from a card is checked like the command line.
		 */
		public Options {
			if (epochs < 1) // 0 would write the untrained, random network as a model
				throw new IllegalArgumentException("epochs must be at least 1 (the most epochs to train, e.g. 40), got " + epochs);
			if (!(maxMinutes > 0))
				throw new IllegalArgumentException("max-minutes must be a time budget in minutes greater than 0 (e.g. 30), got " + maxMinutes);
			ModelCard.checkSingleCellRule(singleCellRule);
			FieldCropScale.checkRule(fieldScale);
			if (CropNormalisation.ofOption(normalisation) == null)
				throw new IllegalArgumentException("normalisation must be one of " + String.join(", ", CropNormalisation.optionNames()) +
					", got '" + normalisation + "'");
			if (!COLOUR_JITTERS.contains(colourJitter))
				throw new IllegalArgumentException("colour-jitter must be one of " + String.join(", ", COLOUR_JITTERS) + ", got '" +
					colourJitter + "'");
			if (!(weightAveraging >= 0 && weightAveraging < 1))
				throw new IllegalArgumentException("weight-averaging must be a decay in [0, 1) (e.g. 0.995; 0 = off), got " + weightAveraging);
			if (!(blur >= 0 && blur <= 5))
				throw new IllegalArgumentException("blur must be a Gaussian sigma from 0 (off) to 5 crop pixels, got " + blur);
			Augmenter.checkCutout(cutout);
			Augmenter.checkColourTransfer(colourTransfer);
			if (!(labelSmoothing >= 0 && labelSmoothing < 1))
				throw new IllegalArgumentException("label-smoothing must be an epsilon in [0, 1) (e.g. 0.1; 0 = off), got " + labelSmoothing);
			if (!(mixup >= 0 && mixup <= 10))
				throw new IllegalArgumentException("mixup must be an alpha from 0 (off) to 10 (e.g. 0.2), got " + mixup);
		}

		/** The defaults of {@code leukocnn train} for everything but the four required settings. */
		public static Options defaults(Path data, String kind, String name, Path modelFile) {
			TrainingConfig c = TrainingConfig.defaults();
			return new Options(data, kind, name, modelFile, List.of(), 48, 0.55, ModelCard.WHOLE_IMAGE, FieldCropScale.SEGMENTATION, 0, c.maxEpochs(), c.patience(),
				c.maxMinutes(), c.seed(), c.batchSize(), c.learningRate(), c.lrDecay(), c.channels(), c.dense(), "rgb",
				c.cellsPerImage(), "moderate", true, c.classWeights(), null, false, false, null, 0, data.toString(), "", c.threads(),
				0, 0, 0, 0, 0, 0, null, null, null, null);
		}

		/** These settings, to change some by name: {@code options.toBuilder().epochs(5).build()}. */
		public Builder toBuilder() {
			return new Builder(this);
		}

		/** Options changed setting by setting; {@link #build} checks them (see {@link Options#Options}). */
		public static final class Builder {
			private Path data;
			private String kind;
			private String name;
			private Path modelFile;
			private List<String> positives;
			private int cropSize;
			private double cellFraction;
			private String singleCellRule;
			private String fieldScale;
			private double cellDiameter;
			private int epochs;
			private int patience;
			private double maxMinutes;
			private long seed;
			private int batchSize;
			private double learningRate;
			private double lrDecay;
			private int[] channels;
			private int dense;
			private String normalisation;
			private int cellsPerImage;
			private String colourJitter;
			private boolean augmentation;
			private boolean classWeights;
			private Path checkpoints;
			private boolean resume;
			private boolean overwrite;
			private Path reportDir;
			private int cvFolds;
			private String trainingData;
			private String citation;
			private int threads;
			private double weightAveraging;
			private double blur;
			private double cutout;
			private double colourTransfer;
			private double labelSmoothing;
			private double mixup;
			private Path extraCells;
			private String extraClass;
			private Path extraFields;
			private String startFrom;

			private Builder(Options o) {
				data = o.data;
				kind = o.kind;
				name = o.name;
				modelFile = o.modelFile;
				positives = o.positives;
				cropSize = o.cropSize;
				cellFraction = o.cellFraction;
				singleCellRule = o.singleCellRule;
				fieldScale = o.fieldScale;
				cellDiameter = o.cellDiameter;
				epochs = o.epochs;
				patience = o.patience;
				maxMinutes = o.maxMinutes;
				seed = o.seed;
				batchSize = o.batchSize;
				learningRate = o.learningRate;
				lrDecay = o.lrDecay;
				channels = o.channels;
				dense = o.dense;
				normalisation = o.normalisation;
				cellsPerImage = o.cellsPerImage;
				colourJitter = o.colourJitter;
				augmentation = o.augmentation;
				classWeights = o.classWeights;
				checkpoints = o.checkpoints;
				resume = o.resume;
				overwrite = o.overwrite;
				reportDir = o.reportDir;
				cvFolds = o.cvFolds;
				trainingData = o.trainingData;
				citation = o.citation;
				threads = o.threads;
				weightAveraging = o.weightAveraging;
				blur = o.blur;
				cutout = o.cutout;
				colourTransfer = o.colourTransfer;
				labelSmoothing = o.labelSmoothing;
				mixup = o.mixup;
				extraCells = o.extraCells;
				extraClass = o.extraClass;
				extraFields = o.extraFields;
				startFrom = o.startFrom;
			}

			public Builder data(Path value) { data = value; return this; }
			public Builder kind(String value) { kind = value; return this; }
			public Builder name(String value) { name = value; return this; }
			public Builder modelFile(Path value) { modelFile = value; return this; }
			public Builder positives(List<String> value) { positives = value; return this; }
			public Builder cropSize(int value) { cropSize = value; return this; }
			public Builder cellFraction(double value) { cellFraction = value; return this; }
			public Builder singleCellRule(String value) { singleCellRule = value; return this; }
			public Builder fieldScale(String value) { fieldScale = value; return this; }
			public Builder cellDiameter(double value) { cellDiameter = value; return this; }
			public Builder epochs(int value) { epochs = value; return this; }
			public Builder patience(int value) { patience = value; return this; }
			public Builder maxMinutes(double value) { maxMinutes = value; return this; }
			public Builder seed(long value) { seed = value; return this; }
			public Builder batchSize(int value) { batchSize = value; return this; }
			public Builder learningRate(double value) { learningRate = value; return this; }
			public Builder lrDecay(double value) { lrDecay = value; return this; }
			public Builder channels(int[] value) { channels = value; return this; }
			public Builder dense(int value) { dense = value; return this; }
			public Builder normalisation(String value) { normalisation = value; return this; }
			public Builder cellsPerImage(int value) { cellsPerImage = value; return this; }
			public Builder colourJitter(String value) { colourJitter = value; return this; }
			public Builder augmentation(boolean value) { augmentation = value; return this; }
			public Builder classWeights(boolean value) { classWeights = value; return this; }
			public Builder checkpoints(Path value) { checkpoints = value; return this; }
			public Builder resume(boolean value) { resume = value; return this; }
			public Builder overwrite(boolean value) { overwrite = value; return this; }
			public Builder reportDir(Path value) { reportDir = value; return this; }
			public Builder cvFolds(int value) { cvFolds = value; return this; }
			public Builder trainingData(String value) { trainingData = value; return this; }
			public Builder citation(String value) { citation = value; return this; }
			public Builder threads(int value) { threads = value; return this; }
			public Builder weightAveraging(double value) { weightAveraging = value; return this; }
			public Builder blur(double value) { blur = value; return this; }
			public Builder cutout(double value) { cutout = value; return this; }
			public Builder colourTransfer(double value) { colourTransfer = value; return this; }
			public Builder labelSmoothing(double value) { labelSmoothing = value; return this; }
			public Builder mixup(double value) { mixup = value; return this; }
			public Builder extraCells(Path value) { extraCells = value; return this; }
			public Builder extraClass(String value) { extraClass = value; return this; }
			public Builder extraFields(Path value) { extraFields = value; return this; }
			public Builder startFrom(String value) { startFrom = value; return this; }

			/**
			 * Sets one of the {@link #RECIPE_OPTIONS} from its text as the command line or a card's
			 * training command gives it; the one place where these options are parsed.
			 *
			 * @throws IllegalArgumentException naming the option: not a recipe option, or not a number
			 */
			public Builder recipeOption(String option, String value) {
				BiConsumer<Builder, String> setter = RECIPE_SETTINGS.get(option);
				if (setter == null) throw new IllegalArgumentException(option + " is not a training setting");
				try {
					setter.accept(this, value.trim());
				}
				catch (NumberFormatException e) {
					throw new IllegalArgumentException(option + " takes a number, got '" + value + "'", e);
				}
				return this;
			}

			/** Sets one of the {@link #RECIPE_FLAGS} (e.g. "no-augmentation"). */
			public Builder recipeFlag(String flag) {
				Consumer<Builder> setter = RECIPE_SWITCHES.get(flag);
				if (setter == null) throw new IllegalArgumentException(flag + " is not a training switch");
				setter.accept(this);
				return this;
			}

			public Options build() {
				return new Options(data, kind, name, modelFile, positives, cropSize, cellFraction, singleCellRule, fieldScale, cellDiameter,
					epochs, patience, maxMinutes, seed, batchSize, learningRate, lrDecay, channels, dense, normalisation,
					cellsPerImage, colourJitter, augmentation, classWeights, checkpoints, resume, overwrite, reportDir, cvFolds,
					trainingData, citation, threads, weightAveraging, blur, cutout, colourTransfer, labelSmoothing, mixup, extraCells, extraClass, extraFields,
					startFrom);
			}
		}

		/**
		 * These settings with the recipe of {@code model} (a shipped name or a file; null or blank = these
		 * settings): how its card's training command trained it, see {@link #withRecipe}.
		 */
		public Options withRecipeOf(String model) throws IOException {
			if (model == null || model.isBlank()) return this;
			ModelReference ref = ModelReference.parse(model);
			ModelCard card = ModelFile.card(ref.model()); // the card only: no network restored
			ref.checkMember(card.networkCount());
			String command = ref.member() == 0 ? card.trainingCommand() : ref.memberCommand(card.trainingCommand());
			if (command == null || command.isBlank())
				throw new IllegalArgumentException("the model " + model.trim() + " records no training command, so it has no recipe to train by");
			try {
				return withRecipe(command);
			}
			catch (IllegalArgumentException e) {
				throw new IllegalArgumentException("the recipe of " + model.trim() + ": " + e.getMessage(), e);
			}
		}

		/**
		 * These settings trained the way {@code commandLine} (a {@link #commandLine} as a model card
		 * records it) trained: crop and network shape, normalisation, optimiser, augmentation, patience
		 * and seed. What to train on and for how long stays these settings': data, kind, name, model
		 * file, positive classes, cell diameter, epochs, time budget, extra images, start model,
		 * checkpoints and reports.
		 */
		public Options withRecipe(String commandLine) {
			Builder b = toBuilder();
			String[] words = commandLine.trim().split("\\s+");
			int start = Arrays.asList(words).indexOf("--start-from");
			if (start >= 0) // its crop and shape were its start model's, which the command line leaves out
				throw new IllegalArgumentException("that model was continued from " + (start + 1 < words.length ? words[start + 1] : "another") +
					", so its command line is not a whole recipe: use that model's recipe, or start from this model");
			for (int i = 0; i < words.length; i++) {
				String flag = words[i].startsWith("--") ? words[i].substring(2) : "";
				if (RECIPE_SWITCHES.containsKey(flag)) b.recipeFlag(flag);
				else if (RECIPE_SETTINGS.containsKey(flag) && i + 1 < words.length) b.recipeOption(flag, words[++i]);
			}
			return b.build();
		}

		/**
		 * These settings starting from the network of {@code model} (a shipped name or a file; null =
		 * random weights, settings unchanged), at {@link #START_FROM_LEARNING_RATE}.
		 */
		public Options withStartFrom(String model) {
			return toBuilder().learningRate(model == null ? learningRate : START_FROM_LEARNING_RATE).startFrom(model).build();
		}

		/**
		 * These settings with what continuing to train {@code start} fixes taken from it: crop size,
		 * cell fraction, single-cell rule, field scale, normalisation and network shape, and its positive classes
		 * unless some are given.
		 */
		Options startingFrom(ModelFile.Model start) {
			ModelCard c = start.card();
			NetworkFactory.Shape shape = NetworkFactory.shapeOf(start.network());
			return toBuilder().positives(positives.isEmpty() ? c.positiveClasses() : positives).cropSize(c.cropSize())
				.cellFraction(c.cellFraction()).singleCellRule(c.singleCellRule()).fieldScale(c.fieldScaleRule()).channels(shape.channels()).dense(shape.dense())
				.normalisation(c.cropNormalisation().optionName).build();
		}

		/** The extra folders with their kinds, single cells first (empty without). */
		List<Map.Entry<Path, TrainingData.Kind>> extras() {
			List<Map.Entry<Path, TrainingData.Kind>> extras = new ArrayList<>();
			if (extraCells != null) extras.add(Map.entry(extraCells, TrainingData.Kind.SINGLE_CELL));
			if (extraFields != null) extras.add(Map.entry(extraFields, TrainingData.Kind.FIELDS));
			return extras;
		}

		/** The effective settings as a command line, written into the model card so the model can be reproduced. */
		public String commandLine() {
			// with a start model, crop rule, normalisation and shape are its own: the command line leaves them out
			String crop = startFrom != null ? " --start-from " + startFrom : String.format(Locale.ROOT,
				" --crop-size %d --cell-fraction %s --single-cell-rule %s%s", cropSize, cellFraction, singleCellRule,
				FieldCropScale.SEGMENTATION.equals(fieldScale) ? "" : " --field-scale " + fieldScale);
			String shape = startFrom != null ? "" : String.format(Locale.ROOT, " --channels %s --dense %d --normalisation %s",
				Arrays.toString(channels).replaceAll("[\\[\\] ]", ""), dense, normalisation);
			return String.format(Locale.ROOT, "leukocnn train --data %s --kind %s --name %s --out %s%s%s " +
				"--cell-diameter %s --epochs %d --patience %d --max-minutes %s --seed %d " +
				"--batch %d --learning-rate %s --lr-decay %s%s --cells-per-image %d " +
				"--colour-jitter %s%s%s%s%s%s%s%s%s%s%s%s", data, kind, name, modelFile,
				positives.isEmpty() ? "" : " --positive " + String.join(",", positives), crop,
				cellDiameter, epochs, patience, maxMinutes, seed, batchSize, learningRate, lrDecay, shape, cellsPerImage, colourJitter,
				classWeights ? "" : " --no-class-weights", augmentation ? "" : " --no-augmentation",
				weightAveraging > 0 ? " --weight-averaging " + weightAveraging : "", blur > 0 ? " --blur " + blur : "",
				cutout > 0 ? " --cutout " + cutout : "", colourTransfer > 0 ? " --colour-transfer " + colourTransfer : "",
				labelSmoothing > 0 ? " --label-smoothing " + labelSmoothing : "", mixup > 0 ? " --mixup " + mixup : "",
				extraCells == null ? "" : " --extra-cells " + extraCells, extraFields == null ? "" : " --extra-fields " + extraFields,
				extraClass == null ? "" : " --extra-class " + extraClass);
		}

		TrainingConfig config() {
			Augmenter augmenter = !augmentation ? Augmenter.NONE : augmenter(colourJitter);
			if (blur > 0 && augmentation) augmenter = augmenter.withBlur(blur);
			if (cutout > 0 && augmentation) augmenter = augmenter.withCutout(cutout);
			if (colourTransfer > 0 && augmentation) augmenter = augmenter.withColourTransfer(colourTransfer);
			return new TrainingConfig(channels, dense, learningRate, lrDecay, batchSize, epochs, patience, maxMinutes, seed,
				Splits.VALIDATION_FRACTION, Splits.TEST_FRACTION, augmenter, classWeights, checkpoints, resume, threads, cvFolds,
				cellsPerImage, weightAveraging, labelSmoothing, mixup);
		}

		/** The card before training: everything but classes, calibration and metrics. */
		ModelCard template(List<String> classes) {
			CropNormalisation norm = CropNormalisation.ofOption(normalisation); // known: the record checks it
			return new ModelCard(name, ModelFile.FORMAT_VERSION, version(), "LeukoCNN cell classifier '" + name + "'", classes,
				positives, cropSize, cellFraction, singleCellRule, norm.cardValue, 1, FieldAggregation.MEAN_LOG.name(), null, trainingData,
				citation, commandLine(), Map.of(), seed, LocalDate.now(ZoneOffset.UTC).toString(), null, null).withFieldScale(fieldScale);
		}
	}

	/**
	 * @param card the card of the written model file (null after cross-validation, which writes none)
	 * @param failures images that could not be used ("file: reason")
	 */
	public record Outcome(ModelCard card, List<String> failures) {}

	/**
	 * Trains and writes {@code options.modelFile()} (with cross-validation: only prints the folds).
	 *
	 * @throws CancelledException when {@code progress} asks to stop; no model file is written then
	 * @throws FileAlreadyExistsException if the model file exists and overwrite is off (checked before any work)
	 */
	public static Outcome run(Options options, PrintStream out, ProgressListener progress) throws IOException {
		if (Files.exists(options.modelFile()) && !options.overwrite() && options.cvFolds() == 0)
			throw new FileAlreadyExistsException(options.modelFile() + " exists; use overwrite to replace it");
		for (Map.Entry<Path, TrainingData.Kind> e : options.extras()) // before the (long) loading of the data
			if (!Files.isDirectory(e.getKey())) throw new IOException("extra " + what(e.getValue()) + " folder " + e.getKey() +
				" does not exist or is not a folder");
		ModelFile.Model start = null;
		if (options.startFrom() != null) {
			start = startModel(options.startFrom());
			options = options.startingFrom(start);
			out.printf(Locale.ROOT, "starting from the network of %s (classes %s, crop %d px); it adapts to the images given here and may " +
				"forget others (scanners, classes) not among them%n", options.startFrom(), start.card().classes(), start.card().cropSize());
		}
		TrainingData.Kind kind = kind(options.kind());
		TrainingConfig config = options.config();
		ModelCard template = options.template(null);
		long t0 = System.nanoTime();
		TrainingData set = load(options.data(), kind, template, options.cellDiameter(), options.threads(), progress);
		out.printf(Locale.ROOT, "loaded %d images (%d cells) of classes %s in %.0f s; %d failed%n", set.items().size(), set.sampleCount(),
			set.classes(), (System.nanoTime() - t0) / 1e9, set.failures().size());
		for (String f : set.failures()) out.println("  failed: " + f);
		if (start != null) set = set.relabelled(start.card().classes(), "classes of the start model " + options.startFrom());
		TrainingData extra = extraTraining(options, template, set.classes(), out, progress);
		template = template.withClasses(set.classes());
		List<String> failures = new ArrayList<>(set.failures());
		failures.addAll(extra.failures());
		Trainer trainer = new Trainer(config, out, progress);
		int folds = options.cvFolds();
		if (folds > 0) {
			double sum = 0;
			for (int f = 0; f < folds; f++) {
				out.printf(Locale.ROOT, "=== fold %d/%d ===%n", f + 1, folds);
				Trainer.Result r = trainer.train(set, Splits.fold(set, folds, f, config.testFraction()).withExtraTraining(extra.items()),
					template, startParams(start));
				out.printf(Locale.ROOT, "fold %d test image accuracy %.4f%n", f + 1, r.test().itemAccuracy());
				sum += r.test().itemAccuracy();
			}
			out.printf(Locale.ROOT, "cross-validation mean test image accuracy %.4f over %d folds%n", sum / folds, folds);
			return new Outcome(null, failures);
		}
		if (options.reportDir() != null)
			trainer = new Trainer(config, out, progress, EvaluationReport.historyFile(options.reportDir(), options.name()));
		Trainer.Result r = trainer.train(set, Splits.holdOut(set, config.validationFraction(), config.testFraction())
			.withExtraTraining(extra.items()), template, startParams(start));
		progress.checkCancelled(); // the last chance to stop before the file is written
		Path file = options.modelFile();
		ModelCard saved = ModelFile.save(r.network(), r.card(), file, options.overwrite());
		out.printf(Locale.ROOT, "wrote %s (%d bytes), weights SHA-256 %s%n", file, Files.size(file), saved.weightsSha256());
		if (options.reportDir() != null) {
			EvaluationReport.write(options.reportDir(), saved, r.validation(), r.test(), failures, options.commandLine());
			out.println("wrote evaluation report to " + options.reportDir());
		}
		return new Outcome(saved, failures);
	}

	/**
	 * The extra training images of {@code options} (empty without): the training blocks (same
	 * contiguous file-number rule as the main data) of every class of the single-cell folder and of
	 * the field folder (whose cells the segmenter finds, each inheriting its field's class), as the
	 * extra class if one is given, else each under its own folder's class, which must be one of
	 * {@code classes}. Their validation and test blocks are left out, so the rest of the same images
	 * can still serve as an independent check of the trained model.
	 */
	static TrainingData extraTraining(Options options, ModelCard template, List<String> classes, PrintStream out,
		ProgressListener progress) throws IOException
	{
		String as = options.extraClass();
		if (as != null && !classes.contains(as)) throw new IllegalArgumentException("the extra class '" + as +
			"' is not one of the classes " + classes + " of " + options.data());
		List<TrainingItem> items = new ArrayList<>();
		List<String> failures = new ArrayList<>();
		for (Map.Entry<Path, TrainingData.Kind> e : options.extras()) {
			Path folder = e.getKey();
			long t0 = System.nanoTime();
			// another scanner's images: the leukocyte diameter is estimated per image, never the main data's --cell-diameter
			TrainingData source = TrainingData.load(folder, e.getValue(), template,
				e.getValue() == TrainingData.Kind.FIELDS ? Segmenters.standard() : null, 0, options.threads(), progress, 1);
			if (as == null) for (String c : source.classes())
				if (!classes.contains(c)) throw new IllegalArgumentException("class folder '" + c + "' of the extra " +
					what(e.getValue()) + " " + folder + " is not one of the classes " + classes + " of " + options.data() +
					" (or give --extra-class to train them all as one class)");
			int before = items.size();
			for (TrainingItem i : Splits.holdOut(source, Splits.VALIDATION_FRACTION, Splits.TEST_FRACTION).train())
				items.add(new TrainingItem(i.file(), classes.indexOf(as != null ? as : source.classes().get(i.label())), i.order(),
					i.cells()));
			out.printf(Locale.ROOT, "extra %s: %d images of %s (training blocks of %s) trained as %s, loaded in %.0f s; %d failed%n",
				what(e.getValue()), items.size() - before, folder, source.classes(), as != null ? "'" + as + "'" : "their own classes",
				(System.nanoTime() - t0) / 1e9, source.failures().size());
			for (String f : source.failures()) out.println("  failed: " + f);
			failures.addAll(source.failures());
		}
		return new TrainingData(classes, items, failures);
	}

	private static String what(TrainingData.Kind kind) {
		return kind == TrainingData.Kind.FIELDS ? "fields" : "cells";
	}

	/**
	 * Re-scores the model file {@code options.modelFile()} on the blocks of {@code options.data()}
	 * without training: batch-normalisation statistics recomputed from the training block (with the
	 * extra cells and fields of {@code options}: give those it was trained with), temperature, field
	 * rule and call threshold refitted on the validation block, the test block scored; rewrites the
	 * model file's card (training time kept) and, with a report folder, the report.
	 */
	public static Outcome evaluateOnly(Options options, PrintStream out, ProgressListener progress) throws IOException {
		ModelFile.Model model = ModelFile.load(options.modelFile());
		ModelCard card = model.card();
		ModelCard loading = card.withClasses(null); // the folders may hold some of the model's classes (e.g. after --start-from)
		TrainingData set = load(options.data(), kind(options.kind()), loading, options.cellDiameter(), options.threads(), progress)
			.relabelled(card.classes(), "classes of the model " + options.modelFile());
		TrainingData extra = extraTraining(options, loading, card.classes(), out, progress);
		List<String> failures = new ArrayList<>(set.failures());
		failures.addAll(extra.failures());
		Splits splits = Splits.holdOut(set, Splits.VALIDATION_FRACTION, Splits.TEST_FRACTION).withExtraTraining(extra.items());
		// population statistics of batch normalisation from the training block (models trained before
		// the in-place recalibration fix carry running averages that lag the weights)
		var bnSample = Trainer.recalibrationSample(splits.train(), card, card.seed());
		for (var network : model.networks()) io.github.leukocnn.cnn.BatchNormRecalibration.recalibrate(network, bnSample);
		Trainer.Calibrated done = Trainer.calibrateAndScore(model.networks(), card, splits, out);
		Map<String, Object> training = new java.util.LinkedHashMap<>();
		for (String keep : List.of("training_minutes", "epochs", "best_epoch"))
			if (card.metrics() != null && card.metrics().containsKey(keep)) training.put(keep, card.metrics().get(keep));
		progress.checkCancelled(); // the last chance to stop before the file is rewritten
		ModelCard saved = ModelFile.save(model.networks(), done.cardWith(training), options.modelFile(), true);
		out.println("TEST block: " + saved.metrics());
		if (options.reportDir() != null)
			EvaluationReport.write(options.reportDir(), saved, done.validation(), done.test(), failures, card.trainingCommand());
		return new Outcome(saved, failures);
	}

	/**
	 * The model training starts from: one network, so of an ensemble the member its reference names
	 * ("all-screening#2"; which one otherwise would be arbitrary), with the ensemble's card (the members
	 * crop, normalise and classify alike).
	 */
	static ModelFile.Model startModel(String nameOrFile) throws IOException {
		ModelReference ref = ModelReference.parse(nameOrFile);
		ModelFile.Model m = ModelFile.load(ref.model());
		ref.checkMember(m.networks().size());
		return ref.member() == 0 ? m : new ModelFile.Model(m.networks().get(ref.member() - 1), m.card());
	}

	/**
	 * A model as {@code --start-from} and {@code --recipe} name it: a shipped name or a file, and for an
	 * ensemble "#N", its N-th member (1-based; 0 = none given), e.g. "all-screening#2": the members of
	 * an ensemble were trained, and are continued, one by one.
	 */
	record ModelReference(String model, int member) {

		private static final Pattern MEMBER = Pattern.compile("(.+)#(\\d{1,3})");

		static ModelReference parse(String text) {
			String t = text.trim();
			Matcher m = MEMBER.matcher(t);
			// a file whose own name ends in #N is that file
			if (m.matches() && !Files.isRegularFile(Path.of(t))) {
				int member = Integer.parseInt(m.group(2));
				if (member == 0) throw new IllegalArgumentException("ensemble members are numbered from 1: " + m.group(1) + "#1, not #0");
				return new ModelReference(m.group(1), member);
			}
			return new ModelReference(t, 0);
		}

		/** Refuses a member number that the model's {@code networks} do not have, or a missing one for an ensemble. */
		void checkMember(int networks) {
			if (member == 0 && networks > 1) throw new IllegalArgumentException("the model " + model + " is an ensemble of " + networks +
				" networks, trained one by one: name one of them as " + model + "#1" + (networks > 2 ? " ... " : " or ") + model + "#" + networks);
			if (member > 0 && networks == 1) throw new IllegalArgumentException("the model " + model + " is one network, not an ensemble: name it without #" + member);
			if (member > networks) throw new IllegalArgumentException("the ensemble " + model + " has " + networks + " members, not " + member);
		}

		/** This member's line of an ensemble's training command ("member N: leukocnn train ..."). */
		String memberCommand(String ensembleCommand) {
			String prefix = "member " + member + ": ";
			for (String line : ensembleCommand == null ? new String[0] : ensembleCommand.split("\n"))
				if (line.startsWith(prefix)) return line.substring(prefix.length());
			return null;
		}
	}

	private static org.nd4j.linalg.api.ndarray.INDArray startParams(ModelFile.Model start) {
		return start == null ? null : start.network().params();
	}

	/** Class names from a comma-separated list ("early, pre,pro"); empty for a blank one. */
	public static List<String> classList(String commaSeparated) {
		return commaSeparated.isBlank() ? List.of() : Arrays.stream(commaSeparated.split(",")).map(String::trim).toList();
	}

	/** A {@link #KINDS} name as the loader's kind: null for roi-sets. */
	public static TrainingData.Kind kind(String name) {
		return switch (name) {
			case "single-cell" -> TrainingData.Kind.SINGLE_CELL;
			case "fields" -> TrainingData.Kind.FIELDS;
			case "roi-sets" -> null;
			default -> throw new IllegalArgumentException("kind must be single-cell, fields or roi-sets, got '" + name + "'");
		};
	}

	/** Loads a training set of the given kind (null = ROI sets); fields are segmented with {@link Segmenters#standard()}. */
	public static TrainingData load(Path data, TrainingData.Kind kind, ModelCard template, double cellDiameter, int threads,
		ProgressListener progress) throws IOException
	{
		if (kind == null) return RoiSetSource.load(data, template);
		return TrainingData.load(data, kind, template, kind == TrainingData.Kind.FIELDS ? Segmenters.standard() : null,
			cellDiameter, threads, progress);
	}

	/** The LeukoCNN version written into model cards (the jar's, or the development version). */
	public static String version() {
		String v = TrainingJob.class.getPackage().getImplementationVersion();
		return v != null ? v : "0.1.0-SNAPSHOT";
	}
}

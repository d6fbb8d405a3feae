package io.github.leukocnn.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import java.util.function.Supplier;

import io.github.leukocnn.classify.CellClassifier;
import io.github.leukocnn.io.AtomicFiles;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.report.EvaluationWriter;
import io.github.leukocnn.report.HeldOutSplit;
import io.github.leukocnn.report.LabelledImages;
import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.report.Predictions;
import io.github.leukocnn.report.TrainingHistory;
import io.github.leukocnn.stats.BinaryCounts;
import io.github.leukocnn.stats.Evaluation;
import io.github.leukocnn.stats.Interval;

/** {@code leukocnn evaluate}: accuracy, sensitivity/specificity, ROC/AUC and calibration of labelled predictions. */
public final class EvaluateSubcommand implements Subcommand {

	public static final String PREDICTIONS_CSV = "predictions.csv", VALIDATION_CSV = "validation-predictions.csv",
		FAILURES_CSV = "failures.csv", WITHOUT_CELLS_CSV = "without-cells.csv";

	private final Supplier<LeukocyteSegmenter> segmenters;
	private final ClassifySubcommand.ClassifierLoader classifiers;
	private final HeldOutSplit split;

	public EvaluateSubcommand() {
		this(DefaultModels::segmenter, DefaultModels::classifier, DefaultModels::heldOutSplit);
	}

	/** With other segmenters, models and split rule (tests). */
	public EvaluateSubcommand(Supplier<LeukocyteSegmenter> segmenters, ClassifySubcommand.ClassifierLoader classifiers,
		HeldOutSplit split)
	{
		this.segmenters = segmenters;
		this.classifiers = classifiers;
		this.split = split;
	}

	@Override
	public String name() {
		return "evaluate";
	}

	@Override
	public String summary() {
		return "metrics, ROC/AUC and calibration of a classifier on labelled data";
	}

	@Override
	public Set<String> flags() {
		return Set.of("overwrite", "single-cell");
	}

	@Override
	public String usage() {
		return String.join("\n",
			"usage: leukocnn evaluate --model NAME|FILE --data DIR --output DIR [--split test|all] [--single-cell]",
			"                         [--cell-diameter PX] [--threads N] [--positive CLASSES] [--training CSV] [--overwrite]",
			"       leukocnn evaluate --predictions CSV --output DIR [--positive CLASSES] [--validation CSV]",
			"                         [--call-threshold T] [--training CSV] [--overwrite]",
			"",
			"  --model NAME|FILE  a shipped model (" + ClassifySubcommand.DEFAULT_FIELD_MODEL + ", " + ClassifySubcommand.DEFAULT_SINGLE_CELL_MODEL + ") or a model file",
			"  --data DIR         labelled images, one sub-folder per class (DIR/<class>/<image>); folder names must be",
			"                     classes of the model",
			"  --split test|all   test (default): only the held-out test block of the model's training split (contiguous",
			"                     file-number blocks per class), its validation block fits the temperature; all: every image",
			"  --single-cell      each image is one centred cell (e.g. PBC); otherwise fields are segmented as by classify",
			"  --cell-diameter PX expected leukocyte diameter in pixels (default 0: estimated per image)",
			"  --threads N        images processed at once (default: all cores)",
			"  --predictions CSV  instead of a model: labelled predictions with columns image,true_class,p_<class>...",
			"  --validation CSV   with --predictions: validation predictions (same columns) to fit the temperature",
			"  --output DIR       folder for the results (created if needed)",
			"  --positive CLASSES comma-separated classes whose call means leukaemia (e.g. early,pre,pro); default: the",
			"                     model's positive classes; with --predictions none (multi-class metrics only)",
			"  --call-threshold T with --predictions: leukaemia call when P(positive classes) >= T (default: argmax)",
			"  --training CSV     training log with columns " + TrainingHistory.HEADER + ": adds " + EvaluationWriter.TRAINING_PNG,
			"  --overwrite        replace the files of an earlier evaluation",
			"",
			"Writes metrics.json, metrics.csv (metric,value,ci_low,ci_high), confusion.csv, calibration.png, with positive",
			"classes roc.csv and roc.png; with --model also " + PREDICTIONS_CSV + " (re-usable with --predictions), " + VALIDATION_CSV,
			"(--split test), " + FAILURES_CSV + " and " + WITHOUT_CELLS_CSV + " (images in which no leukocyte was found, scored by the",
			"model's prior). Intervals: Wilson 95% for proportions, stratified percentile bootstrap",
			"(2000 resamples, fixed seed) for the AUC. The predicted class is decided as classify decides it: with the",
			"model's call threshold (fitted on its validation block) the leukaemia call is P(positive classes) >= threshold",
			"and the class the most probable one on that side; without one, the argmax. The ROC score is P(positive classes).",
			"Exit code: 0 done, 1 bad input, failed images or output in the way, 2 usage error.");
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		String predictionsCsv = args.string("predictions", null);
		String data = args.string("data", null);
		if ((predictionsCsv == null) == (data == null))
			throw new Arguments.UsageException("give either --predictions CSV or --model/--data (exactly one of --predictions and --data)");
		return predictionsCsv != null ? runOnPredictions(Path.of(predictionsCsv), args, out, err) : runOnModel(Path.of(data), args, out, err);
	}

	private int runOnPredictions(Path predictionsCsv, Arguments args, PrintStream out, PrintStream err) throws Exception {
		Path output = args.path("output");
		String positiveList = args.string("positive", null);
		String validationCsv = args.string("validation", null);
		String trainingCsv = args.string("training", null);
		double callThreshold = args.number("call-threshold", Double.NaN);
		if (!Double.isNaN(callThreshold) && !io.github.leukocnn.stats.CallThreshold.isValid(callThreshold))
			throw new Arguments.UsageException("--call-threshold must be in (0, 1], got " + callThreshold);
		boolean overwrite = args.flag("overwrite");
		args.rejectUnknown();
		try {
			Predictions p = Predictions.read(predictionsCsv);
			List<String> positive = parseClasses(positiveList, p.classes());
			Predictions v = null;
			if (validationCsv != null) {
				v = Predictions.read(Path.of(validationCsv));
				if (!v.classes().equals(p.classes()))
					throw new IOException(validationCsv + ": classes " + v.classes() + " differ from those of " + predictionsCsv + " " + p.classes());
			}
			TrainingHistory training = trainingCsv == null ? null : TrainingHistory.read(Path.of(trainingCsv));
			if (!Double.isNaN(callThreshold) && positive.isEmpty())
				throw new Arguments.UsageException("--call-threshold needs --positive CLASSES");
			Evaluation e = evaluate(p, v, positive, callThreshold);
			EvaluationWriter.write(e, predictionsCsv.toString(), training, output, overwrite);
			printSummary(e, out);
			out.println("results in " + output);
			return 0;
		}
		catch (IOException | IllegalArgumentException e) {
			err.println("leukocnn evaluate: " + e.getMessage());
			return 1;
		}
	}

	private int runOnModel(Path data, Arguments args, PrintStream out, PrintStream err) throws Exception {
		Path output = args.path("output");
		boolean singleCell = args.flag("single-cell");
		String model = args.string("model", singleCell ? ClassifySubcommand.DEFAULT_SINGLE_CELL_MODEL : ClassifySubcommand.DEFAULT_FIELD_MODEL);
		String splitName = args.string("split", "test");
		double diameter = args.cellDiameter();
		int threads = args.threads();
		String positiveList = args.string("positive", null);
		String trainingCsv = args.string("training", null);
		boolean overwrite = args.flag("overwrite");
		args.rejectUnknown();
		if (!splitName.equals("test") && !splitName.equals("all"))
			throw new Arguments.UsageException("--split takes test or all, got '" + splitName + "'");
		try {
			CellClassifier classifier = classifiers.load(model);
			List<String> positive = positiveList == null ? inClassOrder(classifier.positiveClasses(), classifier.classes())
				: parseClasses(positiveList, classifier.classes());
			TrainingHistory training = trainingCsv == null ? null : TrainingHistory.read(Path.of(trainingCsv));
			List<LabelledImages.Image> images = LabelledImages.list(data, classifier.classes());
			List<LabelledImages.Image> evaluated = images, validation = List.of();
			if (splitName.equals("test")) {
				HeldOutSplit.Blocks blocks = split.split(images, classifier);
				evaluated = blocks.test();
				validation = blocks.validation();
			}
			// Refuse before the long part if an earlier evaluation is in the way.
			AtomicFiles.checkCanWrite(List.of(output.resolve(EvaluationWriter.METRICS_JSON), output.resolve(PREDICTIONS_CSV)), overwrite);
			out.printf(Locale.ROOT, "model %s, %d image(s) in %s, evaluating %s: %d image(s)%s%n", model, images.size(), data, splitName,
				evaluated.size(), validation.isEmpty() ? "" : " (+" + validation.size() + " validation for the temperature)");
			ProgressListener progress = new ConsoleProgress(out);
			LabelledImages.Result test = LabelledImages.predict(evaluated, classifier, segmenters, singleCell, diameter, threads,
				progress.subRange(0, validation.isEmpty() ? 1 : 0.8), err);
			LabelledImages.Result val = validation.isEmpty() ? null : LabelledImages.predict(validation, classifier, segmenters,
				singleCell, diameter, threads, progress.subRange(0.8, 1), err);
			if (test.predictions().size() == 0) throw new IOException("no image of " + data + " could be classified");
			Evaluation e = evaluate(test.predictions(), val == null ? null : val.predictions(), positive, classifier.callThreshold());
			List<EvaluationWriter.Table> tables = new ArrayList<>();
			tables.add(new EvaluationWriter.Table(PREDICTIONS_CSV, Predictions.header(classifier.classes()), test.predictions().rows()));
			if (val != null)
				tables.add(new EvaluationWriter.Table(VALIDATION_CSV, Predictions.header(classifier.classes()), val.predictions().rows()));
			List<Object[]> failureRows = new ArrayList<>();
			for (LabelledImages.Result r : val == null ? List.of(test) : List.of(test, val))
				for (LabelledImages.Failure f : r.failures())
					failureRows.add(new Object[] { f.file(), f.message() });
			tables.add(new EvaluationWriter.Table(FAILURES_CSV, List.of("file", "error"), failureRows));
			List<Object[]> withoutCellsRows = new ArrayList<>();
			for (String image : test.withoutCells()) withoutCellsRows.add(new Object[] { image });
			tables.add(new EvaluationWriter.Table(WITHOUT_CELLS_CSV, List.of("image"), withoutCellsRows));
			EvaluationWriter.write(e, "model " + model + " on " + data + " (split " + splitName + ")", training, tables, output, overwrite);
			printSummary(e, out);
			if (!withoutCellsRows.isEmpty())
				out.println(withoutCellsRows.size() + " evaluated image(s) without a leukocyte found, scored by the model's prior (classify" +
					" gives them no call): listed in " + output.resolve(WITHOUT_CELLS_CSV));
			if (!failureRows.isEmpty()) out.println(failureRows.size() + " image(s) could not be classified: listed in " + output.resolve(FAILURES_CSV));
			out.println("results in " + output);
			return failureRows.isEmpty() ? 0 : 1;
		}
		catch (IOException | IllegalArgumentException e) {
			err.println("leukocnn evaluate: " + e.getMessage());
			return 1;
		}
	}

	private static Evaluation evaluate(Predictions p, Predictions validation, List<String> positive, double callThreshold) {
		return Evaluation.of(p.classes(), positive, p.truth(), p.probabilities(), validation == null ? null : validation.truth(),
			validation == null ? null : validation.probabilities(), callThreshold);
	}

	private static List<String> inClassOrder(Set<String> names, List<String> classes) {
		List<String> list = new ArrayList<>();
		for (String c : classes)
			if (names.contains(c)) list.add(c);
		return list;
	}

	/** Class names from a comma-separated list, each checked against {@code classes}. */
	static List<String> parseClasses(String list, List<String> classes) {
		List<String> names = new ArrayList<>();
		if (list == null || list.isBlank()) return names;
		for (String s : list.split(",")) {
			String name = s.trim();
			if (name.isEmpty()) continue;
			if (!classes.contains(name))
				throw new Arguments.UsageException("--positive: '" + name + "' is not one of the classes " + classes);
			if (!names.contains(name)) names.add(name);
		}
		if (names.size() == classes.size())
			throw new Arguments.UsageException("--positive names every class; a positive call needs at least one negative class");
		return names;
	}

	static void printSummary(Evaluation e, PrintStream out) {
		out.printf(Locale.ROOT, "cases %d, classes %s%n", e.count(), e.classes());
		out.printf(Locale.ROOT, "accuracy %s, balanced accuracy %.4f, macro-F1 %.4f%n",
			format(e.confusion().accuracyInterval()), e.confusion().balancedAccuracy(), e.confusion().macroF1());
		if (e.roc() != null) {
			BinaryCounts b = e.binary();
			out.printf(Locale.ROOT, "positive = %s: sensitivity %s (%d/%d), specificity %s (%d/%d)%n", e.positiveClasses(),
				format(b.sensitivity()), b.truePositives(), b.positives(), format(b.specificity()), b.trueNegatives(), b.negatives());
			if (Double.isNaN(e.auc().estimate()))
				out.printf(Locale.ROOT, "ROC AUC undefined: %d positive and %d negative case(s)%n", b.positives(), b.negatives());
			else out.printf(Locale.ROOT, "ROC AUC %s%n", format(e.auc()));
		}
		out.printf(Locale.ROOT, "ECE %.4f, NLL %.4f", e.calibration().ece(), e.negativeLogLikelihood());
		if (e.hasTemperature())
			out.printf(Locale.ROOT, "; temperature %.3f (fitted on validation): ECE %.4f, NLL %.4f", e.temperature(),
				e.calibrationScaled().ece(), e.negativeLogLikelihoodScaled());
		out.println();
	}

	static String format(Interval i) {
		return String.format(Locale.ROOT, "%.4f [95%% CI %.4f-%.4f]", i.estimate(), i.low(), i.high());
	}
}

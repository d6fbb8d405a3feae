package io.github.leukocnn.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.leukocnn.report.EvaluationWriter;
import io.github.leukocnn.report.Predictions;
import io.github.leukocnn.report.TrainingHistory;
import io.github.leukocnn.stats.BinaryCounts;
import io.github.leukocnn.stats.Evaluation;
import io.github.leukocnn.stats.Interval;

/** {@code leukocnn evaluate}: accuracy, sensitivity/specificity, ROC/AUC and calibration of labelled predictions. */
public final class EvaluateSubcommand implements Subcommand {

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
		return Set.of("overwrite");
	}

	@Override
	public String usage() {
		return String.join("\n",
			"usage: leukocnn evaluate --predictions CSV --output DIR [--positive CLASSES] [--validation CSV]",
			"                         [--training CSV] [--overwrite]",
			"",
			"  --predictions CSV  labelled predictions: columns image,true_class,p_<class>... (one p_ column per class)",
			"  --output DIR       folder for the results (created if needed)",
			"  --positive CLASSES comma-separated classes whose call means leukaemia (e.g. early,pre,pro);",
			"                     without it only the multi-class metrics are computed",
			"  --validation CSV   predictions on a validation set (same columns): fits the temperature used to",
			"                     report calibration after temperature scaling",
			"  --training CSV     training log with columns " + TrainingHistory.HEADER + ": adds " + EvaluationWriter.TRAINING_PNG,
			"  --overwrite        replace the files of an earlier evaluation",
			"",
			"Writes metrics.json, metrics.csv (metric,value,ci_low,ci_high), confusion.csv, calibration.png and, with",
			"--positive, roc.csv and roc.png. Intervals: Wilson 95% for proportions, stratified percentile bootstrap",
			"(2000 resamples, fixed seed) for the AUC. The predicted class is the argmax; the leukaemia call is positive",
			"when it is a positive class; the ROC score is the summed probability of the positive classes.",
			"Exit code: 0 done, 1 bad input or output in the way, 2 usage error.");
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		Path predictionsCsv = args.path("predictions");
		Path output = args.path("output");
		String positiveList = args.string("positive", null);
		String validationCsv = args.string("validation", null);
		String trainingCsv = args.string("training", null);
		boolean overwrite = args.flag("overwrite");
		args.rejectUnknown();
		try {
			Predictions p = Predictions.read(predictionsCsv);
			List<String> positive = parseClasses(positiveList, p.classes());
			int[] vTruth = null;
			double[][] vProb = null;
			if (validationCsv != null) {
				Predictions v = Predictions.read(Path.of(validationCsv));
				if (!v.classes().equals(p.classes()))
					throw new IOException(validationCsv + ": classes " + v.classes() + " differ from those of " + predictionsCsv + " " + p.classes());
				vTruth = v.truth();
				vProb = v.probabilities();
			}
			TrainingHistory training = trainingCsv == null ? null : TrainingHistory.read(Path.of(trainingCsv));
			Evaluation e = Evaluation.of(p.classes(), positive, p.truth(), p.probabilities(), vTruth, vProb);
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
			out.printf(Locale.ROOT, "ROC AUC %s%n", format(e.auc()));
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

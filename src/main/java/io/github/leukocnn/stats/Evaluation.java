package io.github.leukocnn.stats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Everything LeukoCNN reports about a classifier on a labelled set: the multi-class confusion
 * matrix, the binary (leukaemia) call with sensitivity/specificity, the ROC of the positive score,
 * and calibration before and after temperature scaling.
 *
 * <p>Definitions. The predicted class is {@link Probabilities#decide}: the argmax of the
 * probabilities, or, with a call threshold, the most probable class on the side of the leukaemia
 * call P(positive) &ge; threshold; the binary call is positive when that class is a positive class
 * (the same rule as the field call of a report). The
 * ROC score is the summed probability of the positive classes, P(positive). The temperature is
 * fitted on the validation set when one is given, and applied to the evaluated set; without a
 * validation set it is not fitted (NaN) — fitting on the test set itself would flatter the result.
 * {@code positiveCalibration} is the reliability of P(positive) against the binary truth (null
 * without a binary task): it says whether "0.8 leukaemia" means 80%.
 */
public record Evaluation(
	List<String> classes,
	List<String> positiveClasses,
	ConfusionMatrix confusion,
	BinaryCounts binary,
	RocCurve roc,
	Interval auc,
	Calibration positiveCalibration,
	Calibration calibration,
	double negativeLogLikelihood,
	double temperature,
	Calibration calibrationScaled,
	double negativeLogLikelihoodScaled,
	double callThreshold)
{
	/** Evaluation with argmax decisions (no call threshold). */
	public static Evaluation of(List<String> classes, Collection<String> positiveClasses, int[] truth,
		double[][] probabilities, int[] validationTruth, double[][] validationProbabilities)
	{
		return of(classes, positiveClasses, truth, probabilities, validationTruth, validationProbabilities, Double.NaN);
	}

	/**
	 * @param truth true class index of each case
	 * @param probabilities [case][class], rows summing to 1
	 * @param validationTruth may be null (no temperature fit)
	 * @param validationProbabilities may be null
	 * @param callThreshold the classifier's operating point on P(positive), NaN = argmax
	 */
	public static Evaluation of(List<String> classes, Collection<String> positiveClasses, int[] truth,
		double[][] probabilities, int[] validationTruth, double[][] validationProbabilities, double callThreshold)
	{
		check(classes, truth, probabilities, "evaluated");
		boolean[] positiveMask = ConfusionMatrix.positiveMask(classes, positiveClasses);
		List<String> positives = new ArrayList<>();
		for (int c = 0; c < classes.size(); c++)
			if (positiveMask[c]) positives.add(classes.get(c));
		int n = truth.length;
		int[] predicted = new int[n];
		double[] score = new double[n];
		boolean[] positiveTruth = new boolean[n];
		for (int i = 0; i < n; i++) {
			predicted[i] = Probabilities.decide(probabilities[i], positiveMask, callThreshold);
			score[i] = Probabilities.positiveMass(probabilities[i], positiveMask);
			positiveTruth[i] = positiveMask[truth[i]];
		}
		ConfusionMatrix confusion = ConfusionMatrix.of(classes, truth, predicted);
		BinaryCounts binary = confusion.binary(positives);
		boolean binaryTask = !positives.isEmpty() && positives.size() < classes.size();
		RocCurve roc = binaryTask ? RocCurve.of(score, positiveTruth) : null;
		Interval auc = binaryTask ? BootstrapAuc.interval95(score, positiveTruth)
			: new Interval(Double.NaN, Double.NaN, Double.NaN);
		Calibration positiveCalibration = binaryTask ? Calibration.of(clamp(score), positiveTruth, Calibration.DEFAULT_BINS) : null;
		Calibration calibration = Calibration.topLabel(probabilities, truth, Calibration.DEFAULT_BINS);
		double[][] logits = TemperatureScaling.logits(probabilities);
		double nll = TemperatureScaling.negativeLogLikelihood(logits, truth, 1);
		double temperature = Double.NaN, nllScaled = Double.NaN;
		Calibration scaled = null;
		if (validationTruth != null && validationTruth.length > 0) {
			check(classes, validationTruth, validationProbabilities, "validation");
			temperature = TemperatureScaling.fit(TemperatureScaling.logits(validationProbabilities), validationTruth);
			scaled = Calibration.topLabel(TemperatureScaling.apply(logits, temperature), truth, Calibration.DEFAULT_BINS);
			nllScaled = TemperatureScaling.negativeLogLikelihood(logits, truth, temperature);
		}
		return new Evaluation(List.copyOf(classes), List.copyOf(positives), confusion, binary, roc, auc, positiveCalibration,
			calibration, nll, temperature, scaled, nllScaled, callThreshold);
	}

	/** Sums of probabilities may exceed 1 by rounding. */
	private static double[] clamp(double[] p) {
		double[] c = new double[p.length];
		for (int i = 0; i < p.length; i++)
			c[i] = Math.max(0, Math.min(1, p[i]));
		return c;
	}

	private static void check(List<String> classes, int[] truth, double[][] probabilities, String what) {
		if (probabilities == null || truth.length != probabilities.length)
			throw new IllegalArgumentException(what + " set: " + truth.length + " labels but " +
				(probabilities == null ? "no" : probabilities.length) + " probability rows");
		if (truth.length == 0) throw new IllegalArgumentException(what + " set is empty");
		for (int i = 0; i < truth.length; i++) {
			if (truth[i] < 0 || truth[i] >= classes.size())
				throw new IllegalArgumentException(what + " case " + i + ": true class index " + truth[i] + " is not one of 0.." + (classes.size() - 1));
			if (probabilities[i].length != classes.size())
				throw new IllegalArgumentException(what + " case " + i + ": " + probabilities[i].length + " probabilities for " + classes.size() + " classes");
		}
	}

	public int count() {
		return (int) confusion.total();
	}

	public boolean hasCallThreshold() {
		return !Double.isNaN(callThreshold);
	}

	public boolean hasTemperature() {
		return !Double.isNaN(temperature);
	}
}

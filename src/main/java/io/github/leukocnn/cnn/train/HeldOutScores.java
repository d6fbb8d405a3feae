package io.github.leukocnn.cnn.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.github.leukocnn.stats.ConfusionMatrix;
import io.github.leukocnn.stats.Probabilities;

/**
 * Predictions of a model on one split, per image (field or single cell) and per cell, with the few
 * numbers training needs to choose epochs, temperature and field rule (accuracy, NLL, sensitivity,
 * specificity). The full statistics of the evaluation report live in io.github.leukocnn.stats.
 *
 * @param itemTruth true class per image
 * @param itemProbabilities field-level probabilities per image (after the field rule)
 * @param cellTruth true (inherited) class per cell
 * @param cellProbabilities per cell
 * @param emptyItems images in which no cell was found (they get the prior)
 */
public record HeldOutScores(int[] itemTruth, float[][] itemProbabilities, int[] cellTruth, float[][] cellProbabilities,
	int emptyItems)
{
	public static double accuracy(int[] truth, float[][] p) {
		if (truth.length == 0) return Double.NaN;
		int ok = 0;
		for (int i = 0; i < truth.length; i++) if (Probabilities.argmax(p[i]) == truth[i]) ok++;
		return (double) ok / truth.length;
	}

	public static double nll(int[] truth, float[][] p) {
		double s = 0;
		for (int i = 0; i < truth.length; i++) s -= Math.log(Math.max(p[i][truth[i]], 1e-7));
		return truth.length == 0 ? Double.NaN : s / truth.length;
	}

	public double itemAccuracy() {
		return accuracy(itemTruth, itemProbabilities);
	}

	/** Mean over the classes present of the fraction of their images classified right (argmax). */
	public double itemBalancedAccuracy() {
		if (itemTruth.length == 0) return Double.NaN;
		int k = itemProbabilities[0].length;
		int[] predicted = new int[itemTruth.length];
		for (int i = 0; i < predicted.length; i++) predicted[i] = Probabilities.argmax(itemProbabilities[i]);
		List<String> names = IntStream.range(0, k).mapToObj(Integer::toString).toList();
		return ConfusionMatrix.of(names, itemTruth, predicted).balancedAccuracy();
	}

	public double cellAccuracy() {
		return accuracy(cellTruth, cellProbabilities);
	}

	/**
	 * Numbers of the binary call (predicted class positive vs not): sensitivity, specificity,
	 * accuracy; empty map if there are no positive classes.
	 */
	public Map<String, Double> binary(boolean[] positive) {
		Map<String, Double> m = new LinkedHashMap<>();
		boolean any = false;
		for (boolean b : positive) any |= b;
		if (!any) return m;
		int tp = 0, fn = 0, tn = 0, fp = 0;
		for (int i = 0; i < itemTruth.length; i++) {
			boolean t = positive[itemTruth[i]], c = positive[Probabilities.argmax(itemProbabilities[i])];
			if (t && c) tp++;
			else if (t) fn++;
			else if (c) fp++;
			else tn++;
		}
		m.put("call_accuracy", (double) (tp + tn) / itemTruth.length);
		m.put("sensitivity", tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn));
		m.put("specificity", tn + fp == 0 ? Double.NaN : (double) tn / (tn + fp));
		m.put("tp", (double) tp);
		m.put("fn", (double) fn);
		m.put("tn", (double) tn);
		m.put("fp", (double) fp);
		return m;
	}
}

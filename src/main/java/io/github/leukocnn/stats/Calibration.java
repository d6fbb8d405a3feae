package io.github.leukocnn.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Reliability of predicted probabilities: equal-width bins of confidence, the observed frequency
 * in each bin, and the expected calibration error ECE = Σ (n_b / n)·|frequency_b − confidence_b|
 * (Guo et al. 2017, "On calibration of modern neural networks"). Bin b covers (b/B, (b+1)/B];
 * a confidence of exactly 0 falls into the first bin.
 *
 * @param bins all bins in order, empty ones included (count 0, NaN means)
 * @param ece expected calibration error, 0 = perfectly calibrated
 * @param mce maximum calibration error over the non-empty bins
 * @param count number of cases
 */
public record Calibration(List<Bin> bins, double ece, double mce, int count) {

	public static final int DEFAULT_BINS = 10;

	/**
	 * @param meanConfidence mean predicted probability of the cases in the bin
	 * @param frequency fraction of them for which the event happened (accuracy, for top-label)
	 */
	public record Bin(double lower, double upper, int count, double meanConfidence, double frequency) {}

	/**
	 * Top-label calibration of a multi-class classifier: the confidence is the largest class
	 * probability, the event is "that class is the true class".
	 *
	 * @param probabilities [case][class]
	 * @param truth true class index of each case
	 */
	public static Calibration topLabel(double[][] probabilities, int[] truth, int binCount) {
		if (probabilities.length != truth.length)
			throw new IllegalArgumentException(probabilities.length + " predictions but " + truth.length + " labels");
		double[] confidence = new double[truth.length];
		boolean[] correct = new boolean[truth.length];
		for (int i = 0; i < truth.length; i++) {
			int best = Probabilities.argmax(probabilities[i]);
			confidence[i] = probabilities[i][best];
			correct[i] = best == truth[i];
		}
		return of(confidence, correct, binCount);
	}

	/**
	 * Calibration of a probability for a binary event (e.g. P(leukaemia) against the diagnosis).
	 *
	 * @param probability predicted probability of the event, 0..1
	 * @param event whether the event happened
	 */
	public static Calibration of(double[] probability, boolean[] event, int binCount) {
		if (probability.length != event.length)
			throw new IllegalArgumentException(probability.length + " probabilities but " + event.length + " outcomes");
		if (binCount < 1) throw new IllegalArgumentException("need at least one bin, got " + binCount);
		int[] n = new int[binCount];
		double[] sumP = new double[binCount];
		int[] hits = new int[binCount];
		for (int i = 0; i < probability.length; i++) {
			double p = probability[i];
			if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
			int b = Math.max(0, Math.min(binCount - 1, (int) Math.ceil(p * binCount) - 1));
			n[b]++;
			sumP[b] += p;
			if (event[i]) hits[b]++;
		}
		List<Bin> bins = new ArrayList<>(binCount);
		double ece = 0, mce = 0;
		for (int b = 0; b < binCount; b++) {
			double conf = n[b] == 0 ? Double.NaN : sumP[b] / n[b];
			double freq = n[b] == 0 ? Double.NaN : (double) hits[b] / n[b];
			bins.add(new Bin((double) b / binCount, (double) (b + 1) / binCount, n[b], conf, freq));
			if (n[b] > 0) {
				double gap = Math.abs(freq - conf);
				ece += gap * n[b] / probability.length;
				mce = Math.max(mce, gap);
			}
		}
		if (probability.length == 0) ece = mce = Double.NaN;
		return new Calibration(List.copyOf(bins), ece, mce, probability.length);
	}
}

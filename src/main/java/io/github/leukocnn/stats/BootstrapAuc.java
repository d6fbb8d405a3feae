package io.github.leukocnn.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap confidence interval of the ROC AUC. Resampling is stratified (positives
 * and negatives are resampled separately, keeping their counts), as in pROC's default, so every
 * replicate has both classes and a defined AUC. A fixed seed makes the interval reproducible.
 */
public final class BootstrapAuc {

	public static final int DEFAULT_RESAMPLES = 2000;
	public static final long DEFAULT_SEED = 20260328L;

	private BootstrapAuc() {}

	/** 95% interval with {@link #DEFAULT_RESAMPLES} resamples and {@link #DEFAULT_SEED}. */
	public static Interval interval95(double[] scores, boolean[] positive) {
		return interval(scores, positive, DEFAULT_RESAMPLES, DEFAULT_SEED, 0.95);
	}

	/**
	 * @return the AUC of the full data with the percentile interval of the resampled AUCs;
	 *         NaN estimate and [NaN, NaN] if the data lack positives or negatives
	 */
	public static Interval interval(double[] scores, boolean[] positive, int resamples, long seed, double level) {
		if (resamples < 1) throw new IllegalArgumentException("need at least one resample, got " + resamples);
		if (!(level > 0 && level < 1)) throw new IllegalArgumentException("level must be in (0, 1), got " + level);
		double auc = RocCurve.auc(scores, positive);
		if (Double.isNaN(auc)) return new Interval(Double.NaN, Double.NaN, Double.NaN);
		double[] pos = select(scores, positive, true), neg = select(scores, positive, false);
		// The AUC only depends on positive-vs-negative comparisons: compute it from the sorted
		// negatives with a binary search per positive, O(n log n) per replicate.
		SplittableRandom random = new SplittableRandom(seed);
		double[] replicates = new double[resamples];
		double[] p = new double[pos.length], q = new double[neg.length];
		for (int r = 0; r < resamples; r++) {
			for (int i = 0; i < p.length; i++)
				p[i] = pos[random.nextInt(pos.length)];
			for (int i = 0; i < q.length; i++)
				q[i] = neg[random.nextInt(neg.length)];
			replicates[r] = mannWhitneyAuc(p, q);
		}
		Arrays.sort(replicates);
		double alpha = (1 - level) / 2;
		return new Interval(auc, Quantiles.sorted(replicates, alpha), Quantiles.sorted(replicates, 1 - alpha));
	}

	/** P(positive score > negative score) + ½·P(tie); sorts {@code negatives} in place. */
	static double mannWhitneyAuc(double[] positives, double[] negatives) {
		Arrays.sort(negatives);
		double wins = 0;
		for (double s : positives) {
			int below = lowerBound(negatives, s); // negatives < s
			int notAbove = upperBound(negatives, s); // negatives <= s
			wins += below + (notAbove - below) / 2.0;
		}
		return wins / ((double) positives.length * negatives.length);
	}

	private static int lowerBound(double[] a, double v) {
		int lo = 0, hi = a.length;
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (a[mid] < v) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	private static int upperBound(double[] a, double v) {
		int lo = 0, hi = a.length;
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (a[mid] <= v) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	private static double[] select(double[] scores, boolean[] positive, boolean which) {
		return java.util.stream.IntStream.range(0, scores.length).filter(i -> positive[i] == which)
			.mapToDouble(i -> scores[i]).toArray();
	}
}

package io.github.leukocnn.stats;

/**
 * The 2×2 table of a binary call (e.g. leukaemia positive/negative) against the truth, with the
 * usual rates and their Wilson 95% intervals. Undefined rates (no cases in the denominator) are NaN.
 */
public record BinaryCounts(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {

	public BinaryCounts {
		if (truePositives < 0 || falsePositives < 0 || trueNegatives < 0 || falseNegatives < 0)
			throw new IllegalArgumentException("counts must not be negative");
	}

	public long positives() {
		return truePositives + falseNegatives;
	}

	public long negatives() {
		return trueNegatives + falsePositives;
	}

	public long total() {
		return positives() + negatives();
	}

	/** True positive rate, recall of the positive call: TP / (TP + FN). */
	public Interval sensitivity() {
		return Wilson.interval95(truePositives, positives());
	}

	/** True negative rate: TN / (TN + FP). */
	public Interval specificity() {
		return Wilson.interval95(trueNegatives, negatives());
	}

	/** Positive predictive value: TP / (TP + FP). */
	public Interval precision() {
		return Wilson.interval95(truePositives, truePositives + falsePositives);
	}

	/** Negative predictive value: TN / (TN + FN). */
	public Interval negativePredictiveValue() {
		return Wilson.interval95(trueNegatives, trueNegatives + falseNegatives);
	}

	public Interval accuracy() {
		return Wilson.interval95(truePositives + trueNegatives, total());
	}

	/** Mean of sensitivity and specificity: accuracy that is not inflated by class imbalance. */
	public double balancedAccuracy() {
		return (sensitivity().estimate() + specificity().estimate()) / 2;
	}

	/** F1 of the positive call, 2TP / (2TP + FP + FN); NaN if there is nothing positive at all. */
	public double f1() {
		long d = 2 * truePositives + falsePositives + falseNegatives;
		return d == 0 ? Double.NaN : 2.0 * truePositives / d;
	}
}

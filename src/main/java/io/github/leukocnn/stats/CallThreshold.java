package io.github.leukocnn.stats;

/**
 * Chooses the operating point of the leukaemia call: the threshold on P(positive) at or above
 * which a case is called positive. It is fitted on a validation set by Youden's J (sensitivity +
 * specificity − 1), which weighs both error kinds equally whatever the class balance of the
 * validation set; the threshold is placed midway between the chosen vertex's score and the next
 * lower score, so a case scoring slightly below the lowest positive still gets the benefit of
 * the gap.
 */
public final class CallThreshold {

	/** Used when the validation set cannot fit one (no positives or no negatives). */
	public static final double DEFAULT = 0.5;

	private CallThreshold() {}

	/** Whether {@code t} can be a call threshold: a probability in (0, 1]. */
	public static boolean isValid(double t) {
		return t > 0 && t <= 1;
	}

	/**
	 * @param scores P(positive) per validation case
	 * @param positive truth per case
	 * @return a threshold in (0, 1], or {@link #DEFAULT} when the truth is one-sided
	 */
	public static double youden(double[] scores, boolean[] positive) {
		RocCurve roc = RocCurve.of(scores, positive);
		if (roc.positives() == 0 || roc.negatives() == 0) return DEFAULT;
		int i = roc.youdenIndex();
		double[] t = roc.thresholds();
		if (i == 0) return Math.min(1, t[1] + 1e-6); // nothing called positive is best: call only above every case
		double lower = i + 1 < t.length ? t[i + 1] : 0;
		return (t[i] + lower) / 2;
	}
}

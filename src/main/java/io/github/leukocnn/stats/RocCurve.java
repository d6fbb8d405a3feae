package io.github.leukocnn.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Receiver operating characteristic of a score for a binary truth. Cases with equal scores form
 * one step of the curve (a diagonal segment), so tied scores count half, and the area equals the
 * Mann–Whitney probability P(score of a positive > score of a negative) + ½·P(tie).
 *
 * @param falsePositiveRates x of each vertex, from 0 to 1
 * @param truePositiveRates y of each vertex, from 0 to 1
 * @param thresholds the score at or above which a case is called positive at each vertex
 *          (+∞ for the first vertex, where nothing is positive)
 * @param auc area under the curve; NaN when the truth has no positives or no negatives
 */
public record RocCurve(double[] falsePositiveRates, double[] truePositiveRates, double[] thresholds,
	double auc, int positives, int negatives)
{
	/**
	 * @param scores higher = more likely positive; must be finite
	 * @param positive the truth of each case
	 */
	public static RocCurve of(double[] scores, boolean[] positive) {
		if (scores.length != positive.length)
			throw new IllegalArgumentException(scores.length + " scores but " + positive.length + " labels");
		for (double s : scores)
			if (!Double.isFinite(s)) throw new IllegalArgumentException("scores must be finite numbers, got " + s);
		int n = scores.length;
		int pos = 0;
		for (boolean p : positive)
			if (p) pos++;
		int neg = n - pos;
		// Sort by descending score; index tie-break keeps the order deterministic (it does not affect the curve).
		Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
		Arrays.sort(order, Comparator.<Integer> comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
		double[] fpr = new double[n + 1], tpr = new double[n + 1], thr = new double[n + 1];
		thr[0] = Double.POSITIVE_INFINITY;
		int vertices = 1;
		int tp = 0, fp = 0;
		double area = 0;
		for (int k = 0; k < n;) {
			double s = scores[order[k]];
			int groupTp = 0, groupFp = 0;
			while (k < n && scores[order[k]] == s) {
				if (positive[order[k]]) groupTp++;
				else groupFp++;
				k++;
			}
			// Trapezoid over the tie group, in count units: width groupFp, heights tp and tp + groupTp.
			area += groupFp * (tp + groupTp / 2.0);
			tp += groupTp;
			fp += groupFp;
			fpr[vertices] = neg == 0 ? Double.NaN : (double) fp / neg;
			tpr[vertices] = pos == 0 ? Double.NaN : (double) tp / pos;
			thr[vertices] = s;
			vertices++;
		}
		double auc = pos == 0 || neg == 0 ? Double.NaN : area / ((double) pos * neg);
		return new RocCurve(Arrays.copyOf(fpr, vertices), Arrays.copyOf(tpr, vertices),
			Arrays.copyOf(thr, vertices), auc, pos, neg);
	}

	/** Area under the curve only, without building the curve (used by the bootstrap). */
	public static double auc(double[] scores, boolean[] positive) {
		return of(scores, positive).auc();
	}

	/**
	 * The vertex that maximises Youden's J = sensitivity + specificity − 1; its threshold is a
	 * common operating point when no clinical cost ratio is given. Returns the vertex index.
	 */
	public int youdenIndex() {
		int best = 0;
		double bestJ = Double.NEGATIVE_INFINITY;
		for (int i = 0; i < thresholds.length; i++) {
			double j = truePositiveRates[i] - falsePositiveRates[i];
			if (j > bestJ) {
				bestJ = j;
				best = i;
			}
		}
		return best;
	}
}

package io.github.leukocnn.stats;

/** Sample quantiles by linear interpolation between order statistics (R's type 7, NumPy's default). */
final class Quantiles {

	private Quantiles() {}

	/** The {@code q}-quantile (0..1) of {@code sorted}, which must be sorted ascending and non-empty. */
	static double sorted(double[] sorted, double q) {
		if (sorted.length == 0) throw new IllegalArgumentException("no values");
		double h = (sorted.length - 1) * q;
		int lo = (int) Math.floor(h);
		int hi = Math.min(lo + 1, sorted.length - 1);
		return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
	}
}

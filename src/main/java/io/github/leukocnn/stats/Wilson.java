package io.github.leukocnn.stats;

/**
 * Wilson score interval for a binomial proportion. Unlike the Wald interval it stays inside
 * [0, 1] and keeps a sensible width at 0/n and n/n, which matters for small counts such as the
 * blast cells of a single field.
 */
public final class Wilson {

	/** Two-sided 95% standard normal quantile, Φ⁻¹(0.975). */
	public static final double Z95 = 1.959963984540054;

	private Wilson() {}

	/** 95% interval of {@code successes / n}. */
	public static Interval interval95(long successes, long n) {
		return interval(successes, n, Z95);
	}

	/**
	 * Wilson interval with normal quantile {@code z}. With {@code n == 0} nothing is known:
	 * the estimate is NaN and the interval is [0, 1].
	 */
	public static Interval interval(long successes, long n, double z) {
		if (n < 0 || successes < 0 || successes > n)
			throw new IllegalArgumentException("need 0 <= successes <= n, got " + successes + " of " + n);
		if (!(z > 0)) throw new IllegalArgumentException("z must be positive, got " + z);
		if (n == 0) return new Interval(Double.NaN, 0, 1);
		double p = (double) successes / n;
		double z2 = z * z;
		double denominator = 1 + z2 / n;
		double centre = (p + z2 / (2.0 * n)) / denominator;
		double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
		// Clamp rounding noise: the exact bounds are 0 at 0/n and 1 at n/n.
		double low = successes == 0 ? 0 : Math.max(0, centre - half);
		double high = successes == n ? 1 : Math.min(1, centre + half);
		return new Interval(p, low, high);
	}
}

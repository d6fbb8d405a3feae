package io.github.leukocnn.stats;

/**
 * A two-sided confidence interval around a point estimate.
 *
 * @param estimate the point estimate (NaN when undefined, e.g. a proportion of nothing)
 * @param low lower bound
 * @param high upper bound
 */
public record Interval(double estimate, double low, double high) {

	public boolean contains(double value) {
		return value >= low && value <= high;
	}

	public double width() {
		return high - low;
	}
}

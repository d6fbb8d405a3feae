package io.github.leukocnn.stats;

/** Small helpers on probability vectors. */
public final class Probabilities {

	private Probabilities() {}

	/** Index of the largest value; the first one on ties, so equal probabilities give a stable call. */
	public static int argmax(double[] values) {
		if (values.length == 0) throw new IllegalArgumentException("empty probability vector");
		int best = 0;
		for (int i = 1; i < values.length; i++)
			if (values[i] > values[best]) best = i;
		return best;
	}
}

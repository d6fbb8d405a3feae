package io.github.leukocnn.stats;

/** Small helpers on probability vectors. */
public final class Probabilities {

	private Probabilities() {}

	/**
	 * Index of the largest value; the first one on ties, so equal probabilities give a stable call.
	 *
	 * @throws IllegalArgumentException on a NaN value (which no comparison would pick, so class 0 would be called)
	 */
	public static int argmax(double[] values) {
		if (values.length == 0) throw new IllegalArgumentException("empty probability vector");
		checkNotNaN(values);
		int best = 0;
		for (int i = 1; i < values.length; i++)
			if (values[i] > values[best]) best = i;
		return best;
	}

	/** {@link #argmax(double[])} of a float vector (network outputs). */
	public static int argmax(float[] values) {
		if (values.length == 0) throw new IllegalArgumentException("empty probability vector");
		for (int i = 0; i < values.length; i++)
			if (Float.isNaN(values[i])) throw notANumber(i, java.util.Arrays.toString(values));
		int best = 0;
		for (int i = 1; i < values.length; i++)
			if (values[i] > values[best]) best = i;
		return best;
	}

	/**
	 * The decided class of a probability vector. Without a call threshold (NaN) it is the argmax.
	 * With one, the leukaemia call comes first: positive when P(positive) = the summed probability
	 * of the positive classes is at least {@code callThreshold}, and the class is then the most
	 * probable class on the called side. Why: the call is a binary decision whose operating point is
	 * fitted on validation data; the class must agree with it.
	 *
	 * @param positive positive-class mask; if one side has no class, the argmax is returned
	 */
	public static int decide(double[] p, boolean[] positive, double callThreshold) {
		if (Double.isNaN(callThreshold)) return argmax(p);
		checkNotNaN(p);
		if (positive.length != p.length)
			throw new IllegalArgumentException(p.length + " probabilities but " + positive.length + " positive flags");
		boolean called = positiveMass(p, positive) >= callThreshold;
		int best = -1;
		for (int i = 0; i < p.length; i++)
			if (positive[i] == called && (best < 0 || p[i] > p[best])) best = i;
		return best < 0 ? argmax(p) : best;
	}

	private static void checkNotNaN(double[] p) {
		for (int i = 0; i < p.length; i++)
			if (Double.isNaN(p[i])) throw notANumber(i, java.util.Arrays.toString(p));
	}

	private static IllegalArgumentException notANumber(int i, String vector) {
		return new IllegalArgumentException("probability of class " + (i + 1) + " is not a number in " + vector +
			" (a broken network or input?): no class can be decided");
	}

	/** Summed probability of the positive classes, P(positive). */
	public static double positiveMass(double[] p, boolean[] positive) {
		double s = 0;
		for (int i = 0; i < p.length; i++)
			if (positive[i]) s += p[i];
		return s;
	}
}

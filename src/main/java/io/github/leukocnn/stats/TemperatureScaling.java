package io.github.leukocnn.stats;

/**
 * Temperature scaling (Guo et al. 2017): softmax(z / T) with one scalar T fitted on validation
 * data by minimising the negative log-likelihood. T > 1 softens an over-confident network;
 * the argmax, hence accuracy, is unchanged.
 *
 * <p>The NLL is convex in 1/T, hence unimodal in log T: a golden-section search over log T is
 * exact up to its tolerance and fully deterministic (no random start, no learning rate).
 */
public final class TemperatureScaling {

	/** Search range of T; a fit on the boundary means the data want an even more extreme T. */
	public static final double MIN_T = 0.05, MAX_T = 20;
	/** Probabilities are floored here before taking logs, so a hard 0 does not give −∞. */
	public static final double PROBABILITY_FLOOR = 1e-12;

	private static final double TOLERANCE = 1e-7; // on log T
	private static final double INV_PHI = (Math.sqrt(5) - 1) / 2;

	private TemperatureScaling() {}

	/** Logits that reproduce {@code probabilities} under softmax (log p, floored). */
	public static double[][] logits(double[][] probabilities) {
		double[][] z = new double[probabilities.length][];
		for (int i = 0; i < z.length; i++) {
			z[i] = new double[probabilities[i].length];
			for (int c = 0; c < z[i].length; c++)
				z[i][c] = Math.log(Math.max(PROBABILITY_FLOOR, probabilities[i][c]));
		}
		return z;
	}

	/** Mean negative log-likelihood of the true classes under softmax(z / T). */
	public static double negativeLogLikelihood(double[][] logits, int[] truth, double temperature) {
		if (logits.length != truth.length)
			throw new IllegalArgumentException(logits.length + " predictions but " + truth.length + " labels");
		if (logits.length == 0) return Double.NaN;
		double sum = 0;
		for (int i = 0; i < logits.length; i++) {
			double[] z = logits[i];
			double max = Double.NEGATIVE_INFINITY;
			for (double v : z)
				max = Math.max(max, v / temperature);
			double sumExp = 0;
			for (double v : z)
				sumExp += Math.exp(v / temperature - max);
			sum += max + Math.log(sumExp) - z[truth[i]] / temperature;
		}
		return sum / logits.length;
	}

	/** The temperature in [{@link #MIN_T}, {@link #MAX_T}] that minimises the validation NLL. */
	public static double fit(double[][] logits, int[] truth) {
		if (logits.length == 0) throw new IllegalArgumentException("no validation cases to fit a temperature on");
		for (int t : truth)
			if (t < 0 || t >= logits[0].length) throw new IllegalArgumentException("true class index " + t + " out of range");
		double a = Math.log(MIN_T), b = Math.log(MAX_T);
		double c = b - INV_PHI * (b - a), d = a + INV_PHI * (b - a);
		double fc = negativeLogLikelihood(logits, truth, Math.exp(c));
		double fd = negativeLogLikelihood(logits, truth, Math.exp(d));
		while (b - a > TOLERANCE) {
			if (fc <= fd) {
				b = d;
				d = c;
				fd = fc;
				c = b - INV_PHI * (b - a);
				fc = negativeLogLikelihood(logits, truth, Math.exp(c));
			}
			else {
				a = c;
				c = d;
				fc = fd;
				d = a + INV_PHI * (b - a);
				fd = negativeLogLikelihood(logits, truth, Math.exp(d));
			}
		}
		return Math.exp((a + b) / 2);
	}

	/** softmax(z / T) of each row. */
	public static double[][] apply(double[][] logits, double temperature) {
		if (!(temperature > 0)) throw new IllegalArgumentException("temperature must be positive, got " + temperature);
		double[][] p = new double[logits.length][];
		for (int i = 0; i < logits.length; i++)
			p[i] = softmax(logits[i], temperature);
		return p;
	}

	public static double[] softmax(double[] z, double temperature) {
		double max = Double.NEGATIVE_INFINITY;
		for (double v : z)
			max = Math.max(max, v / temperature);
		double[] p = new double[z.length];
		double sum = 0;
		for (int c = 0; c < z.length; c++) {
			p[c] = Math.exp(z[c] / temperature - max);
			sum += p[c];
		}
		for (int c = 0; c < z.length; c++)
			p[c] /= sum;
		return p;
	}
}

package io.github.leukocnn.cnn.train;

import java.util.SplittableRandom;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * Mixup (Zhang et al. 2018, "mixup: Beyond Empirical Risk Minimization"): each sample of a batch is
 * blended with another sample of the same batch, pixels and training targets alike, with a weight
 * λ ~ Beta(α, α). The larger share, max(λ, 1 − λ), goes to the sample itself, so every blend stays
 * mostly the crop it was drawn for.
 * <p>
 * Why: with fields, every cell inherits its field's label, and many of those labels are wrong (normal
 * cells of leukaemic fields); mixup is known to keep a network from memorising such labels, and it
 * regularises small single-cell sets. λ is drawn from the caller's random stream (inverse CDF), so a
 * run with a seed repeats exactly.
 */
final class Mixup {
	private final BetaDistribution beta;
	private final int batch, sampleLength, classes;
	private final float[] xs, ys;

	/**
	 * @param alpha α of the Beta(α, α) distribution of the weights (&gt; 0; small α = mostly light blends)
	 * @param batch samples per batch
	 * @param sampleLength floats per sample of the input
	 * @param classes floats per sample of the targets
	 */
	Mixup(double alpha, int batch, int sampleLength, int classes) {
		if (!(alpha > 0)) throw new IllegalArgumentException("mixup needs alpha > 0, got " + alpha);
		// the generator is never used: weights come from the caller's stream through the inverse CDF
		beta = new BetaDistribution(new Well19937c(0), alpha, alpha);
		this.batch = batch;
		this.sampleLength = sampleLength;
		this.classes = classes;
		xs = new float[batch * sampleLength];
		ys = new float[batch * classes];
	}

	/**
	 * Blends the samples of a batch ({@code inputs}, {@code targets}) in place: sample i becomes
	 * λ<sub>i</sub>·sample i + (1 − λ<sub>i</sub>)·sample π(i) for a random permutation π.
	 */
	void apply(float[] inputs, float[] targets, SplittableRandom rnd) {
		System.arraycopy(inputs, 0, xs, 0, xs.length);
		System.arraycopy(targets, 0, ys, 0, ys.length);
		int[] partner = permutation(batch, rnd);
		for (int i = 0; i < batch; i++) {
			double l = beta.inverseCumulativeProbability(rnd.nextDouble());
			float lambda = (float) Math.max(l, 1 - l), rest = 1 - lambda;
			int j = partner[i];
			for (int p = 0; p < sampleLength; p++)
				inputs[i * sampleLength + p] = lambda * xs[i * sampleLength + p] + rest * xs[j * sampleLength + p];
			for (int c = 0; c < classes; c++)
				targets[i * classes + c] = lambda * ys[i * classes + c] + rest * ys[j * classes + c];
		}
	}

	private static int[] permutation(int n, SplittableRandom rnd) {
		int[] p = new int[n];
		for (int i = 0; i < n; i++) p[i] = i;
		for (int i = n - 1; i > 0; i--) {
			int j = rnd.nextInt(i + 1), t = p[i];
			p[i] = p[j];
			p[j] = t;
		}
		return p;
	}
}

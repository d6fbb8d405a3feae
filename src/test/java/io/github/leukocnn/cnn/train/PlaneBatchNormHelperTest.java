package io.github.leukocnn.cnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PlaneBatchNormHelperTest {

	private static final int N = 3, C = 4, H = 5, W = 6;
	private static final double EPS = 1e-5;

	private static INDArray random(Random r, double offset, long... shape) {
		float[] v = new float[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
		for (int i = 0; i < v.length; i++) v[i] = (float) (offset + r.nextGaussian());
		return Nd4j.create(v, shape);
	}

	/** sum over the output of out · weights, in double, the batch statistics recomputed from x. */
	private static double loss(double[] x, float[] gamma, float[] beta, float[] weights) {
		double total = 0;
		int plane = H * W;
		for (int c = 0; c < C; c++) {
			double s = 0, q = 0, m = N * plane;
			for (int n = 0; n < N; n++)
				for (int i = 0; i < plane; i++) s += x[(n * C + c) * plane + i];
			double mu = s / m;
			for (int n = 0; n < N; n++)
				for (int i = 0; i < plane; i++) q += Math.pow(x[(n * C + c) * plane + i] - mu, 2);
			double inv = 1 / Math.sqrt(q / m + EPS);
			for (int n = 0; n < N; n++)
				for (int i = 0; i < plane; i++) {
					int at = (n * C + c) * plane + i;
					total += ((x[at] - mu) * inv * gamma[c] + beta[c]) * weights[at];
				}
		}
		return total;
	}

	@Test
	void normalisesWithBatchStatisticsAndBackpropagatesTheExactGradient() {
		Random r = new Random(3);
		INDArray x = random(r, 2.5, N, C, H, W), gamma = random(r, 1, C), beta = random(r, 0, C), weights = random(r, 0, N, C, H, W);
		PlaneBatchNormHelper helper = new PlaneBatchNormHelper();
		LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
		INDArray out = helper.preOutput(x, true, new long[] { 1, C }, gamma, beta, Nd4j.zeros(C), Nd4j.ones(C), 0.9, EPS, CNN2DFormat.NCHW, none);
		assertNotNull(out, "the helper declined a contiguous channels-first float input");
		double[] xs = x.data().asDouble();
		float[] g = gamma.data().asFloat(), b = beta.data().asFloat(), w = weights.data().asFloat();
		// forward: per channel, mean 0 and variance 1 before gamma and beta
		INDArray normalised = out.sub(beta.reshape(1, C, 1, 1)).div(gamma.reshape(1, C, 1, 1));
		for (int c = 0; c < C; c++) {
			INDArray channel = normalised.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(c));
			assertEquals(0, channel.meanNumber().doubleValue(), 1e-4, "mean of channel " + c);
			assertEquals(1, channel.var(false).getDouble(0), 1e-3, "variance of channel " + c);
			assertEquals(x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(c)).meanNumber().doubleValue(),
				helper.getMeanCache(DataType.FLOAT).getDouble(c), 1e-4, "batch mean handed to the layer");
		}
		// backward: against central differences of the double-precision loss
		INDArray dGamma = Nd4j.zeros(DataType.FLOAT, 1, C), dBeta = Nd4j.zeros(DataType.FLOAT, 1, C);
		Pair<Gradient, INDArray> back = helper.backpropGradient(x, weights, new long[] { 1, C }, gamma, beta, dGamma, dBeta, EPS,
			CNN2DFormat.NCHW, none);
		assertNotNull(back, "the helper declined the backward pass");
		double h = 1e-3;
		float[] dx = back.getSecond().data().asFloat();
		for (int at = 0; at < xs.length; at += 7) {
			double keep = xs[at];
			xs[at] = keep + h;
			double up = loss(xs, g, b, w);
			xs[at] = keep - h;
			double down = loss(xs, g, b, w);
			xs[at] = keep;
			assertEquals((up - down) / (2 * h), dx[at], 2e-3, "dL/dx at " + at);
		}
		float[] expectGamma = new float[C], expectBeta = new float[C];
		for (int c = 0; c < C; c++) {
			float[] gp = g.clone(), gm = g.clone(), bp = b.clone(), bm = b.clone();
			gp[c] += h;
			gm[c] -= h;
			bp[c] += h;
			bm[c] -= h;
			expectGamma[c] = (float) ((loss(xs, gp, b, w) - loss(xs, gm, b, w)) / (2 * h));
			expectBeta[c] = (float) ((loss(xs, g, bp, w) - loss(xs, g, bm, w)) / (2 * h));
		}
		assertArrayEquals(expectGamma, dGamma.data().asFloat(), 2e-3f, "dL/dgamma");
		assertArrayEquals(expectBeta, dBeta.data().asFloat(), 2e-3f, "dL/dbeta");
		assertEquals(back.getFirst().getGradientFor("gamma"), dGamma);
	}

	@Test
	void inferenceUsesThePopulationStatistics() {
		Random r = new Random(5);
		INDArray x = random(r, 1, N, C, H, W), gamma = random(r, 1, C), beta = random(r, 0, C);
		INDArray mean = random(r, 0, C), var = random(r, 0, C).muli(0.2).addi(1.5);
		INDArray out = new PlaneBatchNormHelper().preOutput(x, false, new long[] { 1, C }, gamma, beta, mean, var, 0.9, EPS,
			CNN2DFormat.NCHW, LayerWorkspaceMgr.noWorkspaces());
		INDArray expected = x.sub(mean.reshape(1, C, 1, 1)).div(Nd4j.math().sqrt(var.add(EPS)).reshape(1, C, 1, 1))
			.mul(gamma.reshape(1, C, 1, 1)).add(beta.reshape(1, C, 1, 1));
		assertEquals(0, out.sub(expected).amaxNumber().doubleValue(), 1e-5);
	}

	@Test
	void declinesLayoutsItDoesNotHandleSoThatDl4jsLayerRunsInstead() {
		Random r = new Random(7);
		PlaneBatchNormHelper helper = new PlaneBatchNormHelper();
		LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
		INDArray gamma = random(r, 1, C), beta = random(r, 0, C);
		INDArray nhwc = random(r, 0, N, H, W, C);
		assertNull(helper.preOutput(nhwc, true, new long[] { 1, C }, gamma, beta, Nd4j.zeros(C), Nd4j.ones(C), 0.9, EPS, CNN2DFormat.NHWC, none));
		INDArray channelMajor = random(r, 0, C, N, H, W).permute(1, 0, 2, 3); // planes contiguous, samples not: handled
		assertNotNull(helper.preOutput(channelMajor, true, new long[] { 1, C }, gamma, beta, Nd4j.zeros(C), Nd4j.ones(C), 0.9, EPS, CNN2DFormat.NCHW, none));
		INDArray transposed = random(r, 0, N, C, W, H).permute(0, 1, 3, 2); // rows of a plane not contiguous
		assertNull(helper.preOutput(transposed, true, new long[] { 1, C }, gamma, beta, Nd4j.zeros(C), Nd4j.ones(C), 0.9, EPS, CNN2DFormat.NCHW, none));
		assertNull(new PlaneBatchNormHelper().backpropGradient(random(r, 0, N, C, H, W), random(r, 0, N, C, H, W), new long[] { 1, C }, gamma,
			beta, Nd4j.zeros(1, C), Nd4j.zeros(1, C), EPS, CNN2DFormat.NCHW, none), "no forward pass, no batch statistics: declined");
	}
}

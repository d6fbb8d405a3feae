package io.github.leukocnn.cnn.train;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalisation of channels-first float activations for training, in plain Java over
 * whole image planes (one sample, one channel: contiguous in the arrays DL4J's layers make). The
 * forward pass reads the input twice (statistics, then scale and shift), the backward pass reads
 * input and gradient twice (two sums per channel, then the input gradient); each loop runs over a
 * contiguous plane, split across the cores by planes.
 *
 * <p>Why: ND4J's {@code batchnorm_bp} and its mean/variance reductions over axes (0, 2, 3) are the
 * slowest parts of a training step of the LeukoCNN networks. A profile of the 80-px
 * leukocyte-types network (batch 64, oneDNN helpers, this project's 2-core machine) had 39% of the
 * step's native samples in batch normalisation; {@code leukocnn benchmark-training} with the builds
 * before and after, back to back: 584 → 416 ms per step (all-screening's 32-px network 128 → 112 ms).
 * Gradients agree with central differences ({@code PlaneBatchNormHelperTest}) and with DL4J's
 * built-in layer to about 1e-5 relative ({@code FastTrainingLayersTest}).
 *
 * <p>Anything else (other data types, channels-last, rank 2, planes that are not contiguous)
 * returns null, which makes DL4J's layer use its own implementation.
 */
final class PlaneBatchNormHelper implements BatchNormalizationHelper {

	/** Batch statistics of the last training forward pass, read by the layer to update its running averages. */
	private INDArray meanCache, varCache;
	/** The same statistics for the backward pass: mean and 1/sqrt(var + eps) per channel. */
	private float[] batchMean, batchInvStd;
	private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[2][0]);

	@Override
	public boolean checkSupported(double eps, boolean fixedGammaBeta) {
		return !fixedGammaBeta;
	}

	@Override
	public boolean checkSupported() {
		return true;
	}

	@Override
	public Map<String, Long> helperMemoryUse() {
		return Map.of();
	}

	@Override
	public INDArray getMeanCache(DataType dataType) {
		return meanCache;
	}

	@Override
	public INDArray getVarCache(DataType dataType) {
		return varCache;
	}

	@Override
	public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta, INDArray globalMean,
		INDArray globalVar, double decay, double eps, CNN2DFormat format, LayerWorkspaceMgr workspaces)
	{
		if (!planar(x, format) || gamma == null || beta == null) return null;
		int n = (int) x.size(0), c = (int) x.size(1), plane = (int) (x.size(2) * x.size(3));
		FloatBuffer in = x.data().asNioFloat();
		float[] mean, var;
		if (training) {
			double[][] sums = channelSums(n, c, p -> {
				float[] v = read(in, offset(x, p, c), plane, 0);
				double s = 0, q = 0;
				for (int i = 0; i < plane; i++) {
					double a = v[i];
					s += a;
					q += a * a;
				}
				return new double[] { s, q };
			});
			mean = new float[c];
			var = new float[c];
			double count = (double) n * plane;
			for (int ch = 0; ch < c; ch++) {
				double mu = sums[0][ch] / count;
				mean[ch] = (float) mu;
				var[ch] = (float) Math.max(0, sums[1][ch] / count - mu * mu); // biased, as DL4J's layer
			}
			if (meanCache == null || meanCache.length() != c)
				try (MemoryWorkspace none = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
					meanCache = Nd4j.create(DataType.FLOAT, c);
					varCache = Nd4j.create(DataType.FLOAT, c);
				}
			meanCache.data().asNioFloat().put(0, mean);
			varCache.data().asNioFloat().put(0, var);
		}
		else {
			mean = globalMean.dup().data().asFloat();
			var = globalVar.dup().data().asFloat();
		}
		float[] g = gamma.dup().data().asFloat(), b = beta.dup().data().asFloat();
		float[] scale = new float[c], shift = new float[c], invStd = new float[c];
		for (int ch = 0; ch < c; ch++) {
			invStd[ch] = (float) (1 / Math.sqrt(var[ch] + eps));
			scale[ch] = g[ch] * invStd[ch];
			shift[ch] = b[ch] - mean[ch] * scale[ch];
		}
		if (training) {
			batchMean = mean;
			batchInvStd = invStd;
		}
		INDArray out = workspaces.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape(), 'c');
		FloatBuffer o = out.data().asNioFloat();
		long outStart = out.offset();
		IntStream.range(0, n * c).parallel().forEach(p -> {
			float[] v = read(in, offset(x, p, c), plane, 0);
			float a = scale[p % c], s = shift[p % c];
			for (int i = 0; i < plane; i++) v[i] = v[i] * a + s;
			o.put((int) (outStart + (long) p * plane), v, 0, plane);
		});
		return out;
	}

	@Override
	public Pair<Gradient, INDArray> backpropGradient(INDArray x, INDArray epsilon, long[] shape, INDArray gamma, INDArray beta,
		INDArray dGammaView, INDArray dBetaView, double eps, CNN2DFormat format, LayerWorkspaceMgr workspaces)
	{
		int c = (int) x.size(1);
		if (!planar(x, format) || !planar(epsilon, format) || gamma == null || batchMean == null || batchMean.length != c) return null;
		int n = (int) x.size(0), plane = (int) (x.size(2) * x.size(3));
		FloatBuffer in = x.data().asNioFloat(), grad = epsilon.data().asNioFloat();
		double[][] sums = channelSums(n, c, p -> {
			float[] v = read(in, offset(x, p, c), plane, 0), d = read(grad, offset(epsilon, p, c), plane, 1);
			double s = 0, q = 0;
			for (int i = 0; i < plane; i++) {
				s += d[i];
				q += (double) d[i] * v[i];
			}
			return new double[] { s, q };
		});
		float[] g = gamma.dup().data().asFloat();
		float[] dGamma = new float[c], dBeta = new float[c], onGrad = new float[c], onInput = new float[c], constant = new float[c];
		double count = (double) n * plane;
		for (int ch = 0; ch < c; ch++) {
			double s = sums[0][ch], q = sums[1][ch];
			double inv = batchInvStd[ch], dg = (q - batchMean[ch] * s) * inv; // sum of dy * xhat
			dGamma[ch] = (float) dg;
			dBeta[ch] = (float) s;
			// dx = gamma/sigma * (dy - dBeta/m - xhat * dGamma/m), written as a*dy + b*x + c
			double k = g[ch] * inv, b = -k * dg * inv / count;
			onGrad[ch] = (float) k;
			onInput[ch] = (float) b;
			constant[ch] = (float) (-k * s / count - b * batchMean[ch]);
		}
		dGammaView.assign(Nd4j.createFromArray(dGamma).reshape(dGammaView.shape()));
		dBetaView.assign(Nd4j.createFromArray(dBeta).reshape(dBetaView.shape()));
		INDArray dx = workspaces.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, x.shape(), 'c');
		FloatBuffer o = dx.data().asNioFloat();
		long outStart = dx.offset();
		IntStream.range(0, n * c).parallel().forEach(p -> {
			float[] v = read(in, offset(x, p, c), plane, 0), d = read(grad, offset(epsilon, p, c), plane, 1);
			float a = onGrad[p % c], b = onInput[p % c], k = constant[p % c];
			for (int i = 0; i < plane; i++) d[i] = a * d[i] + b * v[i] + k;
			o.put((int) (outStart + (long) p * plane), d, 0, plane);
		});
		Gradient gradient = new DefaultGradient();
		gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
		gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
		return new Pair<>(gradient, dx);
	}

	/** Two sums of one plane (sample p / c, channel p % c). */
	private interface PlaneSums {
		double[] of(int plane);
	}

	/**
	 * The two sums of every plane, computed in parallel, added up per channel over the samples in a
	 * fixed order (so a run repeats to the bit): [0][channel] and [1][channel].
	 */
	private static double[][] channelSums(int n, int c, PlaneSums sums) {
		double[][] perPlane = new double[n * c][];
		IntStream.range(0, n * c).parallel().forEach(p -> perPlane[p] = sums.of(p));
		double[][] total = new double[2][c];
		for (int p = 0; p < n * c; p++) {
			total[0][p % c] += perPlane[p][0];
			total[1][p % c] += perPlane[p][1];
		}
		return total;
	}

	/** Float, channels-first, rank 4, with every (sample, channel) plane contiguous. */
	private static boolean planar(INDArray a, CNN2DFormat format) {
		return a.dataType() == DataType.FLOAT && a.rank() == 4 && format == CNN2DFormat.NCHW && a.stride(3) == 1
			&& a.stride(2) == a.size(3) && a.length() < Integer.MAX_VALUE;
	}

	/** Buffer offset of plane {@code p} = sample p / c, channel p % c. */
	private static int offset(INDArray a, int p, int c) {
		return (int) (a.offset() + (p / c) * a.stride(0) + (p % c) * a.stride(1));
	}

	/** Copies one plane into this thread's scratch array {@code slot} (reused, grown as needed). */
	private static float[] read(FloatBuffer from, int offset, int plane, int slot) {
		float[][] scratch = SCRATCH.get();
		if (scratch[slot].length < plane) scratch[slot] = new float[plane];
		from.get(offset, scratch[slot], 0, plane);
		return scratch[slot];
	}
}

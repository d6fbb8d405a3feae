package io.github.leukocnn.cnn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * An inference-only copy of a {@link NetworkFactory} network, made when a model is loaded: each
 * convolution + batch normalisation pair becomes one convolution with folded weights and bias
 * (w·γ/σ, β − μ·γ/σ, exact in inference mode), ReLU runs in place after max pooling (they
 * commute, and the pooled array is a quarter of the size), dropout (identity at inference) is
 * gone, and the head (global average pooling, dense layers, softmax: a few thousand
 * multiply-adds per cell) runs in plain Java. Every array is allocated once for the largest batch.
 * Activations are channels-last (NHWC, weights OYXI) although the network and the crops are
 * channels-first: oneDNN's convolutions ran 1.5× faster per thread that way on this project's
 * networks (measured: 80-px leukocyte-types blocks, 32 crops, one thread: 37-39 against 58-62 ms);
 * the crops are interleaved once on the way in.
 *
 * <p>Why: DL4J's layer stack spends most of its time for these small inputs on copies, temporary
 * arrays and multi-threaded dispatch of tiny operations; measured on this project's 2-core machine
 * under load, the same arithmetic ran 5-10× faster per CPU second this way. A batch is split
 * into one contiguous chunk per core, each run by its own worker with ND4J limited to one thread
 * during the call (independent single-threaded workers instead of fine-grained OpenMP/BLAS
 * threading of each small operation). ND4J's thread settings are process-wide: while a call runs,
 * other DL4J work in the same JVM (e.g. a training in another thread) runs single-threaded too;
 * the settings are restored when the call returns.
 *
 * <p>Networks of another shape are not accepted ({@link #of} returns null): callers then use
 * DL4J. Not thread-safe (shared buffers): one caller at a time.
 */
public final class InferenceNetwork implements AutoCloseable {

	/** One "same" k×k convolution with bias (weights OYXI), optionally followed by 2×2 max pooling, then optionally ReLU. */
	private record ConvBlock(INDArray weights, INDArray bias, boolean relu, boolean pool, int channels, Conv2DConfig config) {}

	private static final Pooling2DConfig POOL_2X2 = Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).dH(1).dW(1)
		.type(Pooling2D.Pooling2DType.MAX).paddingMode(PaddingMode.VALID).isNHWC(true).build();

	/** A fully connected layer: x·W + b (W row-major [in][out]), then ReLU, softmax or nothing. */
	private record Dense(float[] weights, float[] bias, int in, int out, String activation) {}

	/** Fewest crops worth a worker of their own. */
	static final int MIN_CHUNK = 8;

	private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
		Thread t = new Thread(r, "leukocnn-inference");
		t.setDaemon(true);
		return t;
	});
	/** Guards the process-wide ND4J thread settings while they are changed for a call. */
	private static final Object ND4J_THREADS = new Object();

	private final List<ConvBlock> blocks;
	private final List<Dense> dense;
	private final int size, maxBatch;
	private final Worker[] workers;
	private volatile boolean closed;

	private InferenceNetwork(List<ConvBlock> blocks, List<Dense> dense, int size, int maxBatch, int threads) {
		this.blocks = blocks;
		this.dense = dense;
		this.size = size;
		this.maxBatch = maxBatch;
		int n = Math.max(1, Math.min(threads, maxBatch / MIN_CHUNK));
		workers = new Worker[n];
		for (int i = 0; i < n; i++) workers[i] = new Worker((maxBatch + n - 1) / n);
	}

	/**
	 * The inference copy of {@code net} for inputs 3×{@code size}×{@code size}, or null if the
	 * network is not a stack of [convolution (same, stride 1), batch norm, ReLU, 2×2 max pooling]
	 * blocks, global average pooling, dense layers, dropout and a softmax output.
	 *
	 * @param maxBatch most crops per call
	 * @param threads workers a batch is split among (at most one per {@value #MIN_CHUNK} crops)
	 */
	public static InferenceNetwork of(MultiLayerNetwork net, int size, int maxBatch, int threads) {
		List<ConvBlock> blocks = new ArrayList<>();
		List<Dense> dense = new ArrayList<>();
		int l = 0, n = net.getnLayers(), s = size;
		while (l < n && net.getLayer(l).conf().getLayer() instanceof ConvolutionLayer conv) {
			if (!plainConvolution(conv)) return null;
			Layer layer = net.getLayer(l++);
			INDArray w = layer.getParam("W").castTo(DataType.FLOAT).dup('c'); // [out, in, k, k]
			int out = (int) w.size(0), k = (int) w.size(2);
			if (w.size(1) != (blocks.isEmpty() ? 3 : blocks.get(blocks.size() - 1).channels()) || k % 2 == 0 || w.size(3) != k) return null;
			float[] bias = new float[out];
			if (conv.hasBias()) bias = layer.getParam("b").castTo(DataType.FLOAT).dup('c').toFloatVector();
			boolean relu = isRelu(conv.getActivationFn());
			if (!relu && !(conv.getActivationFn() instanceof ActivationIdentity)) return null;
			if (!relu && l < n && net.getLayer(l).conf().getLayer() instanceof BatchNormalization bn) {
				if (!fold(net.getLayer(l++), bn, w, bias)) return null;
			}
			if (!relu && l < n && net.getLayer(l).conf().getLayer() instanceof ActivationLayer a) {
				if (!isRelu(a.getActivationFn()) && !(a.getActivationFn() instanceof ActivationIdentity)) return null;
				relu = isRelu(a.getActivationFn());
				l++;
			}
			boolean pool = false;
			if (l < n && net.getLayer(l).conf().getLayer() instanceof SubsamplingLayer p) {
				if (!halvingMaxPool(p)) return null;
				pool = true;
				l++;
			}
			if (pool) s /= 2;
			blocks.add(new ConvBlock(w.permute(0, 2, 3, 1).dup('c'), Nd4j.createFromArray(bias), relu, pool, out, Conv2DConfig.builder()
				.kH(k).kW(k).sH(1).sW(1).dH(1).dW(1).paddingMode(PaddingMode.SAME).dataFormat(Conv2DConfig.NHWC)
				.weightsFormat(WeightsFormat.OYXI).build()));
		}
		if (blocks.isEmpty() || l >= n || !(net.getLayer(l).conf().getLayer() instanceof GlobalPoolingLayer g)
			|| g.getPoolingType() != PoolingType.AVG) return null;
		l++;
		for (; l < n; l++) {
			var conf = net.getLayer(l).conf().getLayer();
			if (conf instanceof DropoutLayer) continue;
			if (!(conf instanceof DenseLayer) && !(conf instanceof OutputLayer)) return null;
			var ff = (org.deeplearning4j.nn.conf.layers.FeedForwardLayer) conf;
			String act = isRelu(ff.getActivationFn()) ? "relu" : ff.getActivationFn() instanceof ActivationSoftmax ? "softmax"
				: ff.getActivationFn() instanceof ActivationIdentity ? "identity" : null;
			if (act == null || (act.equals("softmax") && l != n - 1)) return null;
			Layer layer = net.getLayer(l);
			INDArray w = layer.getParam("W").castTo(DataType.FLOAT).dup('c');
			float[] b = layer.paramTable().containsKey("b") ? vector(layer, "b") : new float[(int) ff.getNOut()];
			dense.add(new Dense(w.data().asFloat(), b, (int) w.size(0), (int) w.size(1), act));
		}
		if (dense.isEmpty() || !dense.get(dense.size() - 1).activation().equals("softmax")) return null;
		return new InferenceNetwork(List.copyOf(blocks), List.copyOf(dense), size, maxBatch, threads);
	}

	private static boolean plainConvolution(ConvolutionLayer c) {
		return c.getClass() == ConvolutionLayer.class && c.getConvolutionMode() == ConvolutionMode.Same
			&& c.getCnn2dDataFormat() == CNN2DFormat.NCHW && c.getStride()[0] == 1 && c.getStride()[1] == 1
			&& c.getDilation()[0] == 1 && c.getDilation()[1] == 1;
	}

	private static boolean halvingMaxPool(SubsamplingLayer p) {
		return p.getClass() == SubsamplingLayer.class && p.getPoolingType() == PoolingType.MAX
			&& p.getKernelSize()[0] == 2 && p.getKernelSize()[1] == 2 && p.getStride()[0] == 2 && p.getStride()[1] == 2
			&& p.getPadding()[0] == 0 && p.getPadding()[1] == 0 && p.getDilation()[0] == 1 && p.getDilation()[1] == 1
			&& p.getCnn2dDataFormat() == CNN2DFormat.NCHW
			&& (p.getConvolutionMode() == ConvolutionMode.Truncate || p.getConvolutionMode() == ConvolutionMode.Strict);
	}

	private static boolean isRelu(Object activation) {
		return activation instanceof ActivationReLU r && r.getMax() == null && zeroOrUnset(r.getThreshold())
			&& zeroOrUnset(r.getNegativeSlope());
	}

	private static boolean zeroOrUnset(Double v) {
		return v == null || v == 0;
	}

	/**
	 * Folds inference-mode batch normalisation y = γ(x − μ)/σ + β into the preceding convolution:
	 * w ← w·γ/σ per output channel, b ← (b − μ)·γ/σ + β, with σ = √(var + ε).
	 */
	private static boolean fold(Layer layer, BatchNormalization bn, INDArray w, float[] bias) {
		int out = bias.length;
		float[] mean = vector(layer, "mean"), gamma = vector(layer, "gamma"), beta = vector(layer, "beta");
		if (mean == null || mean.length != out) return false;
		if (bn.isLockGammaBeta()) {
			gamma = filled(out, (float) bn.getGamma());
			beta = filled(out, (float) bn.getBeta());
		}
		double[] sigma = new double[out];
		float[] var = vector(layer, "var"), log10std = vector(layer, "log10stdev");
		for (int c = 0; c < out; c++)
			// DL4J's inference with log10stdev takes var = (10^log10stdev)² and still adds ε (measured: σ = 10^log10stdev is off by ~1e-3)
			sigma[c] = var != null ? Math.sqrt(var[c] + bn.getEps()) : log10std != null ? Math.sqrt(Math.pow(10, 2.0 * log10std[c]) + bn.getEps())
				: Double.NaN;
		if (gamma == null || beta == null || Double.isNaN(sigma[0])) return false;
		float[] wf = w.data().asFloat();
		int per = wf.length / out;
		for (int c = 0; c < out; c++) {
			double scale = gamma[c] / sigma[c];
			for (int i = 0; i < per; i++) wf[c * per + i] = (float) (wf[c * per + i] * scale);
			bias[c] = (float) ((bias[c] - mean[c]) * scale + beta[c]);
		}
		w.assign(Nd4j.create(wf, w.shape(), 'c'));
		return true;
	}

	private static float[] vector(Layer layer, String key) {
		return layer.paramTable().containsKey(key) ? layer.getParam(key).castTo(DataType.FLOAT).dup('c').toFloatVector() : null;
	}

	private static float[] filled(int n, float v) {
		float[] a = new float[n];
		Arrays.fill(a, v);
		return a;
	}

	/**
	 * Frees the native memory of this copy's weights and batch arrays now instead of at some later
	 * garbage collection. ND4J's arrays live outside the Java heap, and a collection is triggered by
	 * the heap filling, which a copy's few Java objects hardly do: the trainer, which makes a copy
	 * every epoch, grew to 7.4 GiB resident in 20 epochs of leukocyte-types before copies and the
	 * batch-norm recalibration's arrays were freed, 1.6 GiB after (-Xmx8g, as Fiji may run it).
	 * Idempotent; using the copy afterwards is refused.
	 */
	@Override
	public synchronized void close() {
		if (closed) return;
		closed = true;
		for (Worker w : workers) {
			release(w.input);
			for (INDArray[] a : w.activations) for (INDArray x : a) release(x);
		}
		for (ConvBlock b : blocks) {
			release(b.weights());
			release(b.bias());
		}
	}

	/** Closes {@code a} if it owns its memory (not a view, not in a workspace). */
	static void release(INDArray a) {
		if (a != null && !a.wasClosed() && a.closeable()) a.close();
	}

	public int maxBatch() {
		return maxBatch;
	}

	/** Number of workers a full batch is split among. */
	public int workers() {
		return workers.length;
	}

	/**
	 * Class probabilities of the first {@code n} crops of {@code crops} (planar RGB, 3×size×size
	 * floats each), one row per crop.
	 */
	public float[][] output(float[] crops, int n) {
		return output(crops, n, null);
	}

	/**
	 * As {@link #output(float[], int)}, with {@code prepare.accept(i)} called for every crop
	 * {@code i} just before it is used, in the worker that runs it (e.g. cropping or white balance
	 * in parallel); it must only touch crop {@code i}'s floats. Null = the crops are ready.
	 */
	public float[][] output(float[] crops, int n, IntConsumer prepare) {
		if (closed) throw new IllegalStateException("this inference network was closed");
		if (n < 1 || n > maxBatch) throw new IllegalArgumentException("batch of " + n + " crops, expected 1.." + maxBatch);
		float[][] out = new float[n][];
		// one chunk per worker, but none smaller than MIN_CHUNK unless the workers' capacity needs it
		int capacity = workers[0].capacity;
		int chunks = Math.max((n + capacity - 1) / capacity, Math.min(workers.length, n / MIN_CHUNK)), per = (n + chunks - 1) / chunks;
		synchronized (ND4J_THREADS) {
			Environment env = Nd4j.getEnvironment();
			Blas blas = Nd4j.factory().blas();
			NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
			int maxThreads = env.maxThreads(), masterThreads = env.maxMasterThreads(), blasThreads = blas.getMaxThreads(),
				ompThreads = ops.ompGetMaxThreads();
			try {
				env.setMaxThreads(1);
				env.setMaxMasterThreads(1);
				blas.setMaxThreads(1);
				ops.setOmpNumThreads(1);
				List<Future<?>> running = new ArrayList<>();
				for (int c = 1; c < chunks && c * per < n; c++) {
					int from = c * per, count = Math.min(per, n - from);
					Worker w = workers[c];
					running.add(POOL.submit(() -> {
						ops.setOmpNumThreads(1); // per OpenMP thread
						w.run(crops, from, count, prepare, out);
					}));
				}
				workers[0].run(crops, 0, Math.min(per, n), prepare, out);
				for (Future<?> f : running) f.get();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while classifying", e);
			}
			catch (ExecutionException e) {
				if (e.getCause() instanceof RuntimeException r) throw r;
				throw new IllegalStateException(e.getCause());
			}
			finally {
				env.setMaxThreads(maxThreads);
				env.setMaxMasterThreads(masterThreads);
				blas.setMaxThreads(blasThreads);
				ops.setOmpNumThreads(ompThreads);
			}
		}
		return out;
	}

	private final class Worker {
		final int capacity;
		final INDArray input;
		final List<INDArray[]> activations = new ArrayList<>();
		final float[] interleaved, features, hidden;
		final int featureChannels, featurePixels;

		Worker(int capacity) {
			this.capacity = capacity;
			input = Nd4j.create(DataType.FLOAT, capacity, size, size, 3);
			interleaved = new float[capacity * 3 * size * size];
			int s = size;
			for (ConvBlock b : blocks) {
				INDArray conv = Nd4j.create(DataType.FLOAT, capacity, s, s, b.channels());
				INDArray pooled = null;
				if (b.pool()) {
					s /= 2; // VALID pooling truncates, as DL4J's default convolution mode
					pooled = Nd4j.create(DataType.FLOAT, capacity, s, s, b.channels());
				}
				activations.add(new INDArray[] { conv, pooled });
			}
			featureChannels = blocks.get(blocks.size() - 1).channels();
			featurePixels = s * s;
			features = new float[capacity * featureChannels * featurePixels];
			int widest = featureChannels;
			for (Dense d : dense) widest = Math.max(widest, d.out());
			hidden = new float[2 * widest];
		}

		/** Prepares and runs crops {@code from .. from+count-1} into {@code out[from ..]}. */
		void run(float[] crops, int from, int count, IntConsumer prepare, float[][] out) {
			int floats = 3 * size * size;
			if (prepare != null) for (int i = from; i < from + count; i++) prepare.accept(i);
			int pixels = size * size;
			for (int i = 0, at = 0; i < count; i++) {
				int crop = (from + i) * floats;
				for (int p = 0; p < pixels; p++)
					for (int c = 0; c < 3; c++) interleaved[at++] = crops[crop + c * pixels + p];
			}
			input.data().asNioFloat().put(0, interleaved, 0, count * floats);
			INDArray x = first(input, count);
			for (int i = 0; i < blocks.size(); i++) {
				ConvBlock b = blocks.get(i);
				INDArray conv = first(activations.get(i)[0], count);
				Nd4j.exec(new Conv2D(new INDArray[] { x, b.weights(), b.bias() }, new INDArray[] { conv }, b.config()));
				x = conv;
				if (b.pool()) {
					x = first(activations.get(i)[1], count);
					Nd4j.exec(new MaxPooling2D(conv, x, POOL_2X2));
				}
				if (b.relu()) Transforms.relu(x, false);
			}
			int perCell = featureChannels * featurePixels;
			x.data().asNioFloat().get(0, features, 0, count * perCell);
			for (int i = 0; i < count; i++) out[from + i] = head(i * perCell);
		}

		/** Global average pooling, the dense layers and softmax of the cell whose features start at {@code offset}. */
		private float[] head(int offset) {
			float[] h = hidden;
			int width = featureChannels, at = 0;
			Arrays.fill(h, 0, featureChannels, 0f);
			for (int p = 0; p < featurePixels; p++)
				for (int c = 0, pixel = offset + p * featureChannels; c < featureChannels; c++) h[c] += features[pixel + c];
			for (int c = 0; c < featureChannels; c++) h[c] /= featurePixels;
			for (Dense d : dense) {
				int next = at == 0 ? h.length / 2 : 0;
				System.arraycopy(d.bias(), 0, h, next, d.out());
				for (int i = 0; i < d.in(); i++) {
					float v = h[at + i];
					if (v == 0) continue;
					for (int o = 0, w = i * d.out(); o < d.out(); o++) h[next + o] += v * d.weights()[w + o];
				}
				at = next;
				width = d.out();
				if (d.activation().equals("relu")) for (int o = 0; o < width; o++) h[at + o] = Math.max(0, h[at + o]);
			}
			// softmax: the last layer's activation, checked when built
			double max = Double.NEGATIVE_INFINITY, sum = 0;
			for (int o = 0; o < width; o++) max = Math.max(max, h[at + o]);
			for (int o = 0; o < width; o++) sum += Math.exp(h[at + o] - max);
			float[] p = new float[width];
			for (int o = 0; o < width; o++) p[o] = (float) (Math.exp(h[at + o] - max) / sum);
			return p;
		}

		/** The first {@code n} entries of a batch array (a view; the array itself when full). */
		private INDArray first(INDArray a, int n) {
			return n == capacity ? a : a.get(NDArrayIndex.interval(0, n));
		}
	}
}

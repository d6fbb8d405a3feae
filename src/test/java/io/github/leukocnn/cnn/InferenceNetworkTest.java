package io.github.leukocnn.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.github.leukocnn.crop.CellCropper;
import io.github.leukocnn.crop.WhiteBalance;

/**
 * The inference copy (batch norm folded, ReLU after pooling, Java head, parallel workers) gives the
 * DL4J network's probabilities within 1e-4, for any network NetworkFactory builds and for the
 * shipped models; networks of another shape are left to DL4J.
 */
class InferenceNetworkTest {

	static final double TOLERANCE = 1e-4;

	/** Random crops in 0..1, planar RGB. */
	static float[] randomCrops(int n, int size, long seed) {
		float[] x = new float[n * 3 * size * size];
		SplittableRandom r = new SplittableRandom(seed);
		for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
		return x;
	}

	/**
	 * A NetworkFactory network whose batch-norm statistics and affine parameters are far from the
	 * identity of a fresh network, so that folding is really exercised: population statistics from
	 * a data sample (as training leaves them), then random γ and β.
	 */
	static MultiLayerNetwork trainedLike(int size, int classes, int[] channels, int dense, long seed) {
		MultiLayerNetwork net = NetworkFactory.build(size, classes, channels, dense, 1e-3, null, seed);
		BatchNormRecalibration.recalibrate(net, Nd4j.create(randomCrops(32, size, seed + 1), new long[] { 32, 3, size, size }));
		SplittableRandom r = new SplittableRandom(seed + 2);
		for (int l = 0; l < net.getnLayers(); l++) {
			Layer layer = net.getLayer(l);
			if (!(layer.conf().getLayer() instanceof BatchNormalization)) continue;
			for (String key : List.of("gamma", "beta")) {
				INDArray p = layer.getParam(key);
				for (int i = 0; i < p.length(); i++) p.putScalar(i, key.equals("gamma") ? 0.5 + r.nextDouble() : r.nextDouble() - 0.5);
			}
		}
		return net;
	}

	static double maxDifference(float[][] a, float[][] b) {
		assertEquals(a.length, b.length);
		double d = 0;
		for (int i = 0; i < a.length; i++) {
			assertEquals(a[i].length, b[i].length);
			for (int j = 0; j < a[i].length; j++) d = Math.max(d, Math.abs(a[i][j] - b[i][j]));
		}
		return d;
	}

	static float[][] dl4j(MultiLayerNetwork net, float[] crops, int n, int size) {
		float[] first = java.util.Arrays.copyOf(crops, n * 3 * size * size);
		return net.output(Nd4j.create(first, new long[] { n, 3, size, size }), false).toFloatMatrix();
	}

	@Test
	void equalsTheNetworkForFactoryShapesBatchSizesAndWorkers() {
		record Shape(int size, int[] channels, int dense, int classes) {}
		for (Shape s : List.of(new Shape(16, new int[] { 4, 8 }, 8, 3), new Shape(32, NetworkFactory.DEFAULT_CHANNELS, 64, 4),
			new Shape(40, new int[] { 8, 16, 16, 24 }, 16, 2), // 40 → 20 → 10 → 5 → 2: odd sizes truncate
			new Shape(48, new int[] { 24, 48, 96, 192 }, 64, 8), new Shape(64, new int[] { 8, 16, 32, 32, 48 }, 32, 5))) {
			MultiLayerNetwork net = trainedLike(s.size(), s.classes(), s.channels(), s.dense(), s.size());
			float[] crops = randomCrops(40, s.size(), 7);
			for (int threads : new int[] { 1, 2, 3 }) {
				InferenceNetwork copy = InferenceNetwork.of(net, s.size(), 40, threads);
				assertNotNull(copy, "size " + s.size());
				for (int n : new int[] { 40, 17, 1 }) {
					float[][] got = copy.output(crops, n);
					double d = maxDifference(dl4j(net, crops, n, s.size()), got);
					assertTrue(d <= TOLERANCE, "size " + s.size() + ", " + threads + " threads, " + n + " crops: max difference " + d);
					float sum = 0;
					for (float p : got[0]) sum += p;
					assertEquals(1, sum, 1e-5);
				}
			}
			// chunks never exceed a worker's capacity (24 crops, 3 workers of 8: 15 crops need 2 chunks)
			InferenceNetwork small = InferenceNetwork.of(net, s.size(), 24, 3);
			for (int n : new int[] { 24, 15, 9, 7 })
				assertTrue(maxDifference(dl4j(net, crops, n, s.size()), small.output(crops, n)) <= TOLERANCE, n + " of 24");
			// deterministic: the same input gives the same output, bit for bit
			InferenceNetwork copy = InferenceNetwork.of(net, s.size(), 40, 2);
			int threads = Nd4j.getEnvironment().maxThreads(), blas = Nd4j.factory().blas().getMaxThreads();
			assertEquals(0, maxDifference(copy.output(crops, 40), copy.output(crops, 40)));
			// ND4J's own thread settings (training, other callers) are as they were
			assertEquals(threads, Nd4j.getEnvironment().maxThreads());
			assertEquals(blas, Nd4j.factory().blas().getMaxThreads());
		}
	}

	@Test
	void shippedModelsRunThroughTheCopyWithTheirOwnProbabilities() throws IOException {
		var field = ClassifyBenchmark.syntheticField(600, 500, 60, 11);
		for (String name : ModelFile.SHIPPED) {
			ModelFile.Model model = ModelFile.load(name);
			int size = model.card().cropSize(), per = 3 * size * size;
			CnnCellClassifier fast = new CnnCellClassifier(model, 64), plain = new CnnCellClassifier(model, 64, false);
			assertTrue(fast.usesInferenceCopy(), name);
			assertFalse(plain.usesInferenceCopy());
			// random input, and crops of a smear field as classify makes them (white-balanced by the classifier)
			float[] random = randomCrops(64, size, 3);
			float[] cells = new float[64 * per];
			SplittableRandom r = new SplittableRandom(5);
			for (int i = 0; i < 64; i++)
				CellCropper.crop((int[]) field.getPixels(), 600, 500, r.nextDouble() * 600, r.nextDouble() * 500, 60, model.card().cropSpec(), cells,
					i * per);
			for (float[] crops : List.of(random, cells))
				for (int n : new int[] { 64, 5 }) {
					System.arraycopy(crops, 0, fast.buffer(), 0, crops.length);
					System.arraycopy(crops, 0, plain.buffer(), 0, crops.length);
					double d = maxDifference(plain.classifyBuffered(n), fast.classifyBuffered(n));
					assertTrue(d <= TOLERANCE, name + ", " + n + " crops: max difference " + d);
				}
			// and against the raw network on balanced crops (no calibration in between)
			float[] balanced = cells.clone();
			for (int i = 0; i < 64; i++) WhiteBalance.apply(balanced, i * per, size);
			InferenceNetwork copy = InferenceNetwork.of(model.network(), size, 64, 2);
			assertTrue(maxDifference(dl4j(model.network(), balanced, 64, size), copy.output(balanced, 64)) <= TOLERANCE, name);
		}
	}

	@Test
	void closingFreesTheCopyButNotTheNetwork() {
		int size = 32;
		MultiLayerNetwork net = trainedLike(size, 4, new int[] { 8, 16 }, 16, 11);
		float[] crops = randomCrops(5, size, 12);
		InferenceNetwork copy = InferenceNetwork.of(net, size, 16, 2);
		float[][] before = copy.output(crops, 5);
		copy.close();
		copy.close(); // idempotent
		IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> copy.output(crops, 5));
		assertTrue(e.getMessage().contains("closed"), e.getMessage());
		assertTrue(maxDifference(before, dl4j(net, crops, 5, size)) <= TOLERANCE, "the DL4J network is untouched");
	}

	@Test
	void otherShapesAreLeftToDl4j() {
		// average pooling instead of max, and a conv layer with a sigmoid: not the factory's blocks
		MultiLayerNetwork avg = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT).list()
			.layer(new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Same)
				.activation(Activation.SIGMOID).build())
			.layer(new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2).build())
			.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
			.layer(new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build())
			.setInputType(InputType.convolutional(16, 16, 3)).build());
		avg.init();
		assertNull(InferenceNetwork.of(avg, 16, 8, 2));
		ModelCard card = ModelFileTest.card(16, List.of("a", "b"), 1);
		CnnCellClassifier clf = new CnnCellClassifier(new ModelFile.Model(avg, card), 8);
		assertFalse(clf.usesInferenceCopy());
		float[] crops = randomCrops(8, 16, 9);
		System.arraycopy(crops, 0, clf.buffer(), 0, crops.length);
		float[][] expected = CnnCellClassifier.calibrate(dl4j(avg, crops, 8, 16), card.temperature());
		assertTrue(maxDifference(expected, clf.classifyBuffered(8)) <= 1e-6);
	}
}

package io.github.leukocnn.cnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import io.github.leukocnn.cnn.NetworkFactory;

class FastTrainingLayersTest {

	private static final int SIZE = 32, BATCH = 16, CLASSES = 4;

	private static MultiLayerNetwork network() {
		return NetworkFactory.build(SIZE, CLASSES, new int[] { 8, 16 }, 16, 0.002, null, 42);
	}

	private static DataSet batch() {
		return TrainingBenchmark.randomBatch(BATCH, SIZE, CLASSES);
	}

	private static INDArray gradient(MultiLayerNetwork net, DataSet d) {
		Nd4j.getRandom().setSeed(7); // same dropout mask
		net.setInput(d.getFeatures());
		net.setLabels(d.getLabels());
		net.computeGradientAndScore();
		return net.gradient().gradient().dup();
	}

	@Test
	void givesEveryConvolutionBatchNormAndPoolingLayerAHelperOnce() {
		MultiLayerNetwork net = network();
		assertEquals(6, FastTrainingLayers.install(net), "2 convolution + 2 batch-norm + 2 pooling layers");
		assertEquals(0, FastTrainingLayers.install(net), "layers that have a helper keep it");
		assertEquals(6, FastTrainingLayers.install(net.clone()), "a clone's layers start without helpers");
	}

	@Test
	void gradientsMatchDl4jsBuiltInLayersAndNoHelperFallsBack() throws Exception {
		DataSet d = batch();
		INDArray builtIn = gradient(network(), d);
		MultiLayerNetwork fast = network();
		FastTrainingLayers.install(fast);
		INDArray helped = gradient(fast, d);
		double relative = builtIn.sub(helped).norm2Number().doubleValue() / builtIn.norm2Number().doubleValue();
		assertTrue(relative < 1e-4, "relative gradient difference " + relative);
		fast.fit(d);
		for (Layer layer : fast.getLayers()) {
			Class<?> owner = layer instanceof ConvolutionLayer ? ConvolutionLayer.class
				: layer instanceof BatchNormalization ? BatchNormalization.class
				: layer instanceof SubsamplingLayer ? SubsamplingLayer.class : null;
			if (owner == null) continue;
			Field fails = owner.getDeclaredField("helperCountFail");
			fails.setAccessible(true);
			assertEquals(0, fails.getInt(layer), "the helper of " + layer.getClass().getSimpleName() + " failed and DL4J fell back");
			if (layer instanceof BatchNormalization) {
				// a helper that declines an input (returns null) is not counted as failed: it must have run
				Field helper = owner.getDeclaredField("helper");
				helper.setAccessible(true);
				PlaneBatchNormHelper planes = assertInstanceOf(PlaneBatchNormHelper.class, helper.get(layer));
				assertNotNull(planes.getMeanCache(DataType.FLOAT), "the Java batch normalisation declined the layer's input");
			}
		}
	}

	@Test
	void turnedOffByTheSystemProperty() {
		System.setProperty(FastTrainingLayers.PROPERTY, "false");
		try {
			assertEquals(0, FastTrainingLayers.install(network()));
		}
		finally {
			System.clearProperty(FastTrainingLayers.PROPERTY);
		}
	}
}

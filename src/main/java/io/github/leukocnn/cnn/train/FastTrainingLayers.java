package io.github.leukocnn.cnn.train;

import java.lang.reflect.Field;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gives the convolution, batch-normalisation and pooling layers of a network fast implementations
 * for training. Convolution and pooling get DL4J's own oneDNN implementations ({@link MKLDNNConvHelper},
 * {@link MKLDNNSubsamplingHelper}): DL4J 1.0.0-M2.1 ships them but never turns them on, because its
 * availability check ({@code BaseMKLDNNHelper.mklDnnEnabled}) looks up
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment}, a class the CPU backend ships under
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings}, so every layer falls back to im2col + gemm.
 * Batch normalisation gets {@link PlaneBatchNormHelper} (plain Java, since session 14), which was
 * faster than both DL4J's built-in layer and its oneDNN helper. Measured by
 * {@code leukocnn benchmark-training} on this project's 2-core machine (batch of 64): a training
 * step of the session-4 leukocyte-types network (64-px crops) took 1,562 ms with DL4J's built-in
 * layers and 441 ms with the oneDNN helpers, all-screening's (32 px) 351 and 122 ms; the pooling
 * helper came later (session 13: 595 → 576 ms for the 80-px leukocyte-types network, 133 → 122 ms
 * for all-screening), then the Java batch normalisation (session 14, figures in docs/models). The
 * gradients agree with DL4J's built-in layers to about 1e-5 relative ({@code FastTrainingLayersTest})
 * and repeat exactly from run to run.
 *
 * <p>The layers keep DL4J's fallback: a helper that fails or declines an input is counted or
 * skipped and the built-in path runs. {@code -Dleukocnn.onednn.training=false} leaves the layers as
 * DL4J builds them.
 */
public final class FastTrainingLayers {

	/** System property that turns the helpers off ({@code false}); its name predates the Java batch normalisation. */
	public static final String PROPERTY = "leukocnn.onednn.training";

	private FastTrainingLayers() {}

	/**
	 * Installs the helpers in every convolution, batch-normalisation and pooling layer of {@code net} that
	 * has none. Needed again for a network made by {@code clone()} or by loading a file.
	 *
	 * @return the number of layers given a helper (0 if turned off, on a non-CPU backend, or if this
	 *         DL4J version's layers do not have the expected fields)
	 */
	public static int install(MultiLayerNetwork net) {
		if (!enabled()) return 0;
		int installed = 0;
		for (Layer layer : net.getLayers()) {
			try {
				if (layer.getClass() == ConvolutionLayer.class) // not its subclasses (e.g. depthwise)
					installed += setIfAbsent(layer, ConvolutionLayer.class, new MKLDNNConvHelper(net.getLayerWiseConfigurations().getDataType()));
				else if (layer instanceof BatchNormalization)
					installed += setIfAbsent(layer, BatchNormalization.class, new PlaneBatchNormHelper());
				else if (layer.getClass() == SubsamplingLayer.class)
					installed += setIfAbsent(layer, SubsamplingLayer.class, new MKLDNNSubsamplingHelper(net.getLayerWiseConfigurations().getDataType()));
			}
			catch (ReflectiveOperationException | RuntimeException e) {
				return installed; // another DL4J version: its own (slower) path stays
			}
		}
		return installed;
	}

	/** True unless turned off by {@value #PROPERTY} or ND4J runs on another backend than the CPU. */
	public static boolean enabled() {
		return !"false".equalsIgnoreCase(System.getProperty(PROPERTY))
			&& "CPU".equalsIgnoreCase(Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));
	}

	private static int setIfAbsent(Layer layer, Class<?> owner, Object helper) throws ReflectiveOperationException {
		Field field = owner.getDeclaredField("helper");
		field.setAccessible(true);
		if (field.get(layer) != null) return 0;
		field.set(layer, helper);
		return 1;
	}
}

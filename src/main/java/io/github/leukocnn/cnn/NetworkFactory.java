package io.github.leukocnn.cnn;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
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
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The LeukoCNN cell network, in the spirit of the paper's CNN but sized for a laptop CPU:
 * blocks of 3×3 convolution + batch normalisation + ReLU + 2×2 max pooling, then global average
 * pooling, one dense layer, dropout and a softmax over the cell classes. Input is NCHW float RGB.
 */
public final class NetworkFactory {

	/** Channels of the convolution blocks; each block halves the resolution. */
	public static final int[] DEFAULT_CHANNELS = { 16, 32, 64, 96 };

	private NetworkFactory() {}

	/** The convolution channels and dense width of a network built here. */
	public record Shape(int[] channels, int dense) {}

	/** The {@link Shape} of {@code net}, read from its layers (e.g. to continue training a shipped network). */
	public static Shape shapeOf(MultiLayerNetwork net) {
		List<Integer> channels = new ArrayList<>();
		int dense = -1;
		for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
			var conf = l.conf().getLayer();
			if (conf instanceof ConvolutionLayer c) channels.add((int) c.getNOut());
			else if (conf instanceof DenseLayer d) dense = (int) d.getNOut();
		}
		return new Shape(channels.stream().mapToInt(Integer::intValue).toArray(), dense);
	}

	/**
	 * @param cropSize side of the square input crop in pixels
	 * @param classes number of output classes
	 * @param classWeights loss weight per class (null = all 1), e.g. inverse class frequency
	 */
	public static MultiLayerNetwork build(int cropSize, int classes, int[] channels, int dense,
		double learningRate, float[] classWeights, long seed)
	{
		return build(cropSize, classes, channels, dense, learningRate, 1, classWeights, seed);
	}

	/**
	 * @param lrDecay the learning rate is multiplied by this each epoch (1 = constant); the caller
	 *          sets the network's epoch count
	 */
	public static MultiLayerNetwork build(int cropSize, int classes, int[] channels, int dense,
		double learningRate, double lrDecay, float[] classWeights, long seed)
	{
		Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
		NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
			.seed(seed)
			.dataType(DataType.FLOAT)
			.updater(lrDecay == 1 ? new Adam(learningRate)
				: new Adam(new ExponentialSchedule(ScheduleType.EPOCH, learningRate, lrDecay)))
			.weightInit(WeightInit.RELU)
			.l2(1e-4)
			.list();
		int nIn = 3;
		for (int c : channels) {
			b.layer(new ConvolutionLayer.Builder(3, 3).nIn(nIn).nOut(c).convolutionMode(ConvolutionMode.Same)
				.activation(Activation.IDENTITY).hasBias(false).build());
			b.layer(new BatchNormalization.Builder().build());
			b.layer(new ActivationLayer(Activation.RELU));
			b.layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build());
			nIn = c;
		}
		b.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
		b.layer(new DenseLayer.Builder().nOut(dense).activation(Activation.RELU).build());
		b.layer(new DropoutLayer.Builder(0.7).build()); // DL4J: retain probability
		LossMCXENT loss = classWeights == null ? new LossMCXENT()
			: new LossMCXENT(Nd4j.createFromArray(classWeights));
		b.layer(new OutputLayer.Builder(loss).nOut(classes).activation(Activation.SOFTMAX).build());
		b.setInputType(InputType.convolutional(cropSize, cropSize, 3));
		MultiLayerConfiguration conf = b.build();
		MultiLayerNetwork net = new MultiLayerNetwork(conf);
		net.init();
		return net;
	}
}

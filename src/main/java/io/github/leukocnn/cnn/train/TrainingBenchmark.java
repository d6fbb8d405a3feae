package io.github.leukocnn.cnn.train;

import java.util.Arrays;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Time of one training step (forward, backward, Adam update) of a network on a random batch,
 * with DL4J's built-in layers and with {@link FastTrainingLayers}, measured alternately in one JVM.
 */
public final class TrainingBenchmark {

	/** Median milliseconds per step of each variant. */
	public record StepTimes(double builtInMs, double fastMs) {
		public double ratio() {
			return builtInMs / fastMs;
		}
	}

	private TrainingBenchmark() {}

	/**
	 * @param architecture the network to copy (its layers and parameters; it is not changed)
	 * @param rounds alternating rounds; each times {@code steps} steps of both variants after one
	 *          warm-up step
	 */
	public static StepTimes measure(MultiLayerNetwork architecture, int cropSize, int batch, int steps, int rounds) {
		DataSet data = randomBatch(batch, cropSize, architecture.layerSize(architecture.getnLayers() - 1));
		MultiLayerNetwork builtIn = architecture.clone(), fast = architecture.clone();
		FastTrainingLayers.install(fast);
		builtIn.fit(data);
		fast.fit(data);
		double[] a = new double[rounds * steps], b = new double[rounds * steps];
		for (int r = 0; r < rounds; r++)
			for (int s = 0; s < steps; s++) {
				a[r * steps + s] = timeStep(builtIn, data);
				b[r * steps + s] = timeStep(fast, data);
			}
		return new StepTimes(median(a), median(b));
	}

	/** {@code batch} uniform random RGB crops (seeded), labelled with the classes in turn. */
	static DataSet randomBatch(int batch, int cropSize, int classes) {
		Nd4j.getRandom().setSeed(1);
		INDArray x = Nd4j.rand(DataType.FLOAT, batch, 3, cropSize, cropSize);
		INDArray y = Nd4j.zeros(DataType.FLOAT, batch, classes);
		for (int i = 0; i < batch; i++) y.putScalar(i, i % classes, 1);
		return new DataSet(x, y);
	}

	private static double timeStep(MultiLayerNetwork net, DataSet data) {
		long t0 = System.nanoTime();
		net.fit(data);
		return (System.nanoTime() - t0) / 1e6;
	}

	private static double median(double[] v) {
		double[] s = v.clone();
		Arrays.sort(s);
		return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
	}
}

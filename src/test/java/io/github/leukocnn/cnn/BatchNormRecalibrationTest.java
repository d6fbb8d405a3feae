package io.github.leukocnn.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Recalibrated batch-norm statistics match the sample and live in the saved parameters. */
class BatchNormRecalibrationTest {

	@TempDir
	Path dir;

	@Test
	void statisticsMatchSampleAndAreSaved() throws IOException {
		MultiLayerNetwork net = ModelFileTest.net(16, 2);
		Nd4j.getRandom().setSeed(3);
		INDArray x = Nd4j.rand(DataType.FLOAT, 64, 3, 16, 16).muli(0.5).addi(0.3);
		INDArray before = net.params().dup();
		BatchNormRecalibration.recalibrate(net, x);
		assertTrue(!before.equals(net.params()), "the flattened parameter vector changed (in-place update)");
		// the intermediate arrays are freed, the caller's sample is not: it is recalibrated with again every epoch
		assertFalse(x.wasClosed(), "the caller's sample was freed");
		INDArray once = net.params().dup();
		BatchNormRecalibration.recalibrate(net, x);
		assertEquals(once, net.params(), "recalibrating again with the same sample changes nothing");
		// after recalibration every BN layer's output over the sample has zero mean, unit variance per
		// channel (gamma 1, beta 0): the deeper layers' statistics are those of inputs already normalised
		int checked = 0;
		for (int l = 0; l < net.getnLayers(); l++) {
			if (!(net.getLayer(l).conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization)) continue;
			INDArray bnOut = net.feedForwardToLayer(l, x, false).get(l + 1);
			float[] mean = bnOut.mean(0, 2, 3).toFloatVector();
			float[] var = bnOut.var(false, 0, 2, 3).toFloatVector();
			for (int c = 0; c < mean.length; c++) {
				assertEquals(0, mean[c], 1e-3, "layer " + l + ": mean of channel " + c);
				assertEquals(1, var[c], 0.02, "layer " + l + ": variance of channel " + c);
			}
			checked++;
		}
		assertTrue(checked >= 2, "the test network has several batch-norm layers: " + checked);
		Path f = dir.resolve("m.zip");
		ModelFile.save(net, ModelFileTest.card(16, List.of("a", "b"), 1), f, false);
		MultiLayerNetwork loaded = ModelFile.load(f).network();
		assertArrayEquals(net.output(x, false).reshape(128).toFloatVector(), loaded.output(x, false).reshape(128).toFloatVector(), 1e-5f);
	}
}

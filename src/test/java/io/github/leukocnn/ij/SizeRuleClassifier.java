package io.github.leukocnn.ij;

import java.util.List;
import java.util.Set;

import io.github.leukocnn.classify.CellClassifier;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.segment.Segmentation;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.ARGBType;

/**
 * Stand-in for the CNN with answers a test can know: cells larger than {@link #AREA} pixels are "pre"
 * (probability 0.9), smaller ones "benign" (0.8); the field probabilities are the mean of the cells'.
 * Class names of the ALL screening model, so outlines get the palette's colours. Public no-argument
 * constructor: usable through the leukocnn.classifier property.
 */
public final class SizeRuleClassifier implements CellClassifier {

	public static final double AREA = 600;

	@Override
	public List<String> classes() {
		return List.of("benign", "pre");
	}

	@Override
	public Set<String> positiveClasses() {
		return Set.of("pre");
	}

	@Override
	public float[][] classifyCells(RandomAccessibleInterval<ARGBType> rgb, Segmentation segmentation, ProgressListener progress) {
		float[][] p = new float[segmentation.cellCount()][];
		for (int i = 0; i < p.length; i++) {
			progress.checkCancelled();
			p[i] = segmentation.measurements().get(i).area() > AREA ? new float[] { 0.1f, 0.9f } : new float[] { 0.8f, 0.2f };
		}
		return p;
	}

	@Override
	public float[] classifySingleCell(RandomAccessibleInterval<ARGBType> rgb) {
		return new float[] { 0.5f, 0.5f };
	}

	@Override
	public float[] aggregateField(float[][] cellProbabilities) {
		if (cellProbabilities.length == 0) return new float[] { 0.9f, 0.1f };
		float[] mean = new float[2];
		for (float[] p : cellProbabilities)
			for (int c = 0; c < 2; c++)
				mean[c] += p[c] / cellProbabilities.length;
		return mean;
	}
}

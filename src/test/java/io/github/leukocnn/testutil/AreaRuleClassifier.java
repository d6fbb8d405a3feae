package io.github.leukocnn.testutil;

import java.util.List;
import java.util.Set;

import io.github.leukocnn.classify.CellClassifier;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.segment.CellMeasurements;
import io.github.leukocnn.segment.Segmentation;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.view.Views;

/**
 * A deterministic stand-in for the CNN in tests of reports and commands: two classes,
 * "normal" and "blast" (positive). A segmented cell is a blast with probability
 * 1 / (1 + exp(-(area - threshold) / 10)), i.e. big cells are blasts; a single-cell image uses the
 * fraction of dark pixels instead. The field probability is the mean of the cells' (prior 0.8 / 0.2
 * when there are none). Simple enough that tests can compute the expected numbers by hand.
 */
public final class AreaRuleClassifier implements CellClassifier {

	public static final List<String> CLASSES = List.of("normal", "blast");
	public static final float[] PRIOR = { 0.8f, 0.2f };

	private final double areaThreshold;

	public AreaRuleClassifier(double areaThreshold) {
		this.areaThreshold = areaThreshold;
	}

	@Override
	public List<String> classes() {
		return CLASSES;
	}

	@Override
	public Set<String> positiveClasses() {
		return Set.of("blast");
	}

	public float[] probabilities(double area) {
		float blast = (float) (1 / (1 + Math.exp(-(area - areaThreshold) / 10)));
		return new float[] { 1 - blast, blast };
	}

	@Override
	public float[][] classifyCells(RandomAccessibleInterval<ARGBType> rgb, Segmentation segmentation, ProgressListener progress) {
		List<CellMeasurements> cells = segmentation.measurements();
		float[][] p = new float[cells.size()][];
		for (int i = 0; i < p.length; i++) {
			progress.checkCancelled();
			p[i] = probabilities(cells.get(i).area());
		}
		return p;
	}

	@Override
	public float[] classifySingleCell(RandomAccessibleInterval<ARGBType> rgb) {
		long dark = 0, all = 0;
		Cursor<ARGBType> c = Views.flatIterable(rgb).cursor();
		while (c.hasNext()) {
			int v = c.next().get();
			int grey = (ARGBType.red(v) + ARGBType.green(v) + ARGBType.blue(v)) / 3;
			if (grey < 128) dark++;
			all++;
		}
		float blast = (float) dark / all;
		return new float[] { 1 - blast, blast };
	}

	@Override
	public float[] aggregateField(float[][] cellProbabilities) {
		if (cellProbabilities.length == 0) return PRIOR.clone();
		float[] mean = new float[2];
		for (float[] p : cellProbabilities)
			for (int c = 0; c < 2; c++)
				mean[c] += p[c] / cellProbabilities.length;
		return mean;
	}
}

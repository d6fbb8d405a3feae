package io.github.leukocnn.cnn;

import java.util.SplittableRandom;

import io.github.leukocnn.crop.CellCropper;
import io.github.leukocnn.image.RgbImages;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.segment.SegmentationSettings;
import ij.process.ColorProcessor;

/** Speed of a model: batched cells per second, and milliseconds per field for segmentation + classification. */
public final class ClassifyBenchmark {

	private ClassifyBenchmark() {}

	/** Cells per second of batched classification (crop + network), measured over about {@code seconds}. */
	public static double cellsPerSecond(CnnCellClassifier clf, int[] field, int w, int h, double seconds) {
		SplittableRandom rnd = new SplittableRandom(1);
		int per = 3 * clf.card().cropSize() * clf.card().cropSize();
		int b = clf.batchSize();
		// warm-up
		fill(clf, field, w, h, rnd, b, per);
		clf.classifyBuffered(b);
		long t0 = System.nanoTime();
		long cells = 0;
		while ((System.nanoTime() - t0) / 1e9 < seconds) {
			fill(clf, field, w, h, rnd, b, per);
			clf.classifyBuffered(b);
			cells += b;
		}
		return cells / ((System.nanoTime() - t0) / 1e9);
	}

	private static void fill(CnnCellClassifier clf, int[] field, int w, int h, SplittableRandom rnd, int b, int per) {
		for (int i = 0; i < b; i++)
			CellCropper.crop(field, w, h, rnd.nextDouble() * w, rnd.nextDouble() * h, 40, clf.card().cropSpec(), clf.buffer(), i * per);
	}

	/** Result of one timed field. */
	public record FieldTiming(double segmentMs, double classifyMs, int cells) {}

	public static FieldTiming field(CnnCellClassifier clf, LeukocyteSegmenter segmenter, ColorProcessor cp, double cellDiameter) {
		var rgb = RgbImages.wrap(cp);
		long t0 = System.nanoTime();
		Segmentation seg = segmenter.segment(rgb, SegmentationSettings.defaults().withCellDiameter(cellDiameter));
		long t1 = System.nanoTime();
		float[][] p = clf.classifyCells(rgb, seg, ProgressListener.NONE);
		clf.aggregateField(p);
		long t2 = System.nanoTime();
		return new FieldTiming((t1 - t0) / 1e6, (t2 - t1) / 1e6, seg.cellCount());
	}

	/**
	 * A synthetic smear field: pale background, pink red cells and a few violet leukocytes with a
	 * dark nucleus; deterministic for a seed. For timing only.
	 */
	public static ColorProcessor syntheticField(int w, int h, double leukocyteDiameter, long seed) {
		ColorProcessor cp = new ColorProcessor(w, h);
		int[] px = (int[]) cp.getPixels();
		java.util.Arrays.fill(px, 0xffe8e0d8);
		SplittableRandom rnd = new SplittableRandom(seed);
		double rbc = leukocyteDiameter * 0.7;
		int nRbc = (int) (w * h / (rbc * rbc) * 0.5);
		for (int i = 0; i < nRbc; i++) disc(px, w, h, rnd.nextDouble() * w, rnd.nextDouble() * h, rbc / 2, 0xffd89090);
		int nWbc = Math.max(1, (int) (w * h / (leukocyteDiameter * leukocyteDiameter) / 60));
		for (int i = 0; i < nWbc; i++) {
			double x = rnd.nextDouble() * w, y = rnd.nextDouble() * h;
			disc(px, w, h, x, y, leukocyteDiameter / 2, 0xffb0a0d0);
			disc(px, w, h, x, y, leukocyteDiameter / 3, 0xff503080);
		}
		return cp;
	}

	private static void disc(int[] px, int w, int h, double cx, double cy, double r, int colour) {
		for (int y = (int) Math.max(0, cy - r); y <= Math.min(h - 1, cy + r); y++)
			for (int x = (int) Math.max(0, cx - r); x <= Math.min(w - 1, cx + r); x++)
				if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) px[y * w + x] = colour;
	}
}

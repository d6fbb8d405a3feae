package io.github.leukocnn.cnn;

import java.util.SplittableRandom;

import io.github.leukocnn.image.RgbImages;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.segment.CellMeasurements;
import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.segment.SegmentationSettings;
import ij.process.ColorProcessor;

/** Speed of a model: batched cells per second, and milliseconds per field for segmentation + classification. */
public final class ClassifyBenchmark {

	private ClassifyBenchmark() {}

	/**
	 * Cells per second of batched classification as {@code classify} runs it (crop, white balance,
	 * network, calibration: {@link CnnCellClassifier#classifyCells}), over about {@code seconds},
	 * for batches of random cell positions in {@code field}.
	 */
	public static double cellsPerSecond(CnnCellClassifier clf, int[] field, int w, int h, double seconds) {
		SplittableRandom rnd = new SplittableRandom(1);
		var rgb = net.imglib2.img.array.ArrayImgs.argbs(field, w, h);
		Segmentation[] batches = new Segmentation[4];
		for (int b = 0; b < batches.length; b++) batches[b] = randomCells(w, h, clf.batchSize(), 40, rnd);
		// warm-up, untimed, for a quarter of the time (at most 1 s): one batch was not enough; the first
		// of several measurements in one JVM came out 10-40% below the next ones (JIT, oneDNN kernels,
		// and the OpenMP threads of a DL4J run just before still spinning)
		long w0 = System.nanoTime();
		for (int b = 0; b == 0 || (System.nanoTime() - w0) / 1e9 < Math.min(1.0, seconds / 4); b = (b + 1) % batches.length)
			clf.classifyCells(rgb, batches[b], ProgressListener.NONE);
		long t0 = System.nanoTime();
		long cells = 0;
		for (int b = 0; (System.nanoTime() - t0) / 1e9 < seconds; b = (b + 1) % batches.length) {
			clf.classifyCells(rgb, batches[b], ProgressListener.NONE);
			cells += clf.batchSize();
		}
		return cells / ((System.nanoTime() - t0) / 1e9);
	}

	/** {@code n} cells of the given diameter at random positions (centres and diameter only, no masks). */
	static Segmentation randomCells(int w, int h, int n, double diameter, SplittableRandom rnd) {
		java.util.List<CellMeasurements> cells = new java.util.ArrayList<>();
		for (int i = 0; i < n; i++)
			cells.add(new CellMeasurements(i + 1, 0, 0, 1, 1, rnd.nextDouble() * w, rnd.nextDouble() * h, 1, 1, 1, 1, 0, 0, 0, 0, 0, false));
		var empty = net.imglib2.img.array.ArrayImgs.unsignedShorts(1, 1);
		return new Segmentation(empty, empty, cells, diameter);
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

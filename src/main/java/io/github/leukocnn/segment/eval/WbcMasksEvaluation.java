package io.github.leukocnn.segment.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.process.ColorProcessor;
import io.github.leukocnn.image.RgbImages;
import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.segment.SegmentationSettings;

/**
 * Dice of whole cells and nuclei on the wbc-masks data set (Zheng et al. 2018, Dataset 1):
 * {@code images/NNN.bmp} with {@code masks/NNN.png} (0 background, 128 cytoplasm, 255 nucleus).
 * Whole cell: every cell label &gt; 0 against mask &gt; 0; nucleus: every nucleus label &gt; 0 against
 * mask == 255. All predicted cells of the crop count (a second, cut leukocyte in a crop is a
 * false positive if the mask omits it).
 */
public final class WbcMasksEvaluation {

	public record Result(int images, double meanCellDice, double meanNucleusDice, List<ImageScore> cellDice,
		List<ImageScore> nucleusDice, double medianMillis) {}

	private WbcMasksEvaluation() {}

	/** The image files of the data set, sorted by name; {@code step} > 1 takes every step-th. */
	public static List<Path> images(Path dir, int step) throws IOException {
		return DataSetFiles.images(dir, "masks", ".bmp", "wbc-masks", step);
	}

	public static Result evaluate(Path dir, int step, LeukocyteSegmenter segmenter, SegmentationSettings settings,
		int threads) throws IOException
	{
		List<Path> files = images(dir, step);
		ImageScore[] cell = new ImageScore[files.size()], nuc = new ImageScore[files.size()];
		double[] ms = new double[files.size()];
		Parallel.forEach(files.size(), threads, i -> {
			Path img = files.get(i);
			String name = img.getFileName().toString();
			Path mask = dir.resolve("masks").resolve(name.substring(0, name.lastIndexOf('.')) + ".png");
			ColorProcessor cp = io.github.leukocnn.io.SmearImages.openRgb(img);
			int[] size = new int[2];
			int[] m = MaskImages.readGrey(mask, size);
			if (size[0] != cp.getWidth() || size[1] != cp.getHeight())
				throw new IOException("mask size differs from image size: " + mask);
			long t0 = System.nanoTime();
			Segmentation s = segmenter.segment(RgbImages.wrap(cp), settings);
			ms[i] = (System.nanoTime() - t0) / 1e6;
			short[] cl = s.cellPixels(), nl = s.nucleusPixels();
			int n = m.length;
			boolean[] pc = new boolean[n], gc = new boolean[n], pn = new boolean[n], gn = new boolean[n];
			for (int p = 0; p < n; p++) {
				pc[p] = cl[p] != 0;
				pn[p] = nl[p] != 0;
				gc[p] = m[p] > 0;
				gn[p] = m[p] == 255;
			}
			String detail = s.cellCount() + " cells, D=" + Math.round(s.cellDiameter());
			cell[i] = new ImageScore(name, Dice.of(pc, gc), detail);
			nuc[i] = new ImageScore(name, Dice.of(pn, gn), detail);
		});
		return new Result(files.size(), mean(cell), mean(nuc), List.of(cell), List.of(nuc), median(ms));
	}

	static double mean(ImageScore[] s) {
		double sum = 0;
		for (ImageScore x : s)
			sum += x.score();
		return s.length == 0 ? Double.NaN : sum / s.length;
	}

	static double median(double[] v) {
		if (v.length == 0) return Double.NaN;
		double[] c = v.clone();
		java.util.Arrays.sort(c);
		return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
	}
}

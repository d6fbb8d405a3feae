package io.github.leukocnn.segment.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.process.ColorProcessor;
import io.github.leukocnn.image.RgbImages;
import io.github.leukocnn.segment.CellMeasurements;
import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.segment.SegmentationSettings;

/**
 * Leukocyte detection on BCCD: every detected cell's bounding box against the {@code WBC} boxes of
 * {@code annotations/NAME.xml}, one-to-one greedy matching at IoU &ge; {@link #MIN_IOU}; F1 over all
 * fields. Every detection counts, including cells cut by the border (often unannotated).
 */
public final class BccdEvaluation {

	public static final double MIN_IOU = 0.5;

	public record Result(int images, BoxMatching.Counts counts, List<ImageScore> perImage, double medianMillis) {}

	private BccdEvaluation() {}

	public static List<Path> images(Path dir, int step) throws IOException {
		return DataSetFiles.images(dir, "annotations", ".jpg", "BCCD", step);
	}

	public static Result evaluate(Path dir, int step, LeukocyteSegmenter segmenter, SegmentationSettings settings,
		int threads) throws IOException
	{
		List<Path> files = images(dir, step);
		BoxMatching.Counts[] counts = new BoxMatching.Counts[files.size()];
		ImageScore[] scores = new ImageScore[files.size()];
		double[] ms = new double[files.size()];
		Parallel.forEach(files.size(), threads, i -> {
			Path img = files.get(i);
			String name = img.getFileName().toString();
			String base = name.substring(0, name.lastIndexOf('.'));
			Path xml = dir.resolve("annotations").resolve(base + ".xml");
			List<VocBoxes.Box> truth = Files.exists(xml) ? VocBoxes.read(xml, "WBC") : List.of();
			ColorProcessor cp = io.github.leukocnn.io.SmearImages.openRgb(img);
			long t0 = System.nanoTime();
			Segmentation s = segmenter.segment(RgbImages.wrap(cp), settings);
			ms[i] = (System.nanoTime() - t0) / 1e6;
			List<VocBoxes.Box> det = new ArrayList<>();
			for (CellMeasurements c : s.measurements())
				det.add(new VocBoxes.Box(c.bboxX(), c.bboxY(), c.bboxX() + c.bboxWidth() - 1, c.bboxY() + c.bboxHeight() - 1));
			counts[i] = BoxMatching.match(det, truth, MIN_IOU);
			scores[i] = new ImageScore(base, counts[i].f1(), "TP " + counts[i].truePositives() + " FP " +
				counts[i].falsePositives() + " FN " + counts[i].falseNegatives() + ", D=" + Math.round(s.cellDiameter()) +
				", boxes " + det);
		});
		BoxMatching.Counts total = new BoxMatching.Counts(0, 0, 0);
		for (BoxMatching.Counts c : counts)
			total = total.plus(c);
		return new Result(files.size(), total, List.of(scores), WbcMasksEvaluation.median(ms));
	}
}

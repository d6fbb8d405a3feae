package io.github.leukocnn.batch;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.process.ColorProcessor;
import io.github.leukocnn.image.RgbImages;
import io.github.leukocnn.io.RoiSets;
import io.github.leukocnn.io.SmearImages;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.segment.SegmentationSettings;
import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.Segmenters;

/**
 * The standard segmenter ({@link Segmenters#standard()}) over the project's sample images, end to end through the batch, compared with
 * the synthetic ground truth. Synthetic fields are easier than real ones: this checks the plumbing
 * and gross behaviour, not accuracy on real smears.
 */
class SegmentSampleImagesTest {

	private static final Path SAMPLES = Path.of("sample-images");

	@Test
	void segmentsEverySampleAndMatchesMostTrueCells(@TempDir Path out) throws IOException {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		BatchRunner.Summary s = SegmentBatch.run(Segmenters::standard, new SegmentBatch.Options(SAMPLES, out, 90, 2, false, false), null, null,
			new PrintStream(err, true, StandardCharsets.UTF_8));
		assertEquals(0, s.exitCode(), err.toString(StandardCharsets.UTF_8));
		assertEquals(5, s.items().size());
		int truthTotal = 0, matchedTotal = 0;
		for (BatchItem item : s.items()) {
			String name = item.outputName();
			short[] found = (short[]) IJ.openImage(out.resolve(name + "_cells.tif").toString()).getProcessor().getPixels();
			short[] truth = (short[]) IJ.openImage(SAMPLES.resolve("ground-truth/" + name + "_cells.png").toString()).getProcessor().getPixels();
			int rows = Files.readAllLines(out.resolve(name + "_cells.csv")).size() - 1;
			List<Roi> rois = RoiSets.read(out.resolve(name + "_RoiSet.zip"));
			int maxLabel = 0;
			for (short v : found)
				maxLabel = Math.max(maxLabel, v & 0xffff);
			assertEquals(maxLabel, rows, name + ": one CSV row per label");
			assertEquals(rows, rois.size(), name + ": one ROI per label");
			int[] counts = matches(truth, found);
			truthTotal += counts[0];
			matchedTotal += counts[1];
		}
		assertTrue(matchedTotal >= 0.85 * truthTotal, "matched " + matchedTotal + " of " + truthTotal + " true leukocytes at IoU >= 0.5");
	}

	/**
	 * smear-s2 has a monocyte with loose, pale chromatin touching a dark lymphocyte: its nucleus is
	 * about half as stained as the image's chromatin level, and it must still be found as a cell of
	 * its own, with the diameter estimated as a user would run it. (Its pale cytoplasm is not all
	 * included: the outline stays near the nucleus, so only the other three cells reach IoU 0.5.)
	 */
	@Test
	void findsThePaleMonocyteBesideADarkLymphocyte() {
		ImagePlus imp = IJ.openImage(SAMPLES.resolve("smear-s2.png").toString());
		Segmentation seg = Segmenters.standard().segment(RgbImages.wrap((ColorProcessor) imp.getProcessor()),
			SegmentationSettings.defaults());
		ImagePlus truthImage = IJ.openImage(SAMPLES.resolve("ground-truth/smear-s2_cells.png").toString());
		short[] truth = (short[]) truthImage.getProcessor().getPixels();
		int w = truthImage.getWidth();
		// every true leukocyte holds the centroid of exactly one found cell, and nothing else is found
		Set<Integer> hit = new TreeSet<>();
		for (var m : seg.measurements())
			hit.add(truth[(int) Math.round(m.centroidY()) * w + (int) Math.round(m.centroidX())] & 0xffff);
		assertEquals(Set.of(1, 2, 3, 4), hit, "true cells (1 lymphocyte, 2 monocyte, 3-4 neutrophils) holding a found centroid");
		assertEquals(4, seg.measurements().size(), "one found cell per true leukocyte");
		assertEquals(3, matches(truth, seg.cellPixels())[1], "lymphocyte and neutrophils outlined at IoU >= 0.5");
	}

	/** {true cells, true cells with a found cell at IoU >= 0.5} */
	private static int[] matches(short[] truth, short[] found) {
		Map<Integer, Integer> areaT = new HashMap<>(), areaF = new HashMap<>();
		Map<Long, Integer> overlap = new HashMap<>();
		for (int i = 0; i < truth.length; i++) {
			int t = truth[i] & 0xffff, f = found[i] & 0xffff;
			if (t != 0) areaT.merge(t, 1, Integer::sum);
			if (f != 0) areaF.merge(f, 1, Integer::sum);
			if (t != 0 && f != 0) overlap.merge((long) t << 16 | f, 1, Integer::sum);
		}
		int matched = 0;
		for (Map.Entry<Long, Integer> e : overlap.entrySet()) {
			int t = (int) (e.getKey() >> 16), f = (int) (e.getKey() & 0xffff), i = e.getValue();
			if (i / (double) (areaT.get(t) + areaF.get(f) - i) >= 0.5) matched++; // IoU >= 0.5 pairs are one-to-one
		}
		return new int[] { areaT.size(), matched };
	}

	@Test
	void fieldWithoutLeukocytesAndOnePixelImageGiveZeroCells() throws IOException {
		ColorProcessor field = SmearImages.openRgb(SAMPLES.resolve("smear-s2.png"));
		short[] truth = (short[]) IJ.openImage(SAMPLES.resolve("ground-truth/smear-s2_cells.png").toString()).getProcessor().getPixels();
		int[] window = emptyWindow(truth, field.getWidth(), field.getHeight(), 250);
		assertNotNull(window, "sample s2 has a 250 px window without leukocytes");
		field.setRoi(window[0], window[1], 250, 250);
		ColorProcessor redCellsOnly = (ColorProcessor) field.crop();
		LeukocyteSegmenter segmenter = Segmenters.standard();
		Segmentation s = segmenter.segment(RgbImages.wrap(redCellsOnly), SegmentationSettings.defaults().withCellDiameter(90));
		assertEquals(0, s.cellCount(), "red cells and platelets are not leukocytes");
		ColorProcessor one = new ColorProcessor(1, 1);
		one.set(0, 0, 0xf0d0d8);
		assertEquals(0, segmenter.segment(RgbImages.wrap(one), SegmentationSettings.defaults()).cellCount());
	}

	private static int[] emptyWindow(short[] labels, int w, int h, int size) {
		for (int y = 0; y + size <= h; y += 25)
			for (int x = 0; x + size <= w; x += 25) {
				boolean empty = true;
				for (int yy = y; yy < y + size && empty; yy++)
					for (int xx = x; xx < x + size; xx++)
						if (labels[yy * w + xx] != 0) {
							empty = false;
							break;
						}
				if (empty) return new int[] { x, y };
			}
		return null;
	}
}

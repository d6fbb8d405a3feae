package io.github.leukocnn.batch;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ij.process.ColorProcessor;
import io.github.leukocnn.image.RgbImages;
import io.github.leukocnn.io.SmearImages;
import io.github.leukocnn.segment.CellMeasurements;
import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.segment.SegmentationSettings;
import io.github.leukocnn.segment.Segmenters;
import io.github.leukocnn.testutil.DarkBlobSegmenter;

class TiledSegmenterTest {

	/** Pink field with dark discs (radius 9) scattered over it, many across tile boundaries. */
	private static ColorProcessor discs(int w, int h, long seed) {
		ColorProcessor cp = new ColorProcessor(w, h);
		cp.setColor(0xf0d0d8);
		cp.fill();
		Random rnd = new Random(seed);
		for (int i = 0; i < 60; i++) {
			int cx = rnd.nextInt(w), cy = rnd.nextInt(h);
			for (int y = cy - 9; y <= cy + 9; y++)
				for (int x = cx - 9; x <= cx + 9; x++)
					if (x >= 0 && y >= 0 && x < w && y < h && (x - cx) * (x - cx) + (y - cy) * (y - cy) <= 81)
						cp.set(x, y, (x - cx) * (x - cx) + (y - cy) * (y - cy) <= 16 ? 0x301050 : 0x8060a0);
		}
		return cp;
	}

	@Test
	void tiledLabelsAreTheSamePartitionAsWholeImageLabels() {
		ColorProcessor cp = discs(400, 300, 3);
		SegmentationSettings settings = new SegmentationSettings(20, 1, null);
		Segmentation whole = new DarkBlobSegmenter().segment(RgbImages.wrap(cp), settings);
		Segmentation tiled = new TiledSegmenter(new DarkBlobSegmenter(), 100 * 100).segment(RgbImages.wrap(cp), settings);
		assertTrue(whole.cellCount() > 20, "blobs: " + whole.cellCount());
		assertEquals(whole.cellCount(), tiled.cellCount(), "every cell once");
		assertSamePartition(whole.cellPixels(), tiled.cellPixels());
		assertSamePartition(whole.nucleusPixels(), tiled.nucleusPixels());
		short[] labels = tiled.cellPixels();
		for (CellMeasurements m : tiled.measurements()) {
			int inBox = 0;
			for (int y = m.bboxY(); y < m.bboxY() + m.bboxHeight(); y++)
				for (int x = m.bboxX(); x < m.bboxX() + m.bboxWidth(); x++)
					if ((labels[y * 400 + x] & 0xffff) == m.id()) inBox++;
			assertEquals((int) m.area(), inBox, "bbox and area in whole-image coordinates: " + m);
			boolean border = m.bboxX() == 0 || m.bboxY() == 0 || m.bboxX() + m.bboxWidth() == 400 || m.bboxY() + m.bboxHeight() == 300;
			assertEquals(border, m.touchesBorder(), m.toString());
		}
	}

	/** Each label of {@code a} covers exactly the pixels of one label of {@code b}. */
	private static void assertSamePartition(short[] a, short[] b) {
		Map<Integer, Integer> aToB = new HashMap<>(), bToA = new HashMap<>();
		for (int i = 0; i < a.length; i++) {
			int x = a[i] & 0xffff, y = b[i] & 0xffff;
			assertEquals(x == 0, y == 0, "same foreground at " + i);
			if (x == 0) continue;
			assertEquals(y, (int) aToB.computeIfAbsent(x, k -> y), "label split at " + i);
			assertEquals(x, (int) bToA.computeIfAbsent(y, k -> x), "labels merged at " + i);
		}
	}

	@Test
	void smallImagesArePassedThroughUnchanged() {
		ColorProcessor cp = discs(120, 90, 5);
		SegmentationSettings settings = new SegmentationSettings(20, 1, null);
		LeukocyteSegmenter inner = new DarkBlobSegmenter();
		Segmentation direct = inner.segment(RgbImages.wrap(cp), settings);
		Segmentation viaTiler = new TiledSegmenter(inner, 120 * 90).segment(RgbImages.wrap(cp), settings);
		assertArrayEquals(direct.cellPixels(), viaTiler.cellPixels());
		assertEquals(direct.measurements(), viaTiler.measurements());
	}

	@Test
	void standardSegmenterInTilesFindsTheCellsItFindsWhole() throws Exception {
		ColorProcessor cp = SmearImages.openRgb(Path.of("sample-images/smear-s5.jpg"));
		SegmentationSettings settings = new SegmentationSettings(90, 2, null);
		Segmentation whole = Segmenters.standard().segment(RgbImages.wrap(cp), settings);
		// the comparison means something only if the whole-image run finds the field's leukocytes (45 drawn)
		int drawn = java.nio.file.Files.readAllLines(Path.of("sample-images/ground-truth/smear-s5_truth.csv")).size() - 1;
		assertEquals(45, drawn, "ground truth of smear-s5");
		assertTrue(whole.cellCount() >= 0.8 * drawn, "the whole-image run found " + whole.cellCount() + " of " + drawn + " leukocytes");
		Segmentation tiled = new TiledSegmenter(Segmenters.standard(), 1000 * 1000).segment(RgbImages.wrap(cp), settings);
		short[] a = whole.cellPixels(), b = tiled.cellPixels();
		Map<Long, Integer> overlap = new HashMap<>();
		int[] areaA = new int[65536], areaB = new int[65536];
		for (int i = 0; i < a.length; i++) {
			int x = a[i] & 0xffff, y = b[i] & 0xffff;
			areaA[x]++;
			areaB[y]++;
			if (x != 0 && y != 0) overlap.merge((long) x << 16 | y, 1, Integer::sum);
		}
		int matched = 0;
		for (Map.Entry<Long, Integer> e : overlap.entrySet()) {
			int x = (int) (e.getKey() >> 16), y = (int) (e.getKey() & 0xffff);
			if (e.getValue() / (double) (areaA[x] + areaB[y] - e.getValue()) >= 0.8) matched++;
		}
		assertTrue(matched >= 0.9 * whole.cellCount(), matched + " of " + whole.cellCount() + " cells found alike in 12 tiles (IoU >= 0.8); tiled found " + tiled.cellCount());
	}
}

package io.github.leukocnn.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.gui.Roi;

class RoiSetsTest {

	/** Label 1: a 4x3 rectangle; label 3: a 2x2 square; label 2 absent; label 40000 (above short range) one pixel. */
	private static short[] labels(int w, int h) {
		short[] px = new short[w * h];
		for (int y = 1; y < 4; y++)
			for (int x = 1; x < 5; x++)
				px[y * w + x] = 1;
		for (int y = 5; y < 7; y++)
			for (int x = 6; x < 8; x++)
				px[y * w + x] = 3;
		px[9 * w + 9] = (short) 40000;
		return px;
	}

	@Test
	void aLabelInPiecesIsOutlinedByItsLargestPiece() {
		// label 5: two stray pixels at the top left (first in raster order) and a 12 x 10 block below them
		int w = 30, h = 30;
		short[] px = new short[w * h];
		px[1 * w + 1] = 5;
		px[1 * w + 2] = 5;
		for (int y = 10; y < 20; y++)
			for (int x = 8; x < 20; x++)
				px[y * w + x] = 5;
		List<Roi> rois = RoiSets.traceLabels(px, w, h, id -> "cell-" + id, null);
		assertEquals(1, rois.size());
		assertEquals(new java.awt.Rectangle(8, 10, 12, 10), rois.get(0).getBounds(), "the block, not the two stray pixels");
	}

	@Test
	void tracesOnePolygonPerLabelInIdOrder() {
		int w = 10, h = 10;
		List<Roi> rois = RoiSets.traceLabels(labels(w, h), w, h, id -> String.format("cell-%04d", id), id -> 0xff0000);
		assertEquals(3, rois.size());
		assertEquals("cell-0001", rois.get(0).getName());
		assertEquals("cell-0003", rois.get(1).getName());
		assertEquals("cell-40000", rois.get(2).getName());
		// a traced outline contains exactly the label's pixels
		Roi r1 = rois.get(0);
		assertEquals(new java.awt.Rectangle(1, 1, 4, 3), r1.getBounds());
		assertEquals(12, r1.getContainedPoints().length);
		assertEquals(4, rois.get(1).getContainedPoints().length);
		assertEquals(1, rois.get(2).getContainedPoints().length);
		assertEquals(0xff0000, rois.get(0).getStrokeColor().getRGB() & 0xffffff);
	}

	@Test
	void lShapedAndConcaveLabelsAreTracedExactly() {
		int w = 6, h = 6;
		short[] px = new short[w * h];
		int[][] pts = { { 0, 0 }, { 1, 0 }, { 2, 0 }, { 0, 1 }, { 0, 2 }, { 1, 2 }, { 2, 2 }, { 3, 3 } }; // C shape + diagonal pixel
		for (int[] p : pts)
			px[p[1] * w + p[0]] = 5;
		Roi roi = RoiSets.traceLabels(px, w, h, id -> "c" + id, null).get(0);
		assertEquals(8, roi.getContainedPoints().length, "8-connected: the diagonal pixel belongs to the outline");
		assertFalse(roi.contains(1, 1), "the notch is outside");
	}

	@Test
	void zipRoundTripGivesTheRoisWithTheirNames(@TempDir Path dir) throws IOException {
		int w = 10, h = 10;
		List<Roi> rois = RoiSets.traceLabels(labels(w, h), w, h, id -> String.format("cell-%04d", id), null);
		Path zip = dir.resolve("x_RoiSet.zip");
		RoiSets.write(zip, false, rois);
		List<Roi> back = RoiSets.read(zip);
		assertEquals(3, back.size());
		for (int i = 0; i < 3; i++) {
			assertEquals(rois.get(i).getName(), back.get(i).getName());
			assertEquals(Roi.TRACED_ROI, back.get(i).getType());
			assertEquals(rois.get(i).getBounds(), back.get(i).getBounds());
			assertEquals(rois.get(i).getContainedPoints().length, back.get(i).getContainedPoints().length);
		}
		assertThrows(AtomicFiles.OutputExistsException.class, () -> RoiSets.write(zip, false, rois));
	}

	@Test
	void theSameRoisWrittenTwiceGiveTheSameBytes(@TempDir Path dir) throws Exception {
		// same input, same output: no time of writing in the zip entries
		int w = 10, h = 10;
		List<Roi> rois = RoiSets.traceLabels(labels(w, h), w, h, id -> String.format("cell-%04d", id), null);
		RoiSets.write(dir.resolve("a.zip"), false, rois);
		Thread.sleep(2100); // zip times have a resolution of 2 s
		RoiSets.write(dir.resolve("b.zip"), false, rois);
		assertArrayEquals(java.nio.file.Files.readAllBytes(dir.resolve("a.zip")), java.nio.file.Files.readAllBytes(dir.resolve("b.zip")));
	}

	@Test
	void emptyLabelImageGivesAnEmptyValidSet(@TempDir Path dir) throws IOException {
		List<Roi> rois = RoiSets.traceLabels(new short[1], 1, 1, id -> "c" + id, null);
		assertTrue(rois.isEmpty());
		Path zip = dir.resolve("empty.zip");
		RoiSets.write(zip, false, rois);
		assertTrue(RoiSets.read(zip).isEmpty());
	}

	@Test
	void duplicateNamesAreRefused(@TempDir Path dir) {
		int w = 10, h = 10;
		List<Roi> rois = RoiSets.traceLabels(labels(w, h), w, h, id -> "same", null);
		assertThrows(IllegalArgumentException.class, () -> RoiSets.write(dir.resolve("d.zip"), false, rois));
	}
}

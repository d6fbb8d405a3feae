package io.github.leukocnn.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ij.process.ColorProcessor;
import io.github.leukocnn.image.RgbImages;
import io.github.leukocnn.progress.CancelledException;
import io.github.leukocnn.progress.ProgressListener;
import net.imglib2.img.array.ArrayImgs;

class SmearSegmenterTest {

	private static final SegmentationSettings ONE_THREAD = new SegmentationSettings(0, 1, null);

	private static Segmentation segment(ColorProcessor cp, double diameter) {
		return new SmearSegmenter().segment(RgbImages.wrap(cp), ONE_THREAD.withCellDiameter(diameter));
	}

	/** A field with red cells around one leukocyte of diameter 60 px (nucleus 36 px). */
	private static ColorProcessor oneLeukocyte() {
		return new SyntheticSmears(200, 160).redCell(30, 30, 18).redCell(170, 40, 18).redCell(40, 130, 18)
			.redCell(165, 125, 18).leukocyte(100, 80, 30, 18).noisy(6, 1);
	}

	@Test
	void findsOneLeukocyteWithItsCytoplasm() {
		Segmentation s = segment(oneLeukocyte(), 60);
		assertEquals(1, s.cellCount());
		CellMeasurements m = s.measurements().get(0);
		double disc = Math.PI * 30 * 30, nucleus = Math.PI * 18 * 18;
		assertEquals(disc, m.area(), 0.15 * disc, "whole cell area");
		assertEquals(nucleus, m.nucleusArea(), 0.15 * nucleus, "nucleus area");
		assertEquals(100, m.centroidX(), 2);
		assertEquals(80, m.centroidY(), 2);
		assertTrue(m.circularity() > 0.8, "circularity " + m.circularity());
		assertTrue(m.solidity() > 0.9, "solidity " + m.solidity());
		assertFalse(m.touchesBorder());
		assertTrue(m.meanBlue() > m.meanGreen(), "purple cell");
	}

	@Test
	void splitsTwoTouchingLeukocytes() {
		ColorProcessor cp = new SyntheticSmears(220, 140).leukocyte(80, 70, 30, 16).leukocyte(136, 70, 30, 16)
			.noisy(6, 2);
		Segmentation s = segment(cp, 60);
		assertEquals(2, s.cellCount());
		for (CellMeasurements m : s.measurements())
			assertEquals(Math.PI * 900, m.area(), 0.3 * Math.PI * 900, "each cell about one disc");
	}

	@Test
	void keepsThreeLobesAsOneCell() {
		ColorProcessor cp = new SyntheticSmears(160, 160).disc(80, 80, 32, SyntheticSmears.CYTOPLASM)
			.disc(68, 70, 9, SyntheticSmears.NUCLEUS).disc(92, 70, 9, SyntheticSmears.NUCLEUS)
			.disc(80, 93, 9, SyntheticSmears.NUCLEUS).noisy(6, 3);
		Segmentation s = segment(cp, 64);
		assertEquals(1, s.cellCount());
		assertEquals(Math.PI * 32 * 32, s.measurements().get(0).area(), 0.2 * Math.PI * 32 * 32);
	}

	@Test
	void keepsThreeLobesAsOneCellWithEstimatedDiameter() {
		ColorProcessor cp = new SyntheticSmears(200, 200).redCell(30, 30, 18).redCell(170, 170, 18)
			.disc(100, 100, 32, SyntheticSmears.CYTOPLASM).disc(88, 90, 9, SyntheticSmears.NUCLEUS)
			.disc(112, 90, 9, SyntheticSmears.NUCLEUS).disc(100, 113, 9, SyntheticSmears.NUCLEUS).noisy(6, 3);
		assertEquals(1, segment(cp, 0).cellCount());
	}

	@Test
	void keepsWidelySeparatedSmallLobesAsOneCell() {
		// three lobes, each too small to be a nucleus, with gaps (13 px = 0.2·D) above the lobe gap
		ColorProcessor cp = new SyntheticSmears(160, 160).disc(80, 80, 32, SyntheticSmears.CYTOPLASM)
			.disc(80, 65.6, 6, SyntheticSmears.NUCLEUS).disc(67.5, 87.2, 6, SyntheticSmears.NUCLEUS)
			.disc(92.5, 87.2, 6, SyntheticSmears.NUCLEUS).noisy(6, 3);
		Segmentation s = segment(cp, 64);
		assertEquals(1, s.cellCount());
		assertEquals(Math.PI * 32 * 32, s.measurements().get(0).area(), 0.2 * Math.PI * 32 * 32);
	}

	@Test
	void nearlyTouchingNucleiOfTwoCellsStayTwoCells() {
		// two lymphocytes whose large nuclei are 6 px apart (below the lobe gap): together too wide for one cell
		ColorProcessor cp = new SyntheticSmears(200, 120).leukocyte(75, 60, 26, 22).leukocyte(125, 60, 26, 22)
			.noisy(6, 11);
		Segmentation s = segment(cp, 52);
		assertEquals(2, s.cellCount());
		assertTrue(s.measurements().get(0).centroidX() < 90 && s.measurements().get(1).centroidX() > 110);
	}

	@Test
	void palePlateletBesideALeukocyteIsNotALeukocyte() {
		// a platelet: a tenth of a cell disc, stained at half the chromatin level (too little chromatin)
		int platelet = SyntheticSmears.rgb(160, 110, 190);
		ColorProcessor cp = new SyntheticSmears(220, 140).leukocyte(70, 70, 30, 20).disc(170, 60, 9.6, platelet)
			.noisy(4, 12);
		Segmentation s = segment(cp, 60);
		assertEquals(1, s.cellCount());
		assertEquals(70, s.measurements().get(0).centroidX(), 3);
	}

	@Test
	void redCellsOnlyGiveNoLeukocyte() {
		SyntheticSmears field = new SyntheticSmears(200, 160);
		for (int y = 25; y < 160; y += 45)
			for (int x = 25; x < 200; x += 45)
				field.redCell(x, y, 18);
		assertEquals(0, segment(field.noisy(6, 4), 60).cellCount());
		assertEquals(0, segment(field.noisy(6, 4), 0).cellCount());
	}

	@Test
	void lavenderBlueRedCellsAreNotLeukocytes() {
		// colours of an all-taleqani "pre" field: red cells lavender-blue (they pass blue like
		// chromatin, but absorb red as much as green), one magenta-purple blast among many of them
		int lavender = SyntheticSmears.rgb(185, 192, 227);
		SyntheticSmears field = new SyntheticSmears(224, 224).disc(112, 112, 400, SyntheticSmears.rgb(254, 254, 252));
		for (int y = 12; y < 224; y += 34)
			for (int x = 12; x < 224; x += 34)
				if (Math.hypot(x - 112, y - 112) > 34) field.disc(x, y, 15, lavender);
		field.disc(112, 112, 17, SyntheticSmears.rgb(215, 190, 250)).disc(112, 112, 13, SyntheticSmears.rgb(179, 123, 252));
		Segmentation s = segment(field.noisy(4, 9), 0);
		assertEquals(1, s.cellCount());
		assertEquals(112, s.measurements().get(0).centroidX(), 4);
	}

	@Test
	void degenerateImagesGiveNoLeukocyte() {
		Segmentation tiny = new SmearSegmenter().segment(ArrayImgs.argbs(new int[] { 0xff7f3fa0 }, 1, 1), ONE_THREAD);
		assertEquals(0, tiny.cellCount());
		assertEquals(1, tiny.width());
		ColorProcessor blank = new SyntheticSmears(50, 40).noisy(0, 5);
		assertEquals(0, segment(blank, 0).cellCount());
		assertEquals(0, segment(blank, 30).cellCount());
	}

	@Test
	void isDeterministicAndThreadIndependent() {
		ColorProcessor cp = new SyntheticSmears(700, 500).leukocyte(200, 200, 60, 36).leukocyte(310, 210, 55, 30)
			.redCell(500, 300, 35).redCell(560, 380, 35).leukocyte(560, 120, 50, 30).noisy(8, 6);
		Segmentation a = new SmearSegmenter().segment(RgbImages.wrap(cp), new SegmentationSettings(0, 1, null));
		Segmentation b = new SmearSegmenter().segment(RgbImages.wrap(cp), new SegmentationSettings(0, 2, null));
		Segmentation c = new SmearSegmenter().segment(RgbImages.wrap(cp), new SegmentationSettings(0, 1, null));
		assertEquals(3, a.cellCount());
		assertArrayEquals(a.cellPixels(), b.cellPixels());
		assertArrayEquals(a.nucleusPixels(), b.nucleusPixels());
		assertArrayEquals(a.cellPixels(), c.cellPixels());
		assertEquals(a.measurements(), c.measurements());
	}

	@Test
	void largeImageRowsSplitOverThreadsGiveTheSameResult() {
		// above RowRanges.MIN_PIXELS: downsampling, label upsampling and the full-resolution nucleus
		// feature run on several threads
		ColorProcessor cp = new SyntheticSmears(1000, 640).leukocyte(250, 250, 110, 66).leukocyte(520, 260, 100, 60)
			.redCell(800, 450, 65).redCell(150, 520, 65).leukocyte(780, 160, 90, 55).noisy(8, 13);
		assertTrue(cp.getWidth() * cp.getHeight() >= RowRanges.MIN_PIXELS);
		Segmentation one = new SmearSegmenter().segment(RgbImages.wrap(cp), new SegmentationSettings(210, 1, null));
		Segmentation three = new SmearSegmenter().segment(RgbImages.wrap(cp), new SegmentationSettings(210, 3, null));
		assertEquals(3, one.cellCount());
		assertArrayEquals(one.cellPixels(), three.cellPixels());
		assertArrayEquals(one.nucleusPixels(), three.nucleusPixels());
		assertEquals(one.measurements(), three.measurements());
	}

	@Test
	void nucleusIdsMatchCellIds() {
		ColorProcessor cp = new SyntheticSmears(300, 160).leukocyte(70, 80, 30, 18).leukocyte(126, 80, 30, 16)
			.leukocyte(230, 80, 34, 20).noisy(6, 7);
		Segmentation s = segment(cp, 64);
		assertEquals(3, s.cellCount());
		short[] cells = s.cellPixels(), nuclei = s.nucleusPixels();
		int[] nucleusPixels = new int[4];
		for (int i = 0; i < cells.length; i++)
			if (nuclei[i] != 0) {
				assertEquals(cells[i], nuclei[i], "nucleus pixel inside its own cell");
				nucleusPixels[nuclei[i]]++;
			}
		for (int k = 0; k < 3; k++) {
			CellMeasurements m = s.measurements().get(k);
			assertEquals(k + 1, m.id());
			assertEquals(nucleusPixels[k + 1], m.nucleusArea(), 0.5);
			assertTrue(m.ncRatio() > 0.2 && m.ncRatio() < 1.5, "N:C " + m.ncRatio());
		}
	}

	@Test
	void flagsCellsCutByTheBorder() {
		ColorProcessor cp = new SyntheticSmears(160, 120).leukocyte(10, 60, 30, 18).leukocyte(100, 60, 30, 18)
			.noisy(6, 8);
		Segmentation s = segment(cp, 60);
		assertEquals(2, s.cellCount());
		assertTrue(s.measurements().get(0).touchesBorder());
		assertFalse(s.measurements().get(1).touchesBorder());
	}

	@Test
	void scaleInvariantThroughTheWorkingScale() {
		// the same field drawn 3x larger, segmented with a 3x larger diameter: same cells, 9x areas
		ColorProcessor small = oneLeukocyte();
		ColorProcessor big = (ColorProcessor) small.resize(600, 480);
		Segmentation a = segment(small, 60), b = segment(big, 180);
		assertEquals(1, b.cellCount());
		assertEquals(9 * a.measurements().get(0).area(), b.measurements().get(0).area(),
			0.1 * 9 * a.measurements().get(0).area());
		assertEquals(180, b.cellDiameter());
	}

	@Test
	void cancellationStopsTheSegmentation() {
		ProgressListener cancel = new ProgressListener() {
			@Override
			public void progress(double fraction, String message) {}

			@Override
			public boolean isCancelled() {
				return true;
			}
		};
		assertThrows(CancelledException.class, () -> new SmearSegmenter().segment(RgbImages.wrap(oneLeukocyte()),
			ONE_THREAD.withProgress(cancel)));
	}

	@Test
	void reportsProgressUpToOne() {
		double[] last = { -1 };
		new SmearSegmenter().segment(RgbImages.wrap(oneLeukocyte()),
			ONE_THREAD.withProgress((f, m) -> last[0] = Math.max(last[0], f)));
		assertEquals(1, last[0]);
	}
}

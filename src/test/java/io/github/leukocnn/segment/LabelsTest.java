package io.github.leukocnn.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import ij.process.ColorProcessor;
import io.github.leukocnn.image.RgbImages;

/** The border map that {@link Labels#flood} walks by, and what reusing it across images must not do. */
class LabelsTest {

	/** The border bits of pixel (x, y) of a w x h image, worked out directly. */
	private static int expected(int x, int y, int w, int h) {
		return (x == 0 ? Labels.LEFT : 0) | (x == w - 1 ? Labels.RIGHT : 0) | (y == 0 ? Labels.TOP : 0) | (y == h - 1 ? Labels.BOTTOM : 0);
	}

	private static void assertBorders(int w, int h) {
		byte[] b = Labels.borders(w, h);
		assertEquals(w * h, b.length);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				assertEquals(expected(x, y, w, h), b[y * w + x], "pixel (" + x + ", " + y + ") of " + w + " x " + h);
	}

	@Test
	void imagesWithTheSamePixelCountButAnotherWidthGetTheirOwnBorders() {
		// the map is kept per thread for the next call: a portrait field, then the same field turned
		assertBorders(30, 60);
		assertBorders(60, 30);
		assertBorders(30, 60);
		assertBorders(15, 120); // width a divisor of the cached one: its last pixel of row 0 is a right border too
		assertBorders(120, 15);
	}

	@Test
	void aPortraitFieldThenTheSameFieldTurnedAreBothSegmented() {
		// same thread, same pixel count: the second image once flooded across row ends or out of its array
		ColorProcessor portrait = new SyntheticSmears(300, 600).redCell(60, 60, 14).redCell(240, 540, 14).redCell(60, 500, 14)
			.leukocyte(150, 300, 23, 14).noisy(6, 1);
		ColorProcessor landscape = (ColorProcessor) portrait.rotateRight();
		SegmentationSettings settings = new SegmentationSettings(0, 1, null).withCellDiameter(46);
		Segmentation p = new SmearSegmenter().segment(RgbImages.wrap(portrait), settings);
		Segmentation l = new SmearSegmenter().segment(RgbImages.wrap(landscape), settings);
		Segmentation fresh = new SmearSegmenter().segment(RgbImages.wrap(landscape), settings);
		assertEquals(1, p.cellCount());
		assertEquals(1, l.cellCount());
		assertEquals(fresh.measurements().get(0).area(), l.measurements().get(0).area(), 1e-9);
		// raster-order tie-breaking is not turn-invariant: the same cell within 2%
		assertEquals(p.measurements().get(0).area(), l.measurements().get(0).area(), 0.02 * p.measurements().get(0).area(),
			"a turned field has the same cell");
	}
}

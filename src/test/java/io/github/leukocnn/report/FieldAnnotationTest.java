package io.github.leukocnn.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ij.gui.Roi;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

/** Rendering an annotated field leaves the caller's image as it was. */
class FieldAnnotationTest {

	@Test
	void enlargingASmallFieldDoesNotChangeTheCallersImageOrItsInterpolation() {
		ColorProcessor image = new ColorProcessor(100, 80);
		int[] pixels = (int[]) image.getPixels();
		for (int i = 0; i < pixels.length; i++) pixels[i] = 0xff000000 | (i * 37 & 0xffffff);
		image.setInterpolationMethod(ImageProcessor.NONE);
		int[] before = pixels.clone();
		Roi roi = new Roi(10, 10, 20, 20);
		roi.setName("cell-1");
		float[][] p = { { 0.1f, 0.8f, 0.1f } };
		FieldReport field = FieldReport.of("f.png", FieldReportTest.CLASSES, Set.of("blast"), FieldReportTest.cells(1), p, new float[] { 0.3f, 0.5f, 0.2f });
		ColorProcessor out = FieldAnnotation.render(image, List.of(roi), field);
		assertEquals(image.getWidth() * 4, out.getWidth(), "a 100×80 field is enlarged");
		assertEquals(ImageProcessor.NONE, image.getInterpolationMethod(), "the caller's interpolation setting");
		assertArrayEquals(before, (int[]) image.getPixels(), "the caller's pixels");
	}
}

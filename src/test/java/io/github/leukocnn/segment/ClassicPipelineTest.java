package io.github.leukocnn.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import ij.process.ColorProcessor;
import io.github.leukocnn.segment.eval.ClassicPipeline;

class ClassicPipelineTest {

	@Test
	void classicBaselineFindsADrawnLeukocyte() {
		ColorProcessor cp = new SyntheticSmears(200, 160).redCell(30, 30, 18).redCell(170, 130, 18)
			.leukocyte(100, 80, 30, 18).noisy(4, 1);
		Segmentation s = new ClassicPipeline().segment(cp, new SegmentationSettings(60, 1, null));
		assertEquals(1, s.cellCount());
		assertEquals(100, s.measurements().get(0).centroidX(), 3);
	}
}

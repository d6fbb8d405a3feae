package io.github.leukocnn.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.event.KeyEvent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.Calibration;
import io.github.leukocnn.progress.CancelledException;

class SegmentWorkflowTest {

	@AfterEach
	void releaseEscape() {
		IJ.resetEscape();
	}

	@Test
	void diameterFollowsTheCalibration() {
		ImagePlus imp = TestSmears.discs("d", 1, 10);
		assertEquals(40, SegmentWorkflow.diameterInPixels(imp, 40), 0);
		assertEquals("pixels", SegmentWorkflow.diameterUnit(imp));
		Calibration cal = imp.getCalibration();
		cal.pixelWidth = 0.5;
		cal.pixelHeight = 0.5;
		cal.setUnit("micron");
		assertEquals(20, SegmentWorkflow.diameterInPixels(imp, 10), 1e-12);
		assertEquals(0, SegmentWorkflow.diameterInPixels(imp, 0), 0, "0 = estimate, whatever the unit");
		assertEquals("micron", SegmentWorkflow.diameterUnit(imp));
		assertThrows(IllegalArgumentException.class, () -> SegmentWorkflow.diameterInPixels(imp, Double.NaN));
	}

	@Test
	void escapeCancelsTheSegmentation() {
		ImagePlus imp = TestSmears.discs("esc", 3, 20);
		ImageJProgress progress = new ImageJProgress("test");
		assertFalse(progress.isCancelled());
		IJ.setKeyDown(KeyEvent.VK_ESCAPE);
		assertTrue(progress.isCancelled());
		assertThrows(CancelledException.class, () -> SegmentWorkflow.segment(imp, 0, new RecordingSegmenter(), progress));
		assertTrue(new ImageJProgress("next run").isCancelled() == false, "a new run starts uncancelled");
	}

	@Test
	void commandCancelAlsoStops() {
		boolean[] cancelled = { false };
		ImageJProgress progress = new ImageJProgress("test", () -> cancelled[0]);
		assertFalse(progress.isCancelled());
		cancelled[0] = true;
		assertTrue(progress.isCancelled());
	}
}

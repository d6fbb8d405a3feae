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
		assertEquals("µm", SegmentWorkflow.diameterUnit(imp));
		assertThrows(IllegalArgumentException.class, () -> SegmentWorkflow.diameterInPixels(imp, Double.NaN));
	}

	@Test
	void lengthUnitsAreConvertedToMicrons() {
		ImagePlus imp = TestSmears.discs("nm", 1, 10);
		Calibration cal = imp.getCalibration();
		cal.pixelWidth = 250; // 0.25 µm per pixel, in nm
		cal.pixelHeight = 250;
		cal.setUnit("nm");
		assertEquals(48, SegmentWorkflow.diameterInPixels(imp, 12), 1e-9, "12 µm at 250 nm per pixel");
		assertEquals("µm", SegmentWorkflow.diameterUnit(imp), "cell_diameter is asked in µm whatever the length unit");
		cal.pixelWidth = cal.pixelHeight = 0.00025;
		cal.setUnit("mm");
		assertEquals(48, SegmentWorkflow.diameterInPixels(imp, 12), 1e-9);
		cal.pixelWidth = cal.pixelHeight = 0.000025;
		cal.setUnit("cm");
		assertEquals(48, SegmentWorkflow.diameterInPixels(imp, 12), 1e-9);
		cal.pixelWidth = cal.pixelHeight = 2.5e-7;
		cal.setUnit("m");
		assertEquals(48, SegmentWorkflow.diameterInPixels(imp, 12), 1e-9);
		for (String micron : new String[] { "µm", "um", "\u03bcm", "micron", "microns", "Microns" }) {
			cal.pixelWidth = cal.pixelHeight = 0.25;
			cal.setUnit(micron);
			assertEquals(48, SegmentWorkflow.diameterInPixels(imp, 12), 1e-9, micron);
			assertEquals(null, SegmentWorkflow.calibrationNote(imp), micron);
		}
	}

	@Test
	void dpiAndUnknownUnitsAreTakenAsPixels() {
		ImagePlus imp = TestSmears.discs("scan.tif", 1, 10);
		Calibration cal = imp.getCalibration();
		cal.pixelWidth = cal.pixelHeight = 1.0 / 300; // a 300-dpi TIFF opens like this
		cal.setUnit("inch");
		assertEquals(12, SegmentWorkflow.diameterInPixels(imp, 12), 0, "inches are resolution tags, not a microscope calibration");
		assertEquals("pixels", SegmentWorkflow.diameterUnit(imp));
		String note = SegmentWorkflow.calibrationNote(imp);
		assertTrue(note != null && note.contains("inch") && note.contains("pixels") && note.contains("µm"), note);
		cal.setUnit("furlong");
		assertEquals(12, SegmentWorkflow.diameterInPixels(imp, 12), 0);
		assertTrue(SegmentWorkflow.calibrationNote(imp).contains("furlong"));
		cal.setUnit("pixel");
		cal.pixelWidth = cal.pixelHeight = 2;
		assertEquals(12, SegmentWorkflow.diameterInPixels(imp, 12), 0, "a pixel is a pixel");
		assertEquals(null, SegmentWorkflow.calibrationNote(imp));
	}

	@Test
	void negativeDiameterIsRefused() {
		ImagePlus imp = TestSmears.discs("neg", 1, 10);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SegmentWorkflow.diameterInPixels(imp, -5));
		assertTrue(e.getMessage().contains("-5") && e.getMessage().contains("0 = estimate"), e.getMessage());
		assertEquals(0, SegmentWorkflow.diameterInPixels(imp, 0), 0);
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

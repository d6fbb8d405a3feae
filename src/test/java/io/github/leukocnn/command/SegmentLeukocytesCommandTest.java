package io.github.leukocnn.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scijava.command.CommandModule;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import io.github.leukocnn.ij.CellTables;
import io.github.leukocnn.ij.TestSmears;
import io.github.leukocnn.ij.RecordingSegmenter;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.testutil.ImageJFixture;

class SegmentLeukocytesCommandTest {

	@RegisterExtension
	static final ImageJFixture IMAGEJ = ImageJFixture.create().scijava();

	private static CommandModule run(ImagePlus imp, Object... more) throws Exception {
		Map<String, Object> inputs = new java.util.HashMap<>(Map.of("image", imp, "add_to_roi_manager", true,
			"show_results", true, "segmenter", new RecordingSegmenter()));
		for (int i = 0; i < more.length; i += 2)
			inputs.put((String) more[i], more[i + 1]);
		return IMAGEJ.commands().run(SegmentLeukocytesCommand.class, true, inputs).get();
	}

	@Test
	void isDiscoveredButHasNoMenuEntry() {
		// The ImageJ 1 plugin owns Plugins > LeukoCNN > Segment Leukocytes: no second entry in Fiji.
		var info = IMAGEJ.commands().getCommand(SegmentLeukocytesCommand.class);
		assertTrue(info != null, "in the SciJava plugin index (META-INF/json)");
		assertTrue(info.getMenuPath() == null || info.getMenuPath().isEmpty(), "menu path: " + info.getMenuPath());
		assertFalse(info.isVisible());
		assertTrue(info.canRunHeadless());
	}

	@Test
	void segmenterFailuresCancelWithTheReason() throws Exception {
		io.github.leukocnn.segment.LeukocyteSegmenter tooMany = (rgb, settings) -> {
			throw new IllegalStateException("more than 65535 leukocytes in one image: 16-bit labels cannot number them; split the image");
		};
		CommandModule module = run(TestSmears.discs("huge.png", 1, 24), "cell_diameter", 0.0, "segmenter", tooMany);
		assertTrue(module.isCanceled());
		assertTrue(module.getCancelReason().startsWith("more than 65535 leukocytes"), module.getCancelReason());

		String saved = System.getProperty(io.github.leukocnn.segment.Segmenters.PROPERTY);
		System.setProperty(io.github.leukocnn.segment.Segmenters.PROPERTY, "no.such.Segmenter");
		try {
			CommandModule bad = run(TestSmears.discs("f.png", 1, 24), "cell_diameter", 0.0, "segmenter", null);
			assertTrue(bad.isCanceled());
			assertTrue(bad.getCancelReason().startsWith("leukocnn.segmenter=no.such.Segmenter is not a LeukocyteSegmenter"),
				bad.getCancelReason());
		}
		finally {
			if (saved == null) System.clearProperty(io.github.leukocnn.segment.Segmenters.PROPERTY);
			else System.setProperty(io.github.leukocnn.segment.Segmenters.PROPERTY, saved);
		}
	}

	@Test
	void segmentsAndFillsOverlayAndTable() throws Exception {
		ImagePlus imp = TestSmears.discs("smear.png", 4, 24);

		CommandModule module = run(imp, "cell_diameter", 0.0);

		assertFalse(module.isCanceled(), () -> module.getCancelReason());
		assertEquals(4, module.getOutput("cell_count"));
		Segmentation s = io.github.leukocnn.ij.CellDisplay.segmentationOf(imp);
		assertEquals(4, s.cellCount());
		assertEquals(4, imp.getOverlay().size());
		assertEquals(4, CellTables.get(CellTables.CELLS).size());
		assertEquals("smear.png", CellTables.get(CellTables.CELLS).getStringValue("image", 3));
	}

	@Test
	void calibratedDiameterIsConvertedToPixels() throws Exception {
		ImagePlus imp = TestSmears.discs("calibrated", 1, 24);
		Calibration cal = imp.getCalibration();
		cal.pixelWidth = cal.pixelHeight = 0.5;
		cal.setUnit("µm");
		RecordingSegmenter segmenter = new RecordingSegmenter();

		CommandModule module = run(imp, "cell_diameter", 12.0, "segmenter", segmenter);

		assertFalse(module.isCanceled(), () -> module.getCancelReason());
		assertEquals(24, segmenter.lastSettings.cellDiameter(), 1e-9, "12 µm at 0.5 µm/pixel");
	}

	@Test
	void uncalibratedDiameterIsInPixels() throws Exception {
		RecordingSegmenter segmenter = new RecordingSegmenter();
		run(TestSmears.discs("px", 1, 24), "cell_diameter", 30.0, "segmenter", segmenter);
		assertEquals(30, segmenter.lastSettings.cellDiameter(), 1e-9);
	}

	@Test
	void noTableRowsWhenNotAskedFor() throws Exception {
		ImagePlus imp = TestSmears.discs("quiet", 2, 24);
		CommandModule module = run(imp, "show_results", false);
		assertEquals(2, module.getOutput("cell_count"));
		assertEquals(0, CellTables.get(CellTables.CELLS).size());
		assertEquals(2, imp.getOverlay().size());
	}

	@Test
	void greyscaleImageIsRefusedWithAReason() throws Exception {
		ImagePlus grey = new ImagePlus("grey.tif", new ByteProcessor(50, 50));
		CommandModule module = run(grey);
		assertTrue(module.isCanceled());
		assertTrue(module.getCancelReason().contains("'grey.tif' is a greyscale 8-bit image"), module.getCancelReason());
		assertTrue(module.getCancelReason().contains("RGB"), module.getCancelReason());
		assertNull(grey.getOverlay());
	}

	@Test
	void stackIsRefusedWithAReason() throws Exception {
		ImagePlus stack = ij.IJ.createImage("stack", "RGB white", 40, 40, 3);
		CommandModule module = run(stack);
		assertTrue(module.isCanceled());
		assertTrue(module.getCancelReason().contains("'stack' is a stack of 3"), module.getCancelReason());
	}

	@Test
	void missingImageIsRefusedWithAReason() throws Exception {
		ij.WindowManager.setTempCurrentImage(null);
		CommandModule module = IMAGEJ.commands().run(SegmentLeukocytesCommand.class, true, "segmenter", new RecordingSegmenter()).get();
		assertTrue(module.isCanceled());
		assertTrue(module.getCancelReason().startsWith("No image open"), module.getCancelReason());
	}
}

package io.github.leukocnn.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;
import io.github.leukocnn.ij.CellTables;
import io.github.leukocnn.ij.RecordingSegmenter;
import io.github.leukocnn.ij.TestSmears;
import io.github.leukocnn.io.RoiSets;
import io.github.leukocnn.testutil.ImageJFixture;

/**
 * The ROI Manager is an AWT window: these tests need a display and are skipped when headless.
 * Run them with: xvfb-run -a mvn -B -o test -Dtest=RoiManagerDisplayTest -Djava.awt.headless=false
 * (.ci/gui-tests.sh). Headless behaviour is covered by the other tests.
 */
class RoiManagerDisplayTest {

	@RegisterExtension
	static final ImageJFixture IMAGEJ = ImageJFixture.create().menus().segmenter(RecordingSegmenter.class);

	@BeforeAll
	static void needsDisplay() {
		assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display (run under xvfb-run with -Djava.awt.headless=false)");
	}

	@AfterAll
	static void closeRoiManager() {
		RoiManager rm = RoiManager.getRawInstance();
		if (rm != null) rm.close();
	}

	@Test
	void cellsAreAppendedAfterTheUsersRois() {
		RoiManager rm = RoiManager.getRoiManager();
		rm.reset(); // the test's own starting state
		Roi mine = new Roi(2, 2, 10, 10);
		mine.setName("my annotation");
		rm.addRoi(mine);
		CellTables.reset(CellTables.CELLS);
		ImagePlus imp = TestSmears.discs("field", 3, 24);
		WindowManager.setTempCurrentImage(imp);

		String error = IJ.runMacro("run('Segment Leukocytes', 'cell_diameter=0 add_to_roi_manager show_results');" +
			"return call('io.github.leukocnn.plugin.LeukoCnnMacro.lastError');");

		assertEquals("", error);
		assertEquals(1 + 3, rm.getCount());
		assertEquals("my annotation", rm.getName(0));
		assertEquals("cell-0001", rm.getName(1));
		assertEquals("cell-0003", rm.getName(3));
		assertEquals(3, imp.getOverlay().size());
		assertEquals(3, CellTables.get(CellTables.CELLS).size());

		// A second image appends again; nothing is reset.
		ImagePlus second = TestSmears.discs("second", 2, 24);
		WindowManager.setTempCurrentImage(second);
		IJ.runMacro("run('Segment Leukocytes', 'cell_diameter=0 add_to_roi_manager show_results');");
		assertEquals(1 + 3 + 2, rm.getCount());
		assertEquals("my annotation", rm.getName(0));
		assertEquals(5, CellTables.get(CellTables.CELLS).size());
	}

	@Test
	void saveCellAnnotationsSavesOnlyTheCurrentImagesRois(@TempDir Path dir) throws Exception {
		RoiManager rm = RoiManager.getRoiManager();
		rm.reset(); // the test's own starting state
		String save = "run('Save Cell Annotations', 'folder=[" + dir + "]');" +
			"return call('io.github.leukocnn.plugin.LeukoCnnMacro.lastError');";
		ImagePlus a = TestSmears.discs("a", 3, 24);
		WindowManager.setTempCurrentImage(a);
		IJ.runMacro("run('Segment Leukocytes', 'cell_diameter=0 add_to_roi_manager');");
		for (int i = 0; i < 3; i++)
			rm.rename(i, "blast-" + (i + 1)); // annotated in the ROI Manager
		assertEquals("", IJ.runMacro(save));

		ImagePlus b = TestSmears.discs("b", 2, 24);
		WindowManager.setTempCurrentImage(b);
		IJ.runMacro("run('Segment Leukocytes', 'cell_diameter=0 add_to_roi_manager');");
		Roi drawn = new Roi(1, 1, 6, 6);
		drawn.setName("lymphocyte-9");
		b.setRoi(drawn); // drawn by hand on b and added
		rm.addRoi(drawn);
		assertEquals(3 + 2 + 1, rm.getCount());
		java.io.PrintStream stdout = System.out;
		var log = new java.io.ByteArrayOutputStream();
		System.setOut(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8)); // IJ.log without an ImageJ window
		try {
			assertEquals("", IJ.runMacro(save));
		}
		finally {
			System.setOut(stdout);
		}
		String logged = IJ.getLog() != null ? IJ.getLog() : log.toString(java.nio.charset.StandardCharsets.UTF_8);

		List<Roi> ofA = RoiSets.read(dir.resolve("a" + SaveAnnotationsPlugin.SUFFIX));
		assertEquals(List.of("blast-1", "blast-2", "blast-3"), ofA.stream().map(Roi::getName).toList());
		List<Roi> ofB = RoiSets.read(dir.resolve("b" + SaveAnnotationsPlugin.SUFFIX));
		assertEquals(List.of("cell-0001", "cell-0002", "lymphocyte-9"), ofB.stream().map(Roi::getName).toList(),
			"b's cells only, not a's outlines");
		assertTrue(logged.contains("left out 3 ROI(s) of the ROI Manager that belong to other images (a); saving the 3 of 'b'"), logged);
		assertEquals(3 + 2 + 1, rm.getCount(), "the ROI Manager is left as it was");
	}

	@Test
	void commandUsesTheActiveImageAndAppendsToTheRoiManager() throws Exception {
		RoiManager rm = RoiManager.getRoiManager();
		rm.reset();
		rm.addRoi(new Roi(0, 0, 3, 3));
		ImagePlus imp = TestSmears.discs("shown", 2, 24);
		org.scijava.Context context = new org.scijava.Context(org.scijava.command.CommandService.class);
		try {
			imp.show(); // the active image window, as in Fiji; the command gets no image input
			// a temporary image another test may have left on this thread would hide the active window
			WindowManager.setTempCurrentImage(null);
			long deadline = System.nanoTime() + 10_000_000_000L;
			while (WindowManager.getCurrentImage() != imp) {
				assertTrue(System.nanoTime() < deadline, "the shown image did not become the active image within 10 s: " +
					WindowManager.getCurrentImage());
				IJ.wait(20);
			}
			var module = context.service(org.scijava.command.CommandService.class)
				.run(io.github.leukocnn.command.SegmentLeukocytesCommand.class, true, "segmenter", new RecordingSegmenter(),
					"add_to_roi_manager", true, "show_results", false).get();
			assertEquals(false, module.isCanceled(), module.getCancelReason());
			assertEquals(2, module.getOutput("cell_count"));
			assertEquals(2, imp.getOverlay().size());
			assertEquals(1 + 2, rm.getCount());
		}
		finally {
			context.dispose();
			imp.changes = false;
			imp.close();
		}
	}
}

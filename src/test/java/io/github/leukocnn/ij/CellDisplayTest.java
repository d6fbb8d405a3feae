package io.github.leukocnn.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.TextRoi;
import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.report.ClassifyBatch;
import io.github.leukocnn.report.FieldReport;
import io.github.leukocnn.segment.CellMeasurements;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.segment.SegmentationSettings;
import io.github.leukocnn.image.RgbImages;
import ij.process.ColorProcessor;

class CellDisplayTest {

	@BeforeEach
	void emptyTable() {
		CellTables.reset(CellTables.CELLS);
	}

	private static Segmentation segment(ImagePlus imp) {
		return new RecordingSegmenter().segment(RgbImages.wrap((ColorProcessor) imp.getProcessor()),
			SegmentationSettings.defaults().withProgress(ProgressListener.NONE));
	}

	@Test
	void overlayTableAndNamesForUnclassifiedCells() {
		ImagePlus imp = TestSmears.discs("field.png", 3, 30);
		Segmentation s = segment(imp);
		assertEquals(3, s.cellCount());

		CellDisplay.Shown shown = CellDisplay.show(imp, s, null, true, true);

		assertEquals(3, shown.rois().size());
		assertEquals(3, imp.getOverlay().size());
		assertEquals("cell-0001", imp.getOverlay().get(0).getName());
		assertEquals("cell-0003", imp.getOverlay().get(2).getName());
		assertEquals(CellPalette.UNCLASSIFIED, imp.getOverlay().get(1).getStrokeColor());
		assertFalse(imp.getOverlay().getDrawNames(), "unclassified outlines carry no class to show");
		assertFalse(shown.inRoiManager(), "headless ImageJ 1 has no ROI Manager");
		// the traced outline covers the disc: its area is the pixel count of the label
		Roi first = shown.rois().get(0);
		assertEquals(s.measurements().get(0).area(), first.getStatistics().pixelCount, 0);
		assertEquals(s.measurements().get(0).bboxX(), first.getBounds().x);

		ResultsTable rt = shown.table();
		assertSame(rt, CellTables.get(CellTables.CELLS));
		assertEquals(3, rt.size());
		assertEquals("field.png", rt.getStringValue("image", 0));
		assertEquals(2, rt.getValue("cell_id", 1), 0);
		assertEquals("", rt.getStringValue("class", 0));
		assertTrue(Double.isNaN(rt.getValue("probability", 0)));
		for (String column : CellMeasurements.COLUMNS)
			assertTrue(rt.columnExists(column), column);
		assertEquals(s.measurements().get(2).area(), rt.getValue("area", 2), 0);
	}

	@Test
	void everyOutlineNamesItsImage() {
		ImagePlus imp = TestSmears.discs("a.png", 2, 20);
		CellDisplay.Shown shown = CellDisplay.show(imp, segment(imp), null, false, false);
		for (Roi roi : shown.rois()) {
			assertEquals("a.png", roi.getProperty(CellDisplay.IMAGE_PROPERTY));
			assertEquals(String.valueOf(imp.getID()), roi.getProperty(CellDisplay.IMAGE_ID_PROPERTY));
		}
		assertEquals("a.png", imp.getOverlay().get(0).getProperty(CellDisplay.IMAGE_PROPERTY), "the overlay's copies too");
	}

	@Test
	void classifiedCellsAreNamedAndColouredByClass() {
		ImagePlus imp = TestSmears.discs("f", 2, 20);
		Segmentation s = segment(imp);
		FieldReport p = FieldReport.of("f", List.of("benign", "pre"), List.of("pre"), s.measurements(),
			new float[][] { { 0.1f, 0.9f }, { 0.97f, 0.03f } }, new float[] { 0.5f, 0.5f });

		CellDisplay.Shown shown = CellDisplay.show(imp, s, p, false, true);

		assertEquals("pre 0.90 #1", shown.rois().get(0).getName());
		assertEquals("benign 0.97 #2", shown.rois().get(1).getName());
		assertEquals(CellPalette.color("pre", p.classes()), shown.rois().get(0).getStrokeColor());
		assertEquals(new java.awt.Color(0x2CA02C), shown.rois().get(1).getStrokeColor());
		Overlay overlay = imp.getOverlay();
		assertEquals(2 + 2, overlay.size(), "an outline and a name label per cell");
		assertEquals("pre 0.90 #1", overlay.get(0).getName());
		TextRoi label = (TextRoi) overlay.get(2);
		assertEquals("pre 0.90 #1", label.getText().trim());
		assertEquals(CellPalette.color("pre", p.classes()), label.getStrokeColor(), "the label in its cell's colour");
		assertEquals(shown.rois().get(0).getBounds().x, label.getBounds().x);
		assertTrue(label.getBounds().y + label.getBounds().height <= shown.rois().get(0).getBounds().y
			|| label.getBounds().y >= shown.rois().get(0).getBounds().y + shown.rois().get(0).getBounds().height,
			"the label does not cover its cell");
		assertFalse(overlay.getDrawNames(), "names are the labels' own, not the overlay-wide switch");
		assertEquals("pre", shown.table().getStringValue("class", 0));
		assertEquals(0.97, shown.table().getValue("probability", 1), 1e-6);
	}

	@Test
	void keepsTheUsersOverlayAndResultsAndReplacesOnlyItsOwnOutlines() {
		ImagePlus imp = TestSmears.discs("f", 2, 20);
		Overlay mine = new Overlay(new Roi(1, 1, 5, 5));
		imp.setOverlay(mine);
		ResultsTable results = Analyzer.getResultsTable();
		results.reset();
		results.addRow();
		results.addValue("Area", 42);
		Segmentation s = segment(imp);

		CellDisplay.show(imp, s, null, false, true);
		CellDisplay.show(imp, s, null, false, true); // a second run on the same image

		assertEquals(1 + 2, imp.getOverlay().size(), "user's ROI + one outline per cell, not two");
		assertEquals(1, imp.getOverlay().get(0).getBounds().x);
		assertEquals(1, results.size(), "the user's Results table is untouched");
		assertEquals(42, results.getValue("Area", 0), 0);
		assertEquals(4, CellTables.get(CellTables.CELLS).size(), "runs append rows to LeukoCNN Cells");
	}

	@Test
	void labelsNameOnlyLeukoCnnCellsAndAreReplacedWithThem() {
		ImagePlus imp = TestSmears.discs("f", 2, 20);
		Roi mine = new Roi(1, 1, 5, 5);
		mine.setName("my annotation");
		imp.setOverlay(new Overlay(mine));
		Segmentation s = segment(imp);
		FieldReport p = FieldReport.of("f", List.of("benign", "pre"), List.of("pre"), s.measurements(),
			new float[][] { { 0.1f, 0.9f }, { 0.97f, 0.03f } }, new float[] { 0.5f, 0.5f });

		CellDisplay.show(imp, s, p, false, false);
		CellDisplay.show(imp, s, p, false, false); // a second run on the same image

		Overlay overlay = imp.getOverlay();
		assertEquals(1 + 2 + 2, overlay.size(), "user's ROI + outline and label per cell, not twice");
		assertSame(mine, overlay.get(0));
		assertFalse(overlay.getDrawNames() || overlay.getDrawLabels(), "the user's ROI is not labelled by LeukoCNN");
		assertEquals(2, java.util.Arrays.stream(overlay.toArray()).filter(r -> r instanceof TextRoi).count());
	}

	@Test
	void segmentingAgainClearsTheEarlierClassification() {
		ImagePlus imp = TestSmears.discs("f", 2, 20);
		Segmentation s = segment(imp);
		FieldReport p = FieldReport.of("f", List.of("benign", "pre"), List.of("pre"), s.measurements(),
			new float[][] { { 0.1f, 0.9f }, { 0.97f, 0.03f } }, new float[] { 0.4f, 0.6f });
		FieldDisplay.show(imp, new ClassifyBatch.Classified(p, s), false, false);
		assertSame(p, FieldDisplay.reportOf(imp));
		assertEquals("pre", imp.getProp(FieldDisplay.CALL_PROP));
		assertEquals("positive", imp.getProp(FieldDisplay.LEUKAEMIA_PROP));

		CellDisplay.show(imp, s, null, false, false); // Segment Leukocytes on the same image

		assertNull(FieldDisplay.reportOf(imp), "the report of the earlier outlines is gone");
		assertNull(imp.getProp(FieldDisplay.CALL_PROP));
		assertNull(imp.getProp(FieldDisplay.LEUKAEMIA_PROP));
		assertEquals("2", imp.getProp(CellDisplay.CELLS_PROP));
	}

	@Test
	void aCellTypeModelMakesNoLeukaemiaCall() {
		ImagePlus imp = TestSmears.discs("f", 2, 20);
		Segmentation s = segment(imp);
		FieldReport types = FieldReport.of("f", List.of("lymphocyte", "neutrophil"), List.of(), s.measurements(),
			new float[][] { { 0.1f, 0.9f }, { 0.97f, 0.03f } }, new float[] { 0.4f, 0.6f });

		FieldDisplay.show(imp, new ClassifyBatch.Classified(types, s), false, false);

		assertEquals("neutrophil", imp.getProp(FieldDisplay.CALL_PROP));
		assertNull(imp.getProp(FieldDisplay.LEUKAEMIA_PROP), "no 'negative' from a model that cannot say positive");
	}

	@Test
	void aLabelStaysInsideTheImage() {
		Roi atRightEdge = new Roi(290, 2, 10, 10);
		atRightEdge.setName("neutrophil 0.99 #12");
		Roi label = CellDisplay.label(atRightEdge, new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 12), 300);
		assertTrue(label.getBounds().x >= 150 && label.getBounds().x + label.getBounds().width <= 300, label.getBounds().toString());
		assertEquals(12, label.getBounds().y, "below a cell at the top edge");
	}

	@Test
	void noTableWhenNotAskedFor() {
		ImagePlus imp = TestSmears.discs("f", 1, 20);
		CellDisplay.Shown shown = CellDisplay.show(imp, segment(imp), null, false, false);
		assertEquals(null, shown.table());
		assertEquals(0, CellTables.get(CellTables.CELLS).size());
		assertNotNull(imp.getOverlay());
	}

	@Test
	void predictionsMustMatchTheCells() {
		ImagePlus imp = TestSmears.discs("f", 2, 20);
		Segmentation two = segment(imp);
		FieldReport one = FieldReport.of("f", List.of("a"), List.of(), two.measurements().subList(0, 1),
			new float[][] { { 1 } }, new float[] { 1 });
		assertThrows(IllegalArgumentException.class, () -> CellDisplay.show(imp, two, one, false, false));
	}

	@Test
	void emptyImageGivesNoCellsAndNoError() {
		ImagePlus imp = TestSmears.discs("empty", 0, 20);
		CellDisplay.Shown shown = CellDisplay.show(imp, segment(imp), null, true, true);
		assertEquals(0, shown.rois().size());
		assertEquals(0, imp.getOverlay().size());
	}
}

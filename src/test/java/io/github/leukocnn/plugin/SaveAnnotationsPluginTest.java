package io.github.leukocnn.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.gui.Roi;
import ij.io.FileSaver;
import io.github.leukocnn.ij.RecordingSegmenter;
import io.github.leukocnn.ij.TestSmears;
import io.github.leukocnn.io.RoiSets;
import io.github.leukocnn.segment.Segmenters;

class SaveAnnotationsPluginTest {

	@BeforeAll
	static void install() throws Exception {
		HeadlessMenus.install();
		System.setProperty(Segmenters.PROPERTY, RecordingSegmenter.class.getName());
	}

	@AfterAll
	static void restore() {
		System.clearProperty(Segmenters.PROPERTY);
	}

	@Test
	void savesTheCellOutlinesBesideTheImageAndKeepsAnExistingSet(@TempDir Path dir) throws Exception {
		Path image = dir.resolve("field 1.png");
		new FileSaver(TestSmears.discs("f", 3, 24)).saveAsPng(image.toString());
		String macro = "setBatchMode(true);\n" +
			"e = call('io.github.leukocnn.plugin.LeukoCnnMacro.openSmear', '" + image + "');\n" +
			"run('Segment Leukocytes', 'cell_diameter=0');\n" +
			"run('Save Cell Annotations', '');\n" +
			"first = call('io.github.leukocnn.plugin.LeukoCnnMacro.lastError');\n" +
			"run('Save Cell Annotations', '');\n" +
			"second = call('io.github.leukocnn.plugin.LeukoCnnMacro.lastError');\n" +
			"close(); return e + '|' + first + '|' + second;";

		String[] out = IJ.runMacro(macro).split("\\|", -1);

		assertEquals("", out[0]);
		assertEquals("", out[1]);
		assertTrue(out[2].contains("already exists"), out[2]);
		List<Roi> rois = RoiSets.read(dir.resolve("field 1" + SaveAnnotationsPlugin.SUFFIX));
		assertEquals(3, rois.size());
		assertEquals("cell-0001", rois.get(0).getName());
	}

	@Test
	void imageWithoutCellsIsRefused() {
		ij.WindowManager.setTempCurrentImage(TestSmears.discs("unsaved", 1, 24));
		String out = IJ.runMacro("run('Save Cell Annotations', 'folder=/tmp'); return call('io.github.leukocnn.plugin.LeukoCnnMacro.lastError');");
		assertTrue(out.startsWith("no cell ROIs to save"), out);
	}
}

package io.github.leukocnn.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.gui.Roi;
import ij.io.FileSaver;
import io.github.leukocnn.ij.RecordingSegmenter;
import io.github.leukocnn.ij.TestSmears;
import io.github.leukocnn.io.RoiSets;
import io.github.leukocnn.testutil.ImageJFixture;

class SaveAnnotationsPluginTest {

	@RegisterExtension
	static final ImageJFixture IMAGEJ = ImageJFixture.create().menus().segmenter(RecordingSegmenter.class);

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
	void overwriteInsideTheBracketedFolderDoesNotTickOverwrite(@TempDir Path dir) throws Exception {
		Path folder = java.nio.file.Files.createDirectories(dir.resolve("keep overwrite off"));
		ij.WindowManager.setTempCurrentImage(TestSmears.discs("f", 2, 24));
		String save = "run('Save Cell Annotations', 'folder=[" + folder + "]');\n" +
			"e = call('io.github.leukocnn.plugin.LeukoCnnMacro.lastError');\n";
		String out = IJ.runMacro("run('Segment Leukocytes', 'cell_diameter=0');\n" + save + "first = e;\n" + save +
			"return first + '|' + e;");
		String[] errors = out.split("\\|", -1);
		assertEquals("", errors[0]);
		assertTrue(errors[1].contains("already exists"), "the folder's 'overwrite' is no checkbox: " + out);
	}

	@Test
	void imageWithoutCellsIsRefused() {
		ij.WindowManager.setTempCurrentImage(TestSmears.discs("unsaved", 1, 24));
		String out = IJ.runMacro("run('Save Cell Annotations', 'folder=/tmp'); return call('io.github.leukocnn.plugin.LeukoCnnMacro.lastError');");
		assertTrue(out.startsWith("no cell ROIs to save"), out);
	}
}

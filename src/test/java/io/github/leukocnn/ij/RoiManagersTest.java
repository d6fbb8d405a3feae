package io.github.leukocnn.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.gui.Roi;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.image.RgbImages;
import io.github.leukocnn.segment.SegmentationSettings;
import ij.process.ColorProcessor;

/** Which of the shared ROI Manager's ROIs belong to an image (headless: the list is built by hand). */
class RoiManagersTest {

	private static List<Roi> cells(ImagePlus imp, int n) {
		var s = new RecordingSegmenter().segment(RgbImages.wrap((ColorProcessor) imp.getProcessor()),
			SegmentationSettings.defaults().withProgress(ProgressListener.NONE));
		List<Roi> rois = CellDisplay.show(imp, s, null, false, false).rois();
		assertEquals(n, rois.size());
		return rois;
	}

	private static Roi drawnOn(ImagePlus imp, String name) {
		Roi roi = new Roi(1, 1, 4, 4);
		roi.setName(name);
		if (imp != null) roi.setImage(imp); // as a ROI drawn on the image and added with [t]
		return roi;
	}

	@Test
	void anotherImagesCellsAreLeftOutAndCounted() {
		ImagePlus a = TestSmears.discs("a.png", 2, 20), b = TestSmears.discs("b.png", 3, 20);
		List<Roi> ofA = cells(a, 2), ofB = cells(b, 3);
		ofA.get(0).setName("blast"); // renamed in the ROI Manager: the image is a property, kept
		Roi mine = drawnOn(b, "my lymphocyte"), elsewhere = drawnOn(a, "drawn on a");
		List<Roi> manager = new java.util.ArrayList<>(ofA);
		manager.add(elsewhere);
		manager.addAll(ofB);
		manager.add(mine);
		Roi loose = drawnOn(null, "from a ROI set");
		manager.add(loose);

		RoiManagers.OfImage forB = RoiManagers.ofImage(manager, b);

		assertEquals(4, forB.kept().size());
		assertSame(ofB.get(0), forB.kept().get(0));
		assertSame(mine, forB.kept().get(3));
		assertEquals(3, forB.otherImage(), "a's two cells and the ROI drawn on a");
		assertEquals(1, forB.withoutImage(), "a ROI of no image is not guessed to be b's when a's are present");
		assertEquals(Set.of("a.png"), forB.otherTitles());
		assertEquals(3, RoiManagers.ofImage(manager, a).kept().size());
	}

	@Test
	void roisWithoutAnImageAreKeptWhenNoOtherImagesArePresent() {
		ImagePlus b = TestSmears.discs("b.png", 2, 20);
		List<Roi> manager = new java.util.ArrayList<>(List.of(drawnOn(null, "loaded")));
		manager.addAll(cells(b, 2));

		RoiManagers.OfImage forB = RoiManagers.ofImage(manager, b);

		assertEquals(3, forB.kept().size());
		assertEquals("loaded", forB.kept().get(0).getName(), "in the manager's order");
		assertEquals(0, forB.leftOut());
	}

	@Test
	void aClosedImagesCellsAreMatchedByTitle() {
		// ROIs saved in an earlier session and loaded again: the ID is stale, the title still names the image
		ImagePlus reopened = TestSmears.discs("a.png", 1, 20), other = TestSmears.discs("c.png", 1, 20);
		Roi earlier = new Roi(1, 1, 4, 4);
		earlier.setProperty(CellDisplay.IMAGE_PROPERTY, "a.png");
		earlier.setProperty(CellDisplay.IMAGE_ID_PROPERTY, "-987654");
		assertEquals(List.of(earlier), RoiManagers.ofImage(List.of(earlier), reopened).kept());
		assertEquals(1, RoiManagers.ofImage(List.of(earlier), other).otherImage());
	}
}

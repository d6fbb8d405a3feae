package io.github.leukocnn.segment;

import java.nio.file.Files;
import java.nio.file.Path;

import ij.process.ColorProcessor;
import io.github.leukocnn.image.RgbImages;
import io.github.leukocnn.segment.eval.Overlays;
import io.github.leukocnn.segment.eval.VocBoxes;

/** Developer tool: java BccdDump BCCD OUTDIR NAME... overlays with truth WBC boxes (red) and detected boxes (cyan). */
public final class BccdDump {

	public static void main(String[] args) throws Exception {
		Path dir = Path.of(args[0]), out = Path.of(args[1]);
		Files.createDirectories(out);
		for (int i = 2; i < args.length; i++) {
			ColorProcessor cp = io.github.leukocnn.io.SmearImages.openRgb(dir.resolve("images").resolve(args[i] + ".jpg"));
			Segmentation s = new SmearSegmenter().segment(RgbImages.wrap(cp), new SegmentationSettings(0, 1, null));
			ColorProcessor o = Overlays.draw(cp, s);
			o.setColor(0xff0000);
			for (VocBoxes.Box b : VocBoxes.read(dir.resolve("annotations").resolve(args[i] + ".xml"), "WBC"))
				o.drawRect((int) b.xmin(), (int) b.ymin(), (int) (b.xmax() - b.xmin() + 1), (int) (b.ymax() - b.ymin() + 1));
			o.setColor(0x00ffff);
			for (CellMeasurements c : s.measurements())
				o.drawRect(c.bboxX(), c.bboxY(), c.bboxWidth(), c.bboxHeight());
			Overlays.writePng(o, out.resolve(args[i] + ".png"));
			System.out.println(args[i] + " D=" + s.cellDiameter() + " " + s.cellCount());
		}
		System.exit(0);
	}
}

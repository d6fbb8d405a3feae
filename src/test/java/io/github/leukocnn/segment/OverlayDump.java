package io.github.leukocnn.segment;

import java.nio.file.Path;

import ij.process.ColorProcessor;
import io.github.leukocnn.image.RgbImages;
import io.github.leukocnn.segment.eval.Overlays;

/** Developer tool: java OverlayDump OUTDIR DIAMETER FILE... writes OUTDIR/NAME.png overlays. */
public final class OverlayDump {

	public static void main(String[] args) throws Exception {
		Path out = Path.of(args[0]);
		double d = Double.parseDouble(args[1]);
		for (int i = 2; i < args.length; i++) {
			Path f = Path.of(args[i]);
			ColorProcessor cp = io.github.leukocnn.io.SmearImages.openRgb(f);
			Segmentation s = new SmearSegmenter().segment(RgbImages.wrap(cp), new SegmentationSettings(d, 1, null));
			String name = f.getFileName().toString();
			Overlays.writePng(Overlays.draw(cp, s), out.resolve(name.substring(0, name.lastIndexOf('.')) + ".png"));
			System.out.println(name + ": " + s.cellCount() + " cells, D=" + s.cellDiameter());
		}
		System.exit(0);
	}
}

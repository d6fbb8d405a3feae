package io.github.leukocnn.segment;

import java.nio.file.Path;

import ij.process.ColorProcessor;
import io.github.leukocnn.segment.eval.SmearImages;

/** Developer tool: mean optical densities per mask class of wbc-masks images. */
public final class FeatureStats {

	public static void main(String[] args) throws Exception {
		Path dir = Path.of(args[0]);
		for (int a = 1; a < args.length; a++) {
			String id = args[a];
			ColorProcessor cp = SmearImages.readRgb(dir.resolve("images/" + id + ".bmp"));
			int[] size = new int[2];
			int[] m = SmearImages.readGrey(dir.resolve("masks/" + id + ".png"), size);
			StainFeatures f = StainFeatures.compute((int[]) cp.getPixels(), cp.getWidth(), cp.getHeight(), 1);
			double[][] s = new double[3][5];
			for (int i = 0; i < m.length; i++) {
				int c = m[i] == 255 ? 2 : m[i] == 128 ? 1 : 0;
				s[c][0] += f.odRed[i];
				s[c][1] += f.odGreen[i];
				s[c][2] += f.odBlue[i];
				s[c][3] += f.nucleus[i];
				s[c][4]++;
			}
			StringBuilder sb = new StringBuilder(id + String.format(" white %.0f %.0f %.0f", f.white[0], f.white[1], f.white[2]));
			for (int c = 0; c < 3; c++)
				sb.append(String.format(" | %s R%.2f G%.2f B%.2f N%.2f", c == 0 ? "bg" : c == 1 ? "cy" : "nu",
					s[c][0] / s[c][4], s[c][1] / s[c][4], s[c][2] / s[c][4], s[c][3] / s[c][4]));
			System.out.println(sb);
		}
	}
}

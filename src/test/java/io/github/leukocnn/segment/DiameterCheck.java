package io.github.leukocnn.segment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import ij.process.ColorProcessor;
import io.github.leukocnn.segment.eval.MaskImages;
import io.github.leukocnn.segment.eval.VocBoxes;

/** Developer tool: estimated diameter against a reference per data set. */
public final class DiameterCheck {

	public static void main(String[] args) throws Exception {
		Path data = Path.of(args[0]);
		int step = Integer.parseInt(args[1]);
		List<Path> w = list(data.resolve("wbc-masks/images"));
		double sum = 0; int n = 0;
		for (int i = 0; i < w.size(); i += step) {
			Path f = w.get(i);
			String id = f.getFileName().toString().replace(".bmp", "");
			int[] size = new int[2];
			int[] m = MaskImages.readGrey(data.resolve("wbc-masks/masks/" + id + ".png"), size);
			int a = 0;
			for (int v : m) if (v > 0) a++;
			double truth = 2 * Math.sqrt(a / Math.PI);
			double est = DiameterEstimator.estimate(io.github.leukocnn.io.SmearImages.openRgb(f));
			System.out.printf("wbc %s true %.0f est %.0f ratio %.2f%n", id, truth, est, est / truth);
			sum += Math.log(est / truth); n++;
		}
		System.out.printf("wbc geo-mean ratio %.3f%n", Math.exp(sum / n));
		List<Path> b = list(data.resolve("bccd/images"));
		sum = 0; n = 0;
		for (int i = 0; i < b.size(); i += step) {
			Path f = b.get(i);
			String id = f.getFileName().toString().replace(".jpg", "");
			List<VocBoxes.Box> boxes = VocBoxes.read(data.resolve("bccd/annotations/" + id + ".xml"), "WBC");
			double est = DiameterEstimator.estimate(io.github.leukocnn.io.SmearImages.openRgb(f));
			if (boxes.isEmpty()) continue;
			VocBoxes.Box x = boxes.get(0);
			double box = Math.sqrt((x.xmax() - x.xmin()) * (x.ymax() - x.ymin()));
			System.out.printf("bccd %s box %.0f est %.0f ratio %.2f%n", id, box, est, est / box);
			sum += Math.log(est / box); n++;
		}
		System.out.printf("bccd geo-mean est/box %.3f%n", Math.exp(sum / n));
		for (String dir : new String[] { "pbc/neutrophil", "pbc/lymphocyte", "all-taleqani/benign", "all-taleqani/pro" }) {
			List<Path> p = list(data.resolve(dir));
			StringBuilder sb = new StringBuilder(dir + ":");
			for (int i = 0; i < p.size(); i += p.size() / 10)
				sb.append(String.format(" %.0f", DiameterEstimator.estimate(io.github.leukocnn.io.SmearImages.openRgb(p.get(i)))));
			System.out.println(sb);
		}
	}

	static List<Path> list(Path dir) throws Exception {
		try (Stream<Path> s = Files.list(dir)) {
			return s.sorted().toList();
		}
	}
}

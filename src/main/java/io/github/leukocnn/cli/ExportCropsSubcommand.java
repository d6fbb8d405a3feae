package io.github.leukocnn.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.leukocnn.batch.OutputNames;
import io.github.leukocnn.cnn.FieldAggregation;
import io.github.leukocnn.cnn.ModelCard;
import io.github.leukocnn.cnn.ModelFile;
import io.github.leukocnn.cnn.train.Augmenter;
import io.github.leukocnn.cnn.train.TrainingData;
import io.github.leukocnn.cnn.train.TrainingJob;
import io.github.leukocnn.cnn.train.TrainingItem;
import io.github.leukocnn.crop.CellCropper;
import io.github.leukocnn.crop.FieldCropScale;

/**
 * {@code leukocnn export-crops}: writes the network crops of a labelled data set as a
 * folder-per-class PNG data set, for inspection and reuse (exactly what training sees, before
 * augmentation).
 */
public final class ExportCropsSubcommand implements Subcommand {

	@Override
	public String name() {
		return "export-crops";
	}

	@Override
	public String summary() {
		return "write cell crops of a labelled data set as folder-per-class PNGs";
	}

	@Override
	public String usage() {
		return """
			usage: leukocnn export-crops --data DIR --kind single-cell|fields|roi-sets --out DIR [options]
			  --data DIR          labelled images: one sub-folder per class (single-cell, fields) or images with ROI sets (roi-sets)
			  --out DIR           output folder; gets one sub-folder per class; an existing file is never overwritten: it is a failure (exit code 1)
			  --crop-size PX      crop side (default 48); --cell-fraction F cell diameter / crop side (default 0.55)
			  --single-cell-rule R  whole-image (default), estimate or segmented-cell; --cell-diameter PX fields: 0 = estimate
			  --field-scale R     fields, ROI sets: segmentation (default) or red-cells, as for train
			  --threads N""";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		Path data = args.path("data");
		TrainingData.Kind kind = TrainSubcommand.kind(args.required("kind"));
		Path outDir = args.path("out");
		int size = args.integer("crop-size", 48);
		double fraction = args.number("cell-fraction", 0.55);
		String rule = args.string("single-cell-rule", ModelCard.WHOLE_IMAGE);
		double diameter = args.number("cell-diameter", 0);
		String fieldScale = args.string("field-scale", FieldCropScale.SEGMENTATION);
		int threads = args.integer("threads", Runtime.getRuntime().availableProcessors());
		args.rejectUnknown();
		TrainSubcommand.usage(() -> ModelCard.checkSingleCellRule(rule));
		TrainSubcommand.usage(() -> FieldCropScale.checkRule(fieldScale));
		ModelCard card = new ModelCard("export", ModelFile.FORMAT_VERSION, null, null, null, List.of(), size, fraction, rule,
			ModelCard.RGB_UNIT, 1, FieldAggregation.MEAN_LOG.name(), null, null, null, null, Map.of(), 0, null, null, null).withFieldScale(fieldScale);
		TrainingData set = TrainingJob.load(data, kind, card, diameter, threads, new TrainSubcommand.ConsoleProgress(out));
		int ctx = TrainingData.contextSize(size), written = 0;
		List<String> existing = new ArrayList<>();
		float[] buf = new float[3 * size * size];
		List<String> names = cropNames(set.items(), kind == null); // null: ROI sets (TrainingJob.kind)
		Map<Path, Set<String>> usedThisRun = new HashMap<>();
		for (int i = 0; i < set.items().size(); i++) {
			TrainingItem it = set.items().get(i);
			Path dir = outDir.resolve(set.classes().get(it.label()));
			Files.createDirectories(dir);
			Set<String> used = usedThisRun.computeIfAbsent(dir, d -> new HashSet<>());
			for (int c = 0; c < it.cells().size(); c++) {
				String stem = names.get(i) + (it.cells().size() > 1 || kind == TrainingData.Kind.FIELDS ? "_cell" + (c + 1) : "");
				// "x_cell1" of x.png could still meet an image called x_cell1.png: never write one name twice
				String name = stem;
				for (int k = 2; !used.add(name.toLowerCase(Locale.ROOT)); k++)
					name = stem + "-" + k;
				Path f = dir.resolve(name + ".png");
				if (Files.exists(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
					existing.add(f + " exists (from an earlier export?): not overwritten (crop " + (c + 1) + " of " + it.file() + ")");
					continue;
				}
				Augmenter.NONE.apply(it.cells().get(c), ctx, size, null, buf, 0);
				int[] px = CellCropper.toArgb(buf, 0, size);
				io.github.leukocnn.io.PngWriter.write(f, false, new ij.process.ColorProcessor(size, size, px));
				written++;
			}
		}
		out.printf(Locale.ROOT, "wrote %d crops (%dx%d) of %d images into %s; %d crops not written because the file exists; %d images failed%n",
			written, size, size, set.items().size(), outDir, existing.size(), set.failures().size());
		for (String f : set.failures()) err.println("  failed: " + f);
		for (String f : existing) err.println("  not written: " + f);
		return set.failures().isEmpty() && existing.isEmpty() ? 0 : 1;
	}

	/**
	 * The file stem of each item's crops, unique within its class folder: {@link OutputNames} over the
	 * image names (ROI-set items: image name with the ROI's name), so {@code x.png} and {@code x.jpg}
	 * of one class give {@code x_png} and {@code x_jpg} instead of one {@code x} for both.
	 */
	static List<String> cropNames(List<TrainingItem> items, boolean roiSets) {
		Map<Integer, List<Integer>> byClass = new HashMap<>();
		for (int i = 0; i < items.size(); i++)
			byClass.computeIfAbsent(items.get(i).label(), k -> new ArrayList<>()).add(i);
		String[] names = new String[items.size()];
		for (List<Integer> indices : byClass.values()) {
			List<Path> relative = new ArrayList<>();
			for (int i : indices)
				relative.add(Path.of(relativeName(items.get(i).file(), roiSets)));
			List<String> assigned = OutputNames.assign(relative);
			for (int j = 0; j < indices.size(); j++)
				names[indices.get(j)] = assigned.get(j);
		}
		return List.of(names);
	}

	/**
	 * The item's name below its class folder: "dir/x.png" -> "x.png"; a ROI-set item "dir/x.png#blast 1"
	 * -> "x_blast 1.png" (the image's stem and the ROI's name, the image's extension kept).
	 */
	private static String relativeName(String file, boolean roiSet) {
		int hash = roiSet ? file.lastIndexOf('#') : -1;
		String image = Path.of(hash < 0 ? file : file.substring(0, hash)).getFileName().toString();
		if (hash < 0) return image;
		String roi = file.substring(hash + 1).replace('/', '_').replace('\\', '_');
		int dot = image.lastIndexOf('.');
		return dot > 0 ? image.substring(0, dot) + "_" + roi + image.substring(dot) : image + "_" + roi;
	}

	@Override
	public Set<String> flags() {
		return Set.of();
	}
}

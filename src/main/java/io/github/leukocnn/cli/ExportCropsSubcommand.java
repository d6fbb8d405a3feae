package io.github.leukocnn.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
			  --out DIR           output folder; gets one sub-folder per class; existing files are never overwritten
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
		int ctx = TrainingData.contextSize(size), written = 0, skipped = 0;
		float[] buf = new float[3 * size * size];
		for (TrainingItem it : set.items()) {
			Path dir = outDir.resolve(set.classes().get(it.label()));
			Files.createDirectories(dir);
			String base = Path.of(it.file().replace('#', '_')).getFileName().toString().replaceAll("\\.[A-Za-z]+(_|$)", "$1");
			for (int c = 0; c < it.cells().size(); c++) {
				Path f = dir.resolve(base + (it.cells().size() > 1 || kind == TrainingData.Kind.FIELDS ? "_cell" + (c + 1) : "") + ".png");
				if (Files.exists(f)) {
					skipped++;
					continue;
				}
				Augmenter.NONE.apply(it.cells().get(c), ctx, size, null, buf, 0);
				int[] px = CellCropper.toArgb(buf, 0, size);
				io.github.leukocnn.io.PngWriter.write(f, false, new ij.process.ColorProcessor(size, size, px));
				written++;
			}
		}
		out.printf(Locale.ROOT, "wrote %d crops (%dx%d) of %d images into %s; %d existing files left untouched; %d images failed%n", written, size, size,
			set.items().size(), outDir, skipped, set.failures().size());
		for (String f : set.failures()) err.println("  failed: " + f);
		return set.failures().isEmpty() ? 0 : 1;
	}

	@Override
	public Set<String> flags() {
		return Set.of();
	}
}

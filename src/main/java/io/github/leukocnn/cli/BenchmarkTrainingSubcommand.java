package io.github.leukocnn.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import io.github.leukocnn.cnn.ModelFile;
import io.github.leukocnn.cnn.train.TrainingBenchmark;

/** {@code leukocnn benchmark-training}: ms per training step with DL4J's layers and with {@link io.github.leukocnn.cnn.train.FastTrainingLayers}. */
public final class BenchmarkTrainingSubcommand implements Subcommand {

	@Override
	public String name() {
		return "benchmark-training";
	}

	@Override
	public String summary() {
		return "measure a training step of the models' networks with DL4J's built-in layers and with LeukoCNN's fast training layers";
	}

	@Override
	public String usage() {
		return """
			usage: leukocnn benchmark-training [options]
			  --models A,B   model names or files whose network is timed (default: all-screening,leukocyte-types)
			  --batch N      batch size (default 64)
			  --steps N      timed steps per variant and round (default 5)
			  --rounds N     alternating rounds (default 3); the median step is printed""";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		List<String> models = args.models();
		int batch = args.integer("batch", 64), steps = args.integer("steps", 5), rounds = args.integer("rounds", 3);
		args.rejectUnknown();
		if (batch < 1 || steps < 1 || rounds < 1)
			throw new Arguments.UsageException("--batch, --steps and --rounds must be at least 1");
		out.printf(Locale.ROOT, "threads %d, batch %d%n", Runtime.getRuntime().availableProcessors(), batch);
		for (String m : models) {
			ModelFile.Model model = ModelFile.load(m);
			int crop = model.card().cropSize();
			var t = TrainingBenchmark.measure(model.network(), crop, batch, steps, rounds);
			out.printf(Locale.ROOT, "%s: %.0f ms per training step with DL4J's layers, %.0f ms with LeukoCNN's training layers (ratio %.2f; crop %dpx)%n",
				model.card().name(), t.builtInMs(), t.fastMs(), t.ratio(), crop);
		}
		return 0;
	}
}

package io.github.leukocnn.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.leukocnn.cnn.train.Ensembles;
import io.github.leukocnn.cnn.train.TrainingJob;

/** {@code leukocnn ensemble}: combines model files trained on the same data into one ensemble model file. */
public final class EnsembleSubcommand implements Subcommand {

	@Override
	public String name() {
		return "ensemble";
	}

	@Override
	public String summary() {
		return "combine models trained on the same data (e.g. other seeds) into one calibrated ensemble model file";
	}

	@Override
	public Set<String> flags() {
		return Set.of("overwrite");
	}

	@Override
	public String usage() {
		return """
			usage: leukocnn ensemble --members A.zip,B.zip[,...] --data DIR --kind single-cell|fields|roi-sets --name NAME --out MODEL.zip [options]
			  --members LIST        model files (or shipped names) trained on --data; same classes, crop rule and normalisation
			  --data DIR, --kind K  the data the members were trained on (see leukocnn train): its validation block
			                        calibrates the ensemble (temperature, field rule, call threshold), its test block scores it
			  --name NAME           model name written into the card
			  --out FILE            ensemble model file to write (refused if it exists, unless --overwrite)
			  --cell-diameter PX    fields: leukocyte diameter in pixels (default 0 = estimate per field)
			  --report-dir DIR      write NAME-evaluation.md/json there
			  --training-data TEXT, --citation TEXT   provenance written into the card (default: the members' own,
			                        each member's where they differ, and every reference of their citations once)
			  --threads N""";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		List<String> members = TrainingJob.classList(args.required("members"));
		Path data = args.path("data");
		String kind = args.required("kind"), name = args.required("name");
		Path outFile = args.path("out");
		boolean overwrite = args.flag("overwrite");
		String reportDir = args.string("report-dir", null);
		String trainingData = args.string("training-data", null), citation = args.string("citation", null);
		double diameter = args.cellDiameter();
		int threads = args.threads();
		args.rejectUnknown();
		if (members.size() < 2) throw new Arguments.UsageException("--members needs at least 2 model files, got " + members.size());
		if (Files.exists(outFile) && !overwrite) {
			err.println("leukocnn ensemble: " + outFile + " exists; use --overwrite to replace it");
			return 2;
		}
		String command = String.format(Locale.ROOT, "leukocnn ensemble --members %s --data %s --kind %s --name %s --out %s", String.join(",", members),
			data, kind, name, outFile);
		Ensembles.Outcome outcome = Ensembles.combine(members, data, TrainSubcommand.kind(kind), diameter, threads, name, outFile,
			overwrite, reportDir == null ? null : Path.of(reportDir), command, trainingData, citation, out, new ConsoleProgress(out));
		return outcome.failures().isEmpty() ? 0 : 1;
	}
}

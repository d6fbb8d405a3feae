package io.github.leukocnn.cnn.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import io.github.leukocnn.cnn.ModelCard;
import io.github.leukocnn.cnn.ModelFile;
import io.github.leukocnn.cnn.ModelFileException;
import io.github.leukocnn.progress.ProgressListener;

/**
 * Combines model files trained on the same data (e.g. with different seeds) into one ensemble
 * model file: the members' log-probabilities are averaged per cell (see
 * {@link io.github.leukocnn.cnn.CnnCellClassifier}), and the ensemble gets its own temperature,
 * field rule and call threshold, fitted on the validation block of that data, then is scored on
 * its test block. Averaging independently trained networks cancels part of each one's errors;
 * the price is one network run per member and cell.
 */
public final class Ensembles {

	private Ensembles() {}

	/** The ensemble as written, with its held-out scores. */
	public record Outcome(ModelCard card, HeldOutScores validation, HeldOutScores test, List<String> failures) {}

	/**
	 * Loads the members, checks they crop and classify alike, loads {@code data} by their card
	 * (the same hold-out split they were trained on), calibrates and scores the ensemble and writes
	 * it to {@code out} (atomically; an existing file only with {@code overwrite}), with the
	 * evaluation report in {@code reportDir} if not null.
	 *
	 * @param kind how {@code data} is labelled, as {@link TrainingJob#load}
	 * @param command the command line that made the ensemble, written into the card after the members' commands
	 * @param trainingData what the members were trained on, for the card (null = the members' own, see {@link #card})
	 * @param citation the data's citation, for the card (null = the members' references together)
	 */
	public static Outcome combine(List<String> members, Path data, TrainingData.Kind kind, double cellDiameter, int threads,
		String name, Path out, boolean overwrite, Path reportDir, String command, String trainingData, String citation, PrintStream log,
		ProgressListener progress) throws IOException
	{
		if (members.size() < 2) throw new IllegalArgumentException("an ensemble needs at least 2 member models, got " + members.size());
		if (Files.exists(out) && !overwrite) throw new FileAlreadyExistsException(out + " exists; use overwrite to replace it");
		List<ModelFile.Model> models = new ArrayList<>();
		for (String m : members) models.add(ModelFile.load(m));
		checkCompatible(models, members);
		ModelCard first = models.get(0).card();
		TrainingData set = TrainingJob.load(data, kind, first, cellDiameter, threads, progress);
		log.printf(Locale.ROOT, "loaded %d images (%d cells) of classes %s; %d failed%n", set.items().size(), set.sampleCount(), set.classes(),
			set.failures().size());
		if (!set.classes().equals(first.classes()))
			throw new IOException(data + " has classes " + set.classes() + " but the members classify " + first.classes());
		Splits splits = Splits.holdOut(set, Splits.VALIDATION_FRACTION, Splits.TEST_FRACTION);
		List<MultiLayerNetwork> networks = new ArrayList<>();
		for (ModelFile.Model m : models) networks.addAll(m.networks());
		progress.checkCancelled();
		Trainer.Calibrated done = Trainer.calibrateAndScore(networks, card(models, name, command, trainingData, citation), splits, log);
		progress.checkCancelled(); // the last chance to stop before the file is written
		ModelCard saved = ModelFile.save(networks, done.cardWith(memberMetrics(models)), out, overwrite);
		log.printf(Locale.ROOT, "wrote %s (%d bytes, %d networks); TEST block: %s%n", out, Files.size(out), networks.size(), saved.metrics());
		if (reportDir != null) {
			EvaluationReport.write(reportDir, saved, done.validation(), done.test(), set.failures(), saved.trainingCommand());
			log.println("wrote evaluation report to " + reportDir);
		}
		return new Outcome(saved, done.validation(), done.test(), set.failures());
	}

	/**
	 * Refuses members that would not see or mean the same thing: classes, positive classes, crop
	 * rule and normalisation must all equal the first member's.
	 */
	static void checkCompatible(List<ModelFile.Model> models, List<String> names) throws ModelFileException {
		ModelCard a = models.get(0).card();
		for (int i = 1; i < models.size(); i++) {
			ModelCard b = models.get(i).card();
			String what = "member " + (i + 1) + " (" + names.get(i) + ")", ref = "member 1 (" + names.get(0) + ")";
			check(a.classes(), b.classes(), "classes", what, ref);
			check(a.positiveClasses() == null ? List.of() : a.positiveClasses(),
				b.positiveClasses() == null ? List.of() : b.positiveClasses(), "positive classes", what, ref);
			check(a.cropSize(), b.cropSize(), "crop size", what, ref);
			check(a.cellFraction(), b.cellFraction(), "cell fraction", what, ref);
			check(a.singleCellRule(), b.singleCellRule(), "single-cell rule", what, ref);
			check(a.normalisation(), b.normalisation(), "normalisation", what, ref);
			check(a.fieldScaleRule(), b.fieldScaleRule(), "field scale", what, ref);
		}
	}

	private static void check(Object a, Object b, String property, String what, String ref) throws ModelFileException {
		if (!Objects.equals(a, b)) throw new ModelFileException(what + " has " + property + " " + b + " but " + ref + " has " + a +
			": the members of an ensemble must crop, normalise and classify alike");
	}

	/**
	 * The ensemble's card before calibration: the first member's, renamed, with every member's
	 * command. Its training data and citation are those given, else the members' together: one text
	 * if they agree, otherwise each member's ("member 2: ..."), and every reference of their
	 * citations once (references are separated by "; "), so that no member's data goes unnamed.
	 */
	static ModelCard card(List<ModelFile.Model> models, String name, String command, String trainingData, String citation) {
		ModelCard first = models.get(0).card();
		StringBuilder commands = new StringBuilder();
		for (int i = 0; i < models.size(); i++)
			commands.append("member ").append(i + 1).append(": ").append(models.get(i).card().trainingCommand()).append("\n");
		commands.append("then: ").append(command);
		String description = "LeukoCNN cell classifier '" + name + "': ensemble of " + models.size() + " networks";
		return new ModelCard(name, first.formatVersion(), TrainingJob.version(), description, first.classes(),
			first.positiveClasses(), first.cropSize(), first.cellFraction(), first.singleCellRule(), first.normalisation(), 1,
			first.fieldAggregation(), first.prior(), trainingData != null ? trainingData : membersTrainingData(models),
			citation != null ? citation : membersCitations(models), commands.toString(), Map.of(),
			first.seed(), java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(), null, null, null, null, first.fieldScale());
	}

	private static String membersTrainingData(List<ModelFile.Model> models) {
		List<String> texts = models.stream().map(m -> m.card().trainingData()).toList();
		if (texts.stream().distinct().count() == 1) return texts.get(0);
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < texts.size(); i++) s.append(i == 0 ? "" : "\n").append("member ").append(i + 1).append(": ").append(texts.get(i));
		return s.toString();
	}

	private static String membersCitations(List<ModelFile.Model> models) {
		Set<String> references = new LinkedHashSet<>();
		for (ModelFile.Model m : models)
			if (m.card().citation() != null)
				for (String r : m.card().citation().split(";\\s+")) if (!r.isBlank()) references.add(r.trim());
		return String.join("; ", references);
	}

	/** Members' training cost: total minutes (what training the ensemble takes), and per member. */
	private static Map<String, Object> memberMetrics(List<ModelFile.Model> models) {
		Map<String, Object> m = new LinkedHashMap<>();
		List<Object> minutes = new ArrayList<>(), seeds = new ArrayList<>();
		double total = 0;
		boolean known = true;
		for (ModelFile.Model model : models) {
			Object t = model.card().metrics() == null ? null : model.card().metrics().get("training_minutes");
			minutes.add(t);
			seeds.add(model.card().seed());
			if (t instanceof Number n) total += n.doubleValue();
			else known = false;
		}
		m.put("members", models.size());
		m.put("member_seeds", seeds);
		m.put("member_training_minutes", minutes);
		if (known) m.put("training_minutes", Math.round(total * 10) / 10.0);
		return m;
	}
}

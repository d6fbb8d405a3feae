package io.github.leukocnn.cnn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import io.github.leukocnn.crop.CropNormalisation;
import io.github.leukocnn.crop.FieldCropScale;
import io.github.leukocnn.io.AtomicFiles;
import io.github.leukocnn.io.ZipEntries;

/**
 * The LeukoCNN model file: a zip holding {@code card.json} (the {@link ModelCard}) and
 * {@code network.zip} (the DL4J network as written by {@link ModelSerializer}); an ensemble
 * (format version 2) holds its further members as {@code network-2.zip}, {@code network-3.zip}, …;
 * a card that sizes field crops by the red cells needs format version 3.
 * Loading checks the file thoroughly and says exactly what is wrong.
 */
public final class ModelFile {

	/** Newest layout this LeukoCNN reads; files with a higher number are refused. */
	public static final int FORMAT_VERSION = 3;
	/** Layout of a file with one network; the version written for it, so older LeukoCNN versions read it. */
	public static final int SINGLE_NETWORK_FORMAT_VERSION = 1;
	/** First layout with several networks (an ensemble, whose members' outputs are averaged). */
	public static final int ENSEMBLE_FORMAT_VERSION = 2;
	/**
	 * First layout whose card may size field crops by another rule than the segmentation's diameter
	 * ({@link ModelCard#fieldScale}): a LeukoCNN that predates the rule would ignore it and crop
	 * wrongly without a word, so such files carry this version and older versions refuse them.
	 */
	public static final int FIELD_SCALE_FORMAT_VERSION = 3;
	public static final String CARD_ENTRY = "card.json", NETWORK_ENTRY = "network.zip";
	/** Shipped models, chosen by name; the first is the default. */
	public static final List<String> SHIPPED = List.of("all-screening", "leukocyte-types");
	static final String RESOURCE_DIR = "/io/github/leukocnn/models/";

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

	private ModelFile() {}

	/**
	 * The network(s) of a model file together with its card: one network, or the members of an
	 * ensemble (same input and classes), whose log-probabilities are averaged.
	 */
	public record Model(List<MultiLayerNetwork> networks, ModelCard card) {

		public Model {
			if (networks.isEmpty()) throw new IllegalArgumentException("a model needs at least one network");
			networks = List.copyOf(networks);
		}

		public Model(MultiLayerNetwork network, ModelCard card) {
			this(List.of(network), card);
		}

		/** The first network: the only one unless this is an ensemble. */
		public MultiLayerNetwork network() {
			return networks.get(0);
		}
	}

	/** The zip entry of ensemble member {@code i} (0-based); member 0 is {@link #NETWORK_ENTRY}. */
	public static String networkEntry(int i) {
		return i == 0 ? NETWORK_ENTRY : "network-" + (i + 1) + ".zip";
	}

	/** Loads a shipped model by name (e.g. "all-screening") or a model file by path. */
	public static Model load(String nameOrPath) throws IOException {
		Source source = source(nameOrPath);
		return read(source.bytes(), source.what());
	}

	public static Model load(Path file) throws IOException {
		return read(Files.readAllBytes(file), file.toString());
	}

	/**
	 * The card of a shipped model (by name) or a model file (by path), checked as {@link #load} checks
	 * it, without restoring its network(s): for reading a model's settings.
	 */
	public static ModelCard card(String nameOrPath) throws IOException {
		Source source = source(nameOrPath);
		return card(entries(source.bytes(), source.what()), source.what());
	}

	/** A model file's bytes and how messages name it. */
	private record Source(byte[] bytes, String what) {}

	private static Source source(String nameOrPath) throws IOException {
		if (SHIPPED.contains(nameOrPath)) {
			try (InputStream in = ModelFile.class.getResourceAsStream(RESOURCE_DIR + nameOrPath + ".zip")) {
				if (in == null) throw new ModelFileException("shipped model '" + nameOrPath + "' is missing from this LeukoCNN build (" +
					RESOURCE_DIR + nameOrPath + ".zip)");
				return new Source(in.readAllBytes(), "shipped model '" + nameOrPath + "'");
			}
		}
		Path p = Path.of(nameOrPath);
		if (!Files.isRegularFile(p)) throw new ModelFileException("no model named '" + nameOrPath + "': not a shipped model (" +
			String.join(", ", SHIPPED) + ") and no such file");
		return new Source(Files.readAllBytes(p), p.toString());
	}

	/** Reads a model file's bytes; {@code what} names it in messages. */
	public static Model read(byte[] bytes, String what) throws ModelFileException {
		Map<String, byte[]> entries = entries(bytes, what);
		ModelCard card = card(entries, what);
		List<MultiLayerNetwork> networks = new ArrayList<>();
		for (int i = 0; i < card.networkCount(); i++) {
			String entry = networkEntry(i);
			byte[] net = entries.get(entry);
			if (net == null) throw new ModelFileException(what + " has a card but no network (" + entry + ")" +
				(card.networkCount() > 1 ? ", member " + (i + 1) + " of the ensemble of " + card.networkCount() : ""));
			String expected = card.memberSha256() != null ? card.memberSha256().get(i) : card.weightsSha256();
			if (expected != null && !expected.equalsIgnoreCase(sha256(net)))
				throw new ModelFileException(what + ": network checksum of " + entry + " " + sha256(net) + " does not match the card's " +
					expected + " (file damaged or network replaced)");
			MultiLayerNetwork network;
			try {
				Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
				network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(net), false);
			}
			catch (Exception e) {
				throw new ModelFileException(what + ": " + entry + " is not a DL4J MultiLayerNetwork: " + e.getMessage(), e);
			}
			checkShapes(network, card, card.networkCount() > 1 ? what + " (" + entry + ")" : what);
			networks.add(network);
		}
		return new Model(networks, card);
	}

	/** The entries of a model file's zip archive, by name. */
	private static Map<String, byte[]> entries(byte[] bytes, String what) throws ModelFileException {
		if (bytes.length < 4 || bytes[0] != 'P' || bytes[1] != 'K' || bytes[2] != 3 || bytes[3] != 4)
			throw new ModelFileException(what + " is not a LeukoCNN model file: not a zip archive (" + bytes.length + " bytes" +
				(bytes.length == 0 ? ", empty)" : ")"));
		Map<String, byte[]> entries = new LinkedHashMap<>();
		try (ZipInputStream zin = new ZipInputStream(new ByteArrayInputStream(bytes))) {
			for (ZipEntry e; (e = zin.getNextEntry()) != null;)
				entries.put(e.getName(), zin.readAllBytes());
		}
		catch (IOException e) {
			throw new ModelFileException(what + " is a damaged zip archive: " + e.getMessage(), e);
		}
		return entries;
	}

	/** The model card among {@code entries}, with every check that does not need the network. */
	private static ModelCard card(Map<String, byte[]> entries, String what) throws ModelFileException {
		byte[] cardJson = entries.get(CARD_ENTRY);
		if (cardJson == null) throw new ModelFileException(what + " has no model card (" + CARD_ENTRY + "); entries found: " +
			new ArrayList<>(entries.keySet()) + " — a bare DL4J network is not a LeukoCNN model");
		ModelCard card;
		try {
			card = GSON.fromJson(new String(cardJson, StandardCharsets.UTF_8), ModelCard.class);
		}
		catch (JsonParseException e) {
			throw new ModelFileException(what + ": " + CARD_ENTRY + " is not valid JSON: " + e.getMessage(), e);
		}
		if (card == null) throw new ModelFileException(what + ": " + CARD_ENTRY + " is empty");
		if (card.formatVersion() > FORMAT_VERSION) throw new ModelFileException(what + " has model format version " +
			card.formatVersion() + ", newer than this LeukoCNN reads (" + FORMAT_VERSION + "): update LeukoCNN");
		if (card.formatVersion() < 1) throw new ModelFileException(what + " has unknown model format version " +
			card.formatVersion() + " (this LeukoCNN reads 1.." + FORMAT_VERSION + ")");
		checkClasses(card.classes(), what);
		if (card.positiveClasses() != null)
			for (String p : card.positiveClasses())
				if (!card.classes().contains(p)) throw new ModelFileException(what + ": positive class '" + p + "' is not one of the classes " + card.classes());
		if (card.cropNormalisation() == null)
			throw new ModelFileException(what + ": unknown input normalisation '" + card.normalisation() + "' (known: " +
				CropNormalisation.cardValues() + ")");
		if (!ModelCard.SINGLE_CELL_RULES.contains(card.singleCellRule()))
			throw new ModelFileException(what + ": unknown single-cell rule '" + card.singleCellRule() + "' (known: " +
				String.join(", ", ModelCard.SINGLE_CELL_RULES) + ")");
		if (!FieldCropScale.RULES.contains(card.fieldScaleRule()))
			throw new ModelFileException(what + ": unknown field scale '" + card.fieldScale() + "' (known: " +
				String.join(", ", FieldCropScale.RULES) + ")");
		if (!FieldCropScale.SEGMENTATION.equals(card.fieldScaleRule()) && card.formatVersion() < FIELD_SCALE_FORMAT_VERSION)
			throw new ModelFileException(what + ": field scale '" + card.fieldScale() + "' in a format version " + card.formatVersion() +
				" file (it needs format version " + FIELD_SCALE_FORMAT_VERSION + ")");
		try {
			FieldAggregation.valueOf(card.fieldAggregation());
		}
		catch (IllegalArgumentException | NullPointerException e) {
			throw new ModelFileException(what + ": unknown field aggregation rule '" + card.fieldAggregation() + "'");
		}
		if (card.callThreshold() != null && !(io.github.leukocnn.stats.CallThreshold.isValid(card.callThreshold())
			&& card.positiveClasses() != null && !card.positiveClasses().isEmpty()))
			throw new ModelFileException(what + ": call threshold " + card.callThreshold() +
				" is not usable (needs positive classes and a value in (0, 1])");
		if (card.fieldTemperature() != null && !(card.fieldTemperature() > 0 && Double.isFinite(card.fieldTemperature())))
			throw new ModelFileException(what + ": field temperature " + card.fieldTemperature() + " is not a positive number");
		if (card.cropSize() < 8 || card.cellFraction() <= 0 || card.cellFraction() > 1)
			throw new ModelFileException(what + ": invalid crop rule (size " + card.cropSize() + ", cell fraction " + card.cellFraction() + ")");
		if (card.memberSha256() != null && (card.formatVersion() < ENSEMBLE_FORMAT_VERSION || card.memberSha256().size() < 2))
			throw new ModelFileException(what + ": the card lists " + card.memberSha256().size() + " ensemble member checksum(s) " +
				"in a format version " + card.formatVersion() + " file (an ensemble needs at least 2 members and format version " +
				ENSEMBLE_FORMAT_VERSION + ")");
		return card;
	}

	/**
	 * At least 2 classes, each named once, not blank and without '/': class names become column
	 * names (count_<class>, p_<class>) and folder names, so a repeated name would give repeated
	 * columns and a '/' a nested folder.
	 */
	static void checkClasses(List<String> classes, String what) throws ModelFileException {
		if (classes == null || classes.size() < 2)
			throw new ModelFileException(what + ": the card lists " + (classes == null ? "no" : classes.size()) + " classes, needs at least 2");
		java.util.Set<String> seen = new java.util.HashSet<>();
		for (String c : classes) {
			if (c == null || c.isBlank()) throw new ModelFileException(what + ": the card lists a blank class name among " + classes);
			if (c.contains("/")) throw new ModelFileException(what + ": class name '" + c + "' contains '/' (class names are folder and column names)");
			if (!seen.add(c)) throw new ModelFileException(what + ": class '" + c + "' is listed twice among the card's classes " + classes);
		}
	}

	/** A probe forward pass: the network must take 3×size×size and give one output per card class. */
	static void checkShapes(MultiLayerNetwork network, ModelCard card, String what) throws ModelFileException {
		int s = card.cropSize();
		if (network.getnLayers() > 0 && network.getLayer(0).conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer ff
			&& ff.getNIn() != 3)
			throw new ModelFileException(what + ": the network takes input with " + ff.getNIn() + " channel(s), but LeukoCNN crops are RGB " +
				"(3×" + s + "×" + s + ")");
		INDArray out;
		try {
			out = network.output(Nd4j.zeros(DataType.FLOAT, 1, 3, s, s), false);
		}
		catch (RuntimeException e) {
			throw new ModelFileException(what + ": the network does not accept the card's input shape 3×" + s + "×" + s +
				" (" + firstLine(e.getMessage()) + ")", e);
		}
		long n = out.size(1);
		if (n != card.classes().size()) throw new ModelFileException(what + ": the network has " + n + " outputs but the card lists " +
			card.classes().size() + " classes " + card.classes());
	}

	/** Writes a model file of one network; see {@link #save(List, ModelCard, Path, boolean)}. */
	public static ModelCard save(MultiLayerNetwork network, ModelCard card, Path file, boolean overwrite) throws IOException {
		return save(List.of(network), card, file, overwrite);
	}

	/**
	 * Writes a model file atomically (several networks: an ensemble); refuses to replace an
	 * existing file unless {@code overwrite}. Returns the card as written: checksums and format
	 * version set.
	 */
	public static ModelCard save(List<MultiLayerNetwork> networks, ModelCard card, Path file, boolean overwrite) throws IOException {
		checkClasses(card.classes(), "model card for " + file);
		AtomicFiles.checkCanWrite(List.of(file), overwrite);
		List<byte[]> nets = new ArrayList<>();
		List<String> sha = new ArrayList<>();
		for (MultiLayerNetwork network : networks) {
			ByteArrayOutputStream netBytes = new ByteArrayOutputStream();
			ModelSerializer.writeModel(network, netBytes, false);
			nets.add(withFixedTimes(netBytes.toByteArray()));
			sha.add(sha256(nets.get(nets.size() - 1)));
		}
		ModelCard signed = card.withNetworkChecksums(sha);
		Path dir = file.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		AtomicFiles.write(file, overwrite, os -> {
			ZipOutputStream zout = new ZipOutputStream(os);
			write(zout, CARD_ENTRY, GSON.toJson(signed).getBytes(StandardCharsets.UTF_8));
			for (int i = 0; i < nets.size(); i++) write(zout, networkEntry(i), nets.get(i));
			zout.finish();
		});
		return signed;
	}

	/**
	 * The zip {@code zip} (a network as {@link ModelSerializer} writes it, which stamps each entry
	 * with the time of writing) rewritten with the same entries in the same order, each stamped with
	 * {@link ZipEntries#FIXED_TIME}: the same network then gives the same bytes and checksum.
	 */
	static byte[] withFixedTimes(byte[] zip) throws IOException {
		ByteArrayOutputStream bos = new ByteArrayOutputStream(zip.length + 256);
		try (ZipInputStream zin = new ZipInputStream(new ByteArrayInputStream(zip)); ZipOutputStream zout = new ZipOutputStream(bos)) {
			for (ZipEntry e; (e = zin.getNextEntry()) != null;)
				write(zout, e.getName(), zin.readAllBytes());
		}
		return bos.toByteArray();
	}

	public static String toJson(Object o) {
		return GSON.toJson(o);
	}

	private static void write(ZipOutputStream zout, String name, byte[] data) throws IOException {
		zout.putNextEntry(ZipEntries.entry(name));
		zout.write(data);
		zout.closeEntry();
	}

	static String sha256(byte[] data) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String firstLine(String s) {
		if (s == null) return "no detail";
		int nl = s.indexOf('\n');
		return nl < 0 ? s : s.substring(0, nl);
	}
}

package io.github.leukocnn.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import io.github.leukocnn.crop.FieldCropScale;

/** Model files round-trip, and every kind of bad model file is refused with a specific message. */
class ModelFileTest {

	@TempDir
	Path dir;

	static ModelCard card(int size, List<String> classes, int version) {
		return new ModelCard("test", version, "0", "test model", classes, List.of(classes.get(1)), size, 0.5, ModelCard.WHOLE_IMAGE,
			ModelCard.RGB_UNIT, 1.5, FieldAggregation.MEAN_LOG.name(), null, "none", "none", "none", Map.of("acc", 0.5), 7,
			"2026-01-01", null, null);
	}

	static MultiLayerNetwork net(int size, int classes) {
		return NetworkFactory.build(size, classes, new int[] { 4, 8 }, 8, 1e-3, null, 7);
	}

	@Test
	void roundTripKeepsCardAndOutputs() throws IOException {
		MultiLayerNetwork n = net(16, 3);
		Path f = dir.resolve("m.zip");
		ModelCard saved = ModelFile.save(n, card(16, List.of("a", "b", "c"), 1), f, false);
		assertEquals(64, saved.weightsSha256().length());
		ModelFile.Model m = ModelFile.load(f.toString());
		assertEquals(List.of("a", "b", "c"), m.card().classes());
		assertEquals(1.5, m.card().temperature());
		var x = Nd4j.rand(DataType.FLOAT, 2, 3, 16, 16);
		assertArrayEquals(n.output(x, false).reshape(6).toFloatVector(), m.network().output(x, false).reshape(6).toFloatVector(), 1e-6f);
	}

	@Test
	void oneNetworkIsWrittenInTheFirstFormatVersion() throws IOException {
		Path f = dir.resolve("one.zip");
		ModelCard saved = ModelFile.save(net(16, 2), card(16, List.of("a", "b"), ModelFile.FORMAT_VERSION), f, false);
		assertEquals(ModelFile.SINGLE_NETWORK_FORMAT_VERSION, saved.formatVersion());
		assertEquals(null, saved.memberSha256());
		assertEquals(1, ModelFile.load(f).card().formatVersion());
	}

	@Test
	void ensembleRoundTripsWithEveryMember() throws IOException {
		MultiLayerNetwork a = net(16, 3), b = NetworkFactory.build(16, 3, new int[] { 4, 8 }, 8, 1e-3, null, 8);
		Path f = dir.resolve("e.zip");
		ModelCard saved = ModelFile.save(List.of(a, b), card(16, List.of("a", "b", "c"), 1), f, false);
		assertEquals(ModelFile.ENSEMBLE_FORMAT_VERSION, saved.formatVersion());
		assertEquals(2, saved.memberSha256().size());
		assertEquals(saved.weightsSha256(), saved.memberSha256().get(0));
		assertTrue(unzip(Files.readAllBytes(f)).containsKey(ModelFile.networkEntry(1)));
		ModelFile.Model m = ModelFile.load(f);
		assertEquals(2, m.networks().size());
		var x = Nd4j.rand(DataType.FLOAT, 2, 3, 16, 16);
		assertArrayEquals(b.output(x, false).reshape(6).toFloatVector(), m.networks().get(1).output(x, false).reshape(6).toFloatVector(), 1e-6f);
		assertTrue(!java.util.Arrays.equals(a.output(x, false).reshape(6).toFloatVector(), b.output(x, false).reshape(6).toFloatVector()));
	}

	@Test
	void damagedEnsemblesAreRefused() throws IOException {
		Path f = dir.resolve("e.zip");
		ModelCard saved = ModelFile.save(List.of(net(16, 2), net(16, 2)), card(16, List.of("a", "b"), 1), f, false);
		Map<String, byte[]> entries = unzip(Files.readAllBytes(f));

		Map<String, byte[]> missing = new java.util.LinkedHashMap<>(entries);
		missing.remove(ModelFile.networkEntry(1));
		Path g = dir.resolve("missing.zip");
		Files.write(g, zip(missing));
		String msg = assertThrows(ModelFileException.class, () -> ModelFile.load(g)).getMessage();
		assertTrue(msg.contains("no network (network-2.zip), member 2 of the ensemble of 2"), msg);

		Map<String, byte[]> swapped = new java.util.LinkedHashMap<>(entries);
		ByteArrayOutputStream other = new ByteArrayOutputStream();
		org.deeplearning4j.util.ModelSerializer.writeModel(NetworkFactory.build(16, 2, new int[] { 4, 8 }, 8, 1e-3, null, 9), other, false);
		swapped.put(ModelFile.networkEntry(1), other.toByteArray());
		Path h = dir.resolve("swapped.zip");
		Files.write(h, zip(swapped));
		msg = assertThrows(ModelFileException.class, () -> ModelFile.load(h)).getMessage();
		assertTrue(msg.contains("checksum of network-2.zip") && msg.contains("does not match"), msg);

		Path v1 = dir.resolve("v1.zip");
		Files.write(v1, zip(entries));
		rewriteCard(v1, new ModelCard(saved.name(), 1, saved.leukoCnnVersion(), saved.description(), saved.classes(),
			saved.positiveClasses(), saved.cropSize(), saved.cellFraction(), saved.singleCellRule(), saved.normalisation(),
			saved.temperature(), saved.fieldAggregation(), saved.prior(), saved.trainingData(), saved.citation(),
			saved.trainingCommand(), saved.metrics(), saved.seed(), saved.date(), saved.weightsSha256(), saved.callThreshold(),
			saved.fieldTemperature(), saved.memberSha256(), saved.fieldScale()));
		msg = assertThrows(ModelFileException.class, () -> ModelFile.load(v1)).getMessage();
		assertTrue(msg.contains("ensemble member checksum(s) in a format version 1 file"), msg);
	}

	@Test
	void callThresholdRoundTripsAndBadOnesAreRefused() throws IOException {
		Path f = dir.resolve("t.zip");
		ModelFile.save(net(16, 3), card(16, List.of("a", "b", "c"), 1).withCallThreshold(0.637), f, false);
		assertEquals(0.637, ModelFile.load(f.toString()).card().callThreshold());
		Path g = dir.resolve("bad.zip");
		ModelFile.save(net(16, 3), card(16, List.of("a", "b", "c"), 1).withCallThreshold(1.5), g, false);
		String msg = assertThrows(ModelFileException.class, () -> ModelFile.load(g)).getMessage();
		assertTrue(msg.contains("call threshold 1.5"), msg);
		Path t = dir.resolve("ft.zip");
		ModelFile.save(net(16, 3), card(16, List.of("a", "b", "c"), 1).withFieldTemperature(0.328), t, false);
		assertEquals(0.328, ModelFile.load(t.toString()).card().fieldTemperature());
		Path u = dir.resolve("badft.zip");
		ModelFile.save(net(16, 3), card(16, List.of("a", "b", "c"), 1).withFieldTemperature(-1.0), u, false);
		String m2 = assertThrows(ModelFileException.class, () -> ModelFile.load(u)).getMessage();
		assertTrue(m2.contains("field temperature -1.0"), m2);
	}

	@Test
	void unknownSingleCellRule() throws IOException {
		ModelCard c = card(16, List.of("a", "b"), 1);
		ModelCard odd = new ModelCard(c.name(), 1, c.leukoCnnVersion(), c.description(), c.classes(), c.positiveClasses(), 16,
			c.cellFraction(), "whole-cell", c.normalisation(), c.temperature(), c.fieldAggregation(), c.prior(), c.trainingData(),
			c.citation(), c.trainingCommand(), c.metrics(), c.seed(), c.date(), null, null);
		Path f = dir.resolve("rule.zip");
		ModelFile.save(net(16, 2), odd, f, false);
		String msg = assertThrows(ModelFileException.class, () -> ModelFile.load(f)).getMessage();
		assertTrue(msg.contains("unknown single-cell rule 'whole-cell'") && msg.contains("segmented-cell"), msg);
	}

	@Test
	void fieldScaleRoundTripsOlderCardsMeanSegmentationAndUnknownOnesAreRefused() throws IOException {
		Path f = dir.resolve("scale.zip");
		ModelFile.save(net(16, 2), card(16, List.of("a", "b"), 1), f, false);
		assertEquals(null, ModelFile.load(f).card().fieldScale()); // a card without the field, as before it existed
		assertEquals(FieldCropScale.SEGMENTATION, ModelFile.load(f).card().fieldScaleRule());
		assertEquals(ModelFile.SINGLE_NETWORK_FORMAT_VERSION, ModelFile.load(f).card().formatVersion());
		Path g = dir.resolve("red.zip");
		ModelCard red = ModelFile.save(net(16, 2), card(16, List.of("a", "b"), 1).withFieldScale(FieldCropScale.RED_CELLS), g, false);
		assertEquals(FieldCropScale.RED_CELLS, ModelFile.load(g).card().fieldScaleRule());
		assertEquals(ModelFile.FIELD_SCALE_FORMAT_VERSION, ModelFile.load(g).card().formatVersion(),
			"a LeukoCNN that predates the rule refuses the file instead of cropping wrongly");
		Path ensemble = dir.resolve("red-ensemble.zip");
		ModelFile.save(List.of(net(16, 2), net(16, 2)), card(16, List.of("a", "b"), 1).withFieldScale(FieldCropScale.RED_CELLS), ensemble, false);
		assertEquals(ModelFile.FIELD_SCALE_FORMAT_VERSION, ModelFile.load(ensemble).card().formatVersion());
		rewriteCard(g, new ModelCard(red.name(), ModelFile.SINGLE_NETWORK_FORMAT_VERSION, red.leukoCnnVersion(), red.description(),
			red.classes(), red.positiveClasses(), red.cropSize(), red.cellFraction(), red.singleCellRule(), red.normalisation(),
			red.temperature(), red.fieldAggregation(), red.prior(), red.trainingData(), red.citation(), red.trainingCommand(),
			red.metrics(), red.seed(), red.date(), red.weightsSha256(), red.callThreshold(), red.fieldTemperature(), null,
			red.fieldScale()));
		String refused = assertThrows(ModelFileException.class, () -> ModelFile.load(g)).getMessage();
		assertTrue(refused.contains("field scale 'red-cells' in a format version 1 file (it needs format version 3)"), refused);
		Path h = dir.resolve("odd.zip");
		ModelFile.save(net(16, 2), card(16, List.of("a", "b"), 1).withFieldScale("white-cells"), h, false);
		String msg = assertThrows(ModelFileException.class, () -> ModelFile.load(h)).getMessage();
		assertTrue(msg.contains("unknown field scale 'white-cells'") && msg.contains("red-cells"), msg);
	}

	@Test
	void unknownNormalisationNamesTheKnownOnes() throws IOException {
		ModelCard c = card(16, List.of("a", "b"), 1);
		ModelCard odd = new ModelCard(c.name(), 1, c.leukoCnnVersion(), c.description(), c.classes(), c.positiveClasses(), 16,
			c.cellFraction(), c.singleCellRule(), "rgb/255, histogram-equalised", c.temperature(), c.fieldAggregation(), c.prior(),
			c.trainingData(), c.citation(), c.trainingCommand(), c.metrics(), c.seed(), c.date(), null, null);
		Path f = dir.resolve("norm.zip");
		ModelFile.save(net(16, 2), odd, f, false);
		String msg = assertThrows(ModelFileException.class, () -> ModelFile.load(f)).getMessage();
		assertTrue(msg.contains("unknown input normalisation 'rgb/255, histogram-equalised'") &&
			msg.contains("'" + io.github.leukocnn.crop.CropNormalisation.CONTRAST.cardValue + "'"), msg);
	}

	@Test
	void aCardIsReadWithTheChecksOfLoadingButWithoutTheNetwork() throws IOException {
		assertEquals(ModelFile.load("leukocyte-types").card(), ModelFile.card("leukocyte-types"));
		Path text = Files.writeString(dir.resolve("not-a-model.zip"), "text");
		String msg = assertThrows(ModelFileException.class, () -> ModelFile.card(text.toString())).getMessage();
		assertTrue(msg.contains("not a zip archive"), msg);
		assertTrue(assertThrows(ModelFileException.class, () -> ModelFile.card("leukocyte-typo")).getMessage()
			.contains("no model named 'leukocyte-typo'"));
	}

	@Test
	void theSameModelWrittenTwiceGivesTheSameBytesInAnyTimeZone() throws Exception {
		MultiLayerNetwork a = net(16, 3), b = NetworkFactory.build(16, 3, new int[] { 4, 8 }, 8, 1e-3, null, 8);
		ModelCard c = card(16, List.of("a", "b", "c"), 1);
		Path first = dir.resolve("first.zip"), second = dir.resolve("second.zip");
		java.util.TimeZone zone = java.util.TimeZone.getDefault();
		ModelCard one, two;
		try {
			java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Pacific/Kiritimati"));
			one = ModelFile.save(List.of(a, b), c, first, false);
			Thread.sleep(2100); // zip times have 2 s resolution: a later write lands in another slot
			java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("America/Los_Angeles"));
			two = ModelFile.save(List.of(a, b), c, second, false);
		}
		finally {
			java.util.TimeZone.setDefault(zone);
		}
		assertEquals(one.memberSha256(), two.memberSha256(), "the networks' checksums");
		assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
		// every entry, also those of the DL4J network zips inside, carries the fixed time
		try (ZipInputStream z = new ZipInputStream(Files.newInputStream(first))) {
			for (ZipEntry e; (e = z.getNextEntry()) != null;) {
				assertEquals(io.github.leukocnn.io.ZipEntries.FIXED_TIME, e.getTimeLocal(), e.getName());
				if (e.getName().endsWith(".zip"))
					try (ZipInputStream inner = new ZipInputStream(new java.io.ByteArrayInputStream(z.readAllBytes()))) {
						for (ZipEntry f; (f = inner.getNextEntry()) != null;)
							assertEquals(io.github.leukocnn.io.ZipEntries.FIXED_TIME, f.getTimeLocal(), e.getName() + "/" + f.getName());
					}
			}
		}
		assertEquals(ModelFile.load(first).card(), one);
	}

	@Test
	void savedModelsAreReadableByOthersAndNoTempFileIsLeft() throws IOException {
		Path f = dir.resolve("shared.zip");
		ModelFile.save(net(16, 2), card(16, List.of("a", "b"), 1), f, false);
		try (var files = Files.list(dir)) {
			assertEquals(List.of(f), files.toList(), "only the model file, no temporary file");
		}
		if (f.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			var perms = Files.getPosixFilePermissions(f);
			// the default permissions of a new file (umask), not createTempFile's owner-only 0600
			Path plain = Files.createFile(dir.resolve("plain"));
			assertEquals(Files.getPosixFilePermissions(plain), perms);
			Files.delete(plain);
		}
		// no clobber: the refusal names the file and the option
		String msg = assertThrows(FileAlreadyExistsException.class, () -> ModelFile.save(net(16, 2), card(16, List.of("a", "b"), 1), f, false)).getMessage();
		assertTrue(msg.contains(f.toString()) && msg.contains("--overwrite"), msg);
	}

	@Test
	void repeatedBlankOrSlashedClassNamesAreRefused() throws IOException {
		for (List<String> classes : List.of(List.of("a", "a"), List.of("a", " "), List.of("a", "b/c"))) {
			Path f = dir.resolve("classes-" + Math.abs(classes.hashCode()) + ".zip");
			ModelFile.save(net(16, 2), card(16, List.of("x", "y"), 1), f, false);
			ModelCard bad = card(16, List.of("x", "y"), 1).withClasses(classes);
			rewriteCard(f, bad);
			String msg = assertThrows(ModelFileException.class, () -> ModelFile.load(f)).getMessage();
			String expected = classes.get(1).equals("a") ? "class 'a' is listed twice" : classes.get(1).isBlank() ? "blank class name" : "'b/c' contains '/'";
			assertTrue(msg.contains(expected), msg);
			assertTrue(assertThrows(ModelFileException.class, () -> ModelFile.card(f.toString())).getMessage().contains(expected));
			Path g = dir.resolve("never.zip");
			msg = assertThrows(ModelFileException.class, () -> ModelFile.save(net(16, 2), bad, g, false)).getMessage();
			assertTrue(msg.contains(expected), "saving: " + msg);
			assertTrue(!Files.exists(g));
		}
	}

	@Test
	void refusesToOverwrite() throws IOException {
		Path f = dir.resolve("m.zip");
		Files.writeString(f, "precious");
		assertThrows(FileAlreadyExistsException.class, () -> ModelFile.save(net(16, 2), card(16, List.of("a", "b"), 1), f, false));
		assertEquals("precious", Files.readString(f));
	}

	@Test
	void notAZip() throws IOException {
		Path f = dir.resolve("x.zip");
		Files.writeString(f, "hello, I am text");
		String msg = assertThrows(ModelFileException.class, () -> ModelFile.load(f)).getMessage();
		assertTrue(msg.contains("not a zip archive"), msg);
	}

	@Test
	void emptyFile() throws IOException {
		Path f = dir.resolve("empty.zip");
		Files.write(f, new byte[0]);
		String msg = assertThrows(ModelFileException.class, () -> ModelFile.load(f)).getMessage();
		assertTrue(msg.contains("not a zip archive") && msg.contains("empty"), msg);
	}

	@Test
	void foreignZipWithoutCard() throws IOException {
		Path f = dir.resolve("foreign.zip");
		Files.write(f, zip(Map.of("readme.txt", "hi".getBytes())));
		String msg = assertThrows(ModelFileException.class, () -> ModelFile.load(f)).getMessage();
		assertTrue(msg.contains("no model card") && msg.contains("readme.txt"), msg);
	}

	/** Replaces the card of a saved model file (save() writes the format version of what it writes). */
	private void rewriteCard(Path f, ModelCard card) throws IOException {
		Map<String, byte[]> entries = unzip(Files.readAllBytes(f));
		entries.put(ModelFile.CARD_ENTRY, ModelFile.toJson(card).getBytes(StandardCharsets.UTF_8));
		Files.write(f, zip(entries));
	}

	@Test
	void futureFormatVersion() throws IOException {
		Path f = dir.resolve("future.zip");
		ModelFile.save(net(16, 2), card(16, List.of("a", "b"), 1), f, false);
		rewriteCard(f, card(16, List.of("a", "b"), ModelFile.FORMAT_VERSION + 1));
		String msg = assertThrows(ModelFileException.class, () -> ModelFile.load(f)).getMessage();
		assertTrue(msg.contains("newer than this LeukoCNN reads") && msg.contains("update LeukoCNN"), msg);
	}

	@Test
	void unknownFormatVersion() throws IOException {
		Path f = dir.resolve("zero.zip");
		ModelFile.save(net(16, 2), card(16, List.of("a", "b"), 1), f, false);
		rewriteCard(f, card(16, List.of("a", "b"), 0));
		String msg = assertThrows(ModelFileException.class, () -> ModelFile.load(f)).getMessage();
		assertTrue(msg.contains("unknown model format version 0"), msg);
	}

	@Test
	void classCountMismatch() throws IOException {
		Path f = dir.resolve("mismatch.zip");
		ModelFile.save(net(16, 3), card(16, List.of("a", "b"), 1), f, false);
		String msg = assertThrows(ModelFileException.class, () -> ModelFile.load(f)).getMessage();
		assertTrue(msg.contains("3 outputs but the card lists 2 classes"), msg);
	}

	@Test
	void wrongInputChannels() throws IOException {
		Path f = dir.resolve("grey.zip");
		ModelFile.save(fixedNet(1, 16, 2), card(16, List.of("a", "b"), 1), f, false);
		String msg = assertThrows(ModelFileException.class, () -> ModelFile.load(f)).getMessage();
		assertTrue(msg.contains("input with 1 channel(s)") && msg.contains("RGB"), msg);
	}

	@Test
	void wrongInputSize() throws IOException {
		// a network with a flattening dense layer only accepts the size it was built for
		Path f = dir.resolve("shape.zip");
		ModelFile.save(fixedNet(3, 16, 2), card(24, List.of("a", "b"), 1), f, false);
		String msg = assertThrows(ModelFileException.class, () -> ModelFile.load(f)).getMessage();
		assertTrue(msg.contains("does not accept the card's input shape 3×24×24"), msg);
	}

	/** conv + flatten + dense: input size fixed at build time. */
	static MultiLayerNetwork fixedNet(int channels, int size, int classes) {
		var conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT).list()
			.layer(new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(3, 3).nIn(channels).nOut(2).build())
			.layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nOut(classes)
				.activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
			.setInputType(org.deeplearning4j.nn.conf.inputs.InputType.convolutional(size, size, channels)).build();
		MultiLayerNetwork n = new MultiLayerNetwork(conf);
		n.init();
		return n;
	}

	@Test
	void tamperedWeights() throws IOException {
		Path f = dir.resolve("m.zip");
		ModelFile.save(net(16, 2), card(16, List.of("a", "b"), 1), f, false);
		Map<String, byte[]> entries = unzip(Files.readAllBytes(f));
		MultiLayerNetwork changed = net(16, 2);
		changed.params().addi(1);
		Path h = dir.resolve("changed.zip");
		ModelFile.save(changed, card(16, List.of("a", "b"), 1), h, false);
		entries.put(ModelFile.NETWORK_ENTRY, unzip(Files.readAllBytes(h)).get(ModelFile.NETWORK_ENTRY));
		Path bad = dir.resolve("bad.zip");
		Files.write(bad, zip(entries));
		String msg = assertThrows(ModelFileException.class, () -> ModelFile.load(bad)).getMessage();
		assertTrue(msg.contains("checksum") && msg.contains("does not match"), msg);
	}

	@Test
	void cardWithoutNetworkAndBrokenJson() throws IOException {
		Path f = dir.resolve("nonet.zip");
		Files.write(f, zip(Map.of(ModelFile.CARD_ENTRY, ModelFile.toJson(card(16, List.of("a", "b"), 1)).getBytes(StandardCharsets.UTF_8))));
		String msg = assertThrows(ModelFileException.class, () -> ModelFile.load(f)).getMessage();
		assertTrue(msg.contains("no network"), msg);
		Path g = dir.resolve("badjson.zip");
		Files.write(g, zip(Map.of(ModelFile.CARD_ENTRY, "{ not json".getBytes(StandardCharsets.UTF_8))));
		msg = assertThrows(ModelFileException.class, () -> ModelFile.load(g)).getMessage();
		assertTrue(msg.contains("not valid JSON"), msg);
	}

	@Test
	void unknownNameOrMissingFile() {
		String msg = assertThrows(ModelFileException.class, () -> ModelFile.load("no-such-model")).getMessage();
		assertTrue(msg.contains("not a shipped model") && msg.contains("all-screening"), msg);
		// a path to a file that is not there: named, and said to be missing (not "damaged" or "not a zip")
		Path missing = dir.resolve("models").resolve("gone.zip");
		msg = assertThrows(ModelFileException.class, () -> ModelFile.load(missing.toString())).getMessage();
		assertTrue(msg.startsWith("no model named '" + missing + "'") && msg.endsWith("and no such file"), msg);
		msg = assertThrows(ModelFileException.class, () -> ModelFile.card(missing.toString())).getMessage();
		assertTrue(msg.contains(missing.toString()) && msg.endsWith("and no such file"), "the card alone: " + msg);
		// by Path: the file system's own exception, which names the file
		msg = assertThrows(java.nio.file.NoSuchFileException.class, () -> ModelFile.load(missing)).getMessage();
		assertTrue(msg.contains(missing.toString()), msg);
	}

	static byte[] zip(Map<String, byte[]> entries) throws IOException {
		ByteArrayOutputStream bos = new ByteArrayOutputStream();
		try (ZipOutputStream z = new ZipOutputStream(bos)) {
			for (var e : new java.util.TreeMap<>(entries).entrySet()) {
				z.putNextEntry(new ZipEntry(e.getKey()));
				z.write(e.getValue());
				z.closeEntry();
			}
		}
		return bos.toByteArray();
	}

	static Map<String, byte[]> unzip(byte[] data) throws IOException {
		Map<String, byte[]> m = new java.util.LinkedHashMap<>();
		try (ZipInputStream z = new ZipInputStream(new java.io.ByteArrayInputStream(data))) {
			for (ZipEntry e; (e = z.getNextEntry()) != null;) m.put(e.getName(), z.readAllBytes());
		}
		return m;
	}
}

import Testing
import TensorRuntime
import NeuralNet
@testable import Notebook

/// Parses a single line that must be valid and returns its statement.
private func statement(_ source: String) -> Statement? {
    let result = Parser.parse(source)
    #expect(result.diagnostics.isEmpty, "\(source): \(result.renderedDiagnostics())")
    #expect(result.statements.count == 1, "\(source)")
    return result.statements.first
}

@Suite struct ParserGoldenTests {
    /// Source line -> structural description (values the user wrote only).
    static let golden: [(String, String)] = [
        // Environment
        ("seed 42", "seed(seed: 42)"),
        ("threads 4", "threads(count: 4)"),
        ("help", "helpCommand"),
        ("help conv2d", "helpCommand(topic: \"conv2d\")"),
        ("help maxpooling2d", "helpCommand(topic: \"maxpool\")"),
        ("help load", "helpCommand(topic: \"load\")"),
        ("help load weights", "helpCommand(topic: \"load weights\")"),
        ("quit", "quit"),
        ("exit", "quit"),
        // Data
        ("fm = load fashion-mnist", "fm = loadFashionMNIST"),
        ("fm = load fashion-mnist dir=data/fm subset=1000", "fm = loadFashionMNIST(dir: \"data/fm\", subset: 1000)"),
        ("digits = load idx \"my data/mnist\" subset=5", "digits = loadIDX(dir: \"my data/mnist\", subset: 5)"),
        ("load shapes count=500 classes=4 noise=0.2 seed=7", "loadShapes(count: 500, classes: 4, noise: 0.2, seed: 7)"),
        ("split", "split"),
        ("split validation=0.2", "split(validation: 0.2)"),
        ("batch 64", "batch(size: 64)"),
        ("shuffle off", "shuffle(enabled: off)"),
        ("shuffle YES", "shuffle(enabled: on)"),
        ("info", "info"),
        ("info fm", "info(name: \"fm\")"),
        ("names", "names"),
        ("show samples", "showSamples"),
        ("show samples 8 from=test", "showSamples(count: 8, from: test)"),
        ("use clf", "use(name: \"clf\")"),
        // Model
        ("clf = model", "clf = makeModel"),
        ("clf = model input=28x28x1 name=baseline", "clf = makeModel(input: 28x28x1, name: \"baseline\")"),
        ("model input=784", "makeModel(input: 784)"),
        ("conv2d 32 3", "layerLine(layer: conv2d(filters: 32, kernel: 3))"),
        ("conv2d 32 3 relu padding=same stride=2", "layerLine(layer: conv2d(filters: 32, kernel: 3, activation: relu, stride: 2, padding: same))"),
        ("conv2d 16 5 init=he_normal l2=1e-4 name=c1", "layerLine(layer: conv2d(filters: 16, kernel: 5, init: he_normal, l2: 0.0001, name: \"c1\"))"),
        ("Conv2D 8 3 ReLU", "layerLine(layer: conv2d(filters: 8, kernel: 3, activation: relu))"),
        ("conv2d filters=8 kernel=3 activation=gelu", "layerLine(layer: conv2d(filters: 8, kernel: 3, activation: gelu))"),
        ("dense units=10 softmax", "layerLine(layer: dense(units: 10, activation: softmax))"),
        ("maxpool 2", "layerLine(layer: maxpool(size: 2))"),
        ("maxpooling2d 3 stride=2", "layerLine(layer: maxpool(size: 3, stride: 2))"),
        ("averagepooling2d 2", "layerLine(layer: avgpool(size: 2))"),
        ("globalaveragepooling2d", "layerLine(layer: globalavgpool)"),
        ("dense 128 relu l1=0.01", "layerLine(layer: dense(units: 128, activation: relu, l1: 0.01))"),
        ("dense 10 activation=softmax", "layerLine(layer: dense(units: 10, activation: softmax))"),
        ("dropout 0.25", "layerLine(layer: dropout(rate: 0.25))"),
        ("dropout 0", "layerLine(layer: dropout(rate: 0.0))"),
        ("flatten", "layerLine(layer: flatten)"),
        ("reshape 7x7x16", "layerLine(layer: reshape(shape: 7x7x16))"),
        ("batchnormalization momentum=0.9", "layerLine(layer: batchnorm(momentum: 0.9))"),
        ("layernorm epsilon=1e-5", "layerLine(layer: layernorm(epsilon: 1e-05))"),
        ("activation leaky_relu", "layerLine(layer: activation(activation: leaky_relu))"),
        ("embedding 1000 16", "layerLine(layer: embedding(vocab: 1000, dim: 16))"),
        ("lstm 64 return_sequences=on", "layerLine(layer: lstm(units: 64, return_sequences: on))"),
        ("gru 32 activation=relu reset_after=off", "layerLine(layer: gru(units: 32, activation: relu, reset_after: off))"),
        ("simplernn 16", "layerLine(layer: simplernn(units: 16))"),
        ("insert 2 dropout 0.25", "insert(at: 2, layer: dropout(rate: 0.25))"),
        ("insert conv2d_2 batchnorm", "insert(at: conv2d_2, layer: batchnorm)"),
        ("remove 3", "remove(layer: 3)"),
        ("replace dense_1 dense 64 relu", "replace(layer: dense_1, with: dense(units: 64, activation: relu))"),
        ("freeze conv2d_1", "freeze(layer: conv2d_1)"),
        ("unfreeze 1", "unfreeze(layer: 1)"),
        ("summary", "summary"),
        ("summary formulas=on", "summary(formulas: on)"),
        ("explain conv2d_1", "explain(subject: layer(conv2d_1))"),
        ("explain 2 steps tokens=3 head=1", "explain(subject: layer(2), steps: (tokens: 3, head: 1))"),
        ("explain loss mse", "explain(subject: loss(mse))"),
        ("explain optimizer", "explain(subject: optimizer)"),
        ("explain perplexity", "explain(subject: metric(perplexity))"),
        // Training
        ("compile", "compile"),
        ("compile loss=mse optimizer=sgd lr=0.1 momentum=0.9 nesterov=on",
         "compile(loss: mse, optimizer: sgd, learningRate: 0.1, momentum: 0.9, nesterov: on)"),
        ("compile metrics=accuracy,top5", "compile(metrics: [accuracy, top5])"),
        ("compile optimizer=adamw weight_decay=0.01 schedule=cosine",
         "compile(optimizer: adamw, weightDecay: 0.01, schedule: cosine)"),
        ("compile schedule=step step_size=5 gamma=0.5", "compile(schedule: step, stepSize: 5, gamma: 0.5)"),
        ("compile schedule=plateau patience=2 factor=0.2", "compile(schedule: plateau, patience: 2, factor: 0.2)"),
        ("compile lr = 0.01", "compile(learningRate: 0.01)"),
        ("set lr=0.0005", "setHyperparameters(learningRate: 0.0005)"),
        ("set optimizer=rmsprop momentum=0.5 weight_decay=0 batch=32",
         "setHyperparameters(momentum: 0.5, optimizer: rmsprop, weightDecay: 0.0, batch: 32)"),
        ("step", "step(amount: epoch)"),
        ("step batch", "step(amount: batches(1))"),
        ("step 10 batches", "step(amount: batches(10))"),
        ("step 1 batch", "step(amount: batches(1))"),
        ("train 10", "train(epochs: 10)"),
        ("train 20 early_stop=3 monitor=val_accuracy checkpoint=out/best.safetensors",
         "train(epochs: 20, earlyStop: 3, monitor: val_accuracy, checkpoint: \"out/best.safetensors\")"),
        ("evaluate", "evaluate"),
        ("evaluate on=validation", "evaluate(on: validation)"),
        ("expect accuracy >= 0.85 on=validation", "expect(quantity: accuracy, comparison: >=, bound: 0.85, on: validation)"),
        ("expect params<50000", "expect(quantity: params, comparison: <, bound: 50000.0)"),
        ("predict 7", "predict(index: 7)"),
        ("predict out/cat.png top=2", "predict(file: \"out/cat.png\", top: 2)"),
        ("predict 0 from=train top=5", "predict(index: 0, from: train, top: 5)"),
        ("generate 20", "generate(count: 20)"),
        ("generate images 16 seed=7", "generateImages(count: 16, seed: 7)"),
        ("train gan gen disc 5 ratio=2", "trainGAN(generator: \"gen\", discriminator: \"disc\", epochs: 5, ratio: 2)"),
        ("train 3", "train(epochs: 3)"),
        ("watch samples 16", "watchSamples(count: 16)"),
        ("show reconstructions 4 from=test", "showReconstructions(count: 4, from: test)"),
        ("show latent grid size=12 range=2.5", "showLatent(view: grid, size: 12, spread: 2.5)"),
        ("show latent count=300 layer=dense_2", "showLatent(count: 300, layer: dense_2)"),
        ("conv2dtranspose 16 3 relu stride=2 padding=same", "layerLine(layer: conv2dtranspose(filters: 16, kernel: 3, activation: relu, stride: 2, padding: same))"),
        ("upsample 2", "layerLine(layer: upsample(size: 2))"),
        ("sampling", "layerLine(layer: sampling)"),
        ("fm = load fashion-mnist target=input", "fm = loadFashionMNIST(target: input)"),
        ("compile loss=mse kl=0.001", "compile(loss: mse, kl: 0.001)"),
        ("show embeddings", "showEmbeddings"),
        ("show embeddings count=10 tokens=\"a b\" layer=1", "showEmbeddings(count: 10, tokens: \"a b\", layer: 1)"),
        ("generate 5 prompt=\"The \" temperature=0.5 top_k=3 seed=7", "generate(count: 5, prompt: \"The \", temperature: 0.5, topK: 3, seed: 7)"),
        ("confusion on=validation", "confusion(on: validation)"),
        ("history", "history"),
        // Images
        ("load images data/train", "loadImages(dir: \"data/train\")"),
        ("cats = load images data/train size=64x64 color=gray split=0.2 class_mode=binary rescale=0.5 shuffle=off cache=10",
         "cats = loadImages(dir: \"data/train\", size: 64x64, color: gray, split: 0.2, classMode: binary, rescale: 0.5, shuffle: off, cache: 10)"),
        ("make-dataset fashion-png out/f", "makeFashionPNG(dir: \"out/f\")"),
        ("make-dataset shapes-rgb out/s count=20 classes=3 size=32 overwrite=on",
         "makeShapesRGB(dir: \"out/s\", count: 20, classes: 3, size: 32, overwrite: on)"),
        ("augment off", "augment(off: on)"),
        ("augment rotate=15 flip=horizontal fill=reflect", "augment(off: off, rotate: 15.0, flip: horizontal, fill: reflect)"),
        ("show augment 3 index=2", "showAugment(count: 3, index: 2)"),
        // Inspection
        ("stats weights", "stats(kind: weights)"),
        ("stats grads conv2d_1", "stats(kind: grads, layer: conv2d_1)"),
        ("show weights dense_1", "showWeights(layer: dense_1)"),
        ("show weights dense_1 units=4", "showWeights(layer: dense_1, units: 4)"),
        ("show errors 8 from=validation", "showErrors(count: 8, from: validation)"),
        ("export last out/loss.png scale=4", "export(what: last, file: \"out/loss.png\", scale: 4)"),
        ("load sequences reverse length=8", "loadSequences(task: reverse, length: 8)"),
        ("load text corpus fortunes tokens=bpe vocab=512", "loadText(input: corpus(fortunes), tokens: bpe, vocabulary: 512)"),
        ("t = load text stories/alice.txt context=32 stride=16 test=0.1", "t = loadText(input: file(\"stories/alice.txt\"), context: 32, stride: 16, test: 0.1)"),
        ("show tokens 20 from=validation", "showTokens(count: 20, from: validation)"),
        ("show attention attention_1 head=all", "showAttention(attention: (layer: attention_1, head: all))"),
        ("watch attention 2 every=5", "watchAttention(attention: (layer: 2), every: 5)"),
        ("load points spiral count=600 noise=0.1", "loadPoints(kind: spiral, count: 600, noise: 0.1)"),
        ("show boundary from=validation", "showBoundary(from: validation)"),
        ("watch boundary every=8 epochs=50", "watchBoundary(every: 8, epochs: 50)"),
        ("show neurons dense_1 units=4", "showNeurons(layer: dense_1, units: 4)"),
        ("watch off", "watchOff"),
        ("show filters 1", "showFilters(layer: 1)"),
        ("show activations conv2d_1 sample=3", "showActivations(layer: conv2d_1, sample: 3)"),
        ("show saliency 3 count=4", "showSaliency(attribution: (kind: saliency, index: 3, count: 4))"),
        ("show gradcam conv2d_2 0 class=1 from=train", "showGradCAM(attribution: (kind: gradcam, layer: conv2d_2, index: 0, classIndex: 1, from: train))"),
        ("chart loss", "chart(metric: loss)"),
        ("chart accuracy smooth=0.6", "chart(metric: accuracy, smooth: 0.6)"),
        ("profile", "profile"),
        ("profile batch=128 steps=3", "profile(batch: 128, steps: 3)"),
        ("prune all 80%", "prune(layer: all, percent: 80.0)"),
        ("prune dense_1 12.5 by=magnitude", "prune(layer: dense_1, percent: 12.5, by: magnitude)"),
        ("quantize int8 per=tensor calibrate=64", "quantize(mode: int8, per: tensor, calibrate: 64)"),
        // Persistence
        ("save weights out/w.safetensors", "saveWeights(path: \"out/w.safetensors\")"),
        ("save weights out/w.safetensors dtype=float16", "saveWeights(path: \"out/w.safetensors\", dtype: float16)"),
        ("load weights \"out dir/w.safetensors\"", "loadWeights(path: \"out dir/w.safetensors\")"),
        ("export keras out/m.py", "exportKeras(file: \"out/m.py\")"),
        ("export pytorch out/m.py epochs=5", "exportPyTorch(file: \"out/m.py\", epochs: 5)"),
        ("save session sessions/a.gb", "saveSession(path: \"sessions/a.gb\")"),
        ("save transcript out/lesson.md", "saveTranscript(path: \"out/lesson.md\")"),
        ("save notebook out/lesson.grad", "saveNotebook(path: \"out/lesson.grad\")"),
        ("restart", "restart"),
        ("run sessions/a.gb # replay", "runFile(path: \"sessions/a.gb\")"),
    ]

    @Test(arguments: golden)
    func parsesToExpectedTree(source: String, expected: String) {
        #expect(statement(source)?.description == expected)
    }

    @Test func goldenTableCoversEveryCatalogEntry() {
        let covered = Set(Self.golden.compactMap { statement($0.0).map { $0.spec.isLayer ? "layer" : $0.spec.name } })
        let missing = Catalog.commands.map { $0.isLayer ? "layer" : $0.name }.filter { !covered.contains($0) }
        #expect(missing.isEmpty, "no golden case for \(missing)")
    }
}

@Suite struct ParserDetailTests {
    @Test func defaultsAreFilledAndMarked() throws {
        guard let layer = (statement("conv2d 32 3")?.command as? LayerLine)?.layer else {
            Issue.record("not a layer"); return
        }
        let a = layer.arguments
        #expect(layer.entry.word == "conv2d")
        #expect(a.int("filters")?.value == 32)
        #expect(a.word("activation", as: ActivationKind.self)?.value == .linear)
        #expect(a.value("activation")?.isDefault == true)
        #expect(a.int("stride")?.value == 1)
        #expect(a.word("padding", as: Padding.self)?.value == .valid)
        #expect(a.word("init", as: Initializer.self)?.value == .glorot_uniform)
        #expect(a.number("l2")?.value == 0)
        #expect(a.value("units") == nil)
        #expect(a.value("rate") == nil)

        guard let c = statement("compile")?.command as? Compile else { Issue.record("not compile"); return }
        #expect(c.loss.value == .sparse_categorical_crossentropy)
        #expect(c.optimizer.value == .adam)
        // The learning rate is the optimizer's own unless given.
        #expect(c.learningRate == nil)
        #expect(c.weightDecay.value == Double(Float(0.004).description))
        #expect(c.metrics.map(\.value) == [.accuracy])
        #expect(c.schedule.value == ScheduleKind.none)
        #expect(c.stepSize == nil && c.patience == nil)

        guard let v = (statement("split")?.command as? Split)?.validation else { Issue.record("not split"); return }
        #expect(v.value == 0.1 && v.isDefault)
    }

    @Test func poolStrideDefaultsToTheWindowSize() {
        guard let layer = (statement("avgpool 3")?.command as? LayerLine)?.layer else { Issue.record("not a layer"); return }
        #expect(layer.arguments.int("size")?.value == 3)
        #expect(layer.arguments.int("stride")?.value == 3)
        #expect(layer.arguments.int("stride")?.isDefault == true)
    }

    @Test func valuesKeepRangesAndSourceText() {
        guard let s = statement("  clf = model input=28x28x1   # comment") else { return }
        #expect(s.source == "clf = model input=28x28x1")
        #expect(s.binding?.value == "clf")
        #expect(s.binding?.range.start == SourceLocation(line: 1, column: 3))
        #expect(s.verbRange.start == SourceLocation(line: 1, column: 9))
        guard let m = s.command as? MakeModel else { Issue.record("not model"); return }
        #expect(m.input?.value == Shape([28, 28, 1]))
        #expect(m.input?.text == "28x28x1")
        #expect(m.input?.range == SourceRange(start: SourceLocation(line: 1, column: 21), end: SourceLocation(line: 1, column: 28)))
    }

    @Test func insertKeepsTheLayerLineSource() {
        guard let insert = statement("insert c1 conv2d 8 3 relu name=c0")?.command as? Insert else {
            Issue.record("not insert"); return
        }
        let at = insert.at, layer = insert.layer
        #expect(at.value == .name("c1"))
        #expect(layer.source == "conv2d 8 3 relu name=c0")
        #expect(layer.range.start.column == 11)
        #expect(layer.name?.value == "c0")
        #expect(layer.word.text == "conv2d")
    }

    @Test func stringsAndWordsAreEquivalentPaths() {
        guard let a = (statement("save weights \"a.safetensors\"")?.command as? SaveWeights)?.path,
              let b = (statement("save weights a.safetensors")?.command as? SaveWeights)?.path else {
            Issue.record("not save weights"); return
        }
        #expect(a.value == b.value)
        #expect(a.text == "\"a.safetensors\"")
    }

    @Test func multiLineProgramsSkipBlankAndCommentLinesAndRecoverFromErrors() {
        let source = """
        # a session
        fm = load fashion-mnist

        dense 10 bogus
        clf = model
          # indented comment
        dense 10 softmax
        """
        let result = Parser.parse(source)
        #expect(result.statements.map(\.line) == [2, 5, 7])
        #expect(result.statements.map(\.spec.name) == ["load fashion-mnist", "model", "dense"])
        #expect(result.renderedDiagnostics(file: "a.gb") == ["a.gb:4:10: error: unknown activation 'bogus' - expected relu, leaky_relu, elu, gelu, sigmoid, tanh, softmax or linear"])
    }

    @Test func firstLineOffsetsLineNumbers() {
        let result = Parser.parse("seed 1\nbatch 0", firstLine: 10)
        #expect(result.statements.first?.line == 10)
        #expect(result.renderedDiagnostics() == ["<input>:11:7: error: size 0 for batch must be in [1, 1048576]"])
    }

    @Test func parseLineAndParseLayer() throws {
        #expect(try Parser.parseLine("   # nothing").get() == nil)
        #expect(try Parser.parseLine("summary", lineNumber: 3).get()?.line == 3)
        let layer = try Parser.parseLayer("dense 4 tanh").get()
        #expect(layer.entry.word == "dense" && layer.arguments.word("activation", as: ActivationKind.self)?.value == .tanh)
        switch Parser.parseLayer("summary") {
        case .success: Issue.record("summary is not a layer")
        case .failure(let d): #expect(d.rendered() == "<input>:1:1: error: 'summary' is not a layer - insert takes a layer line, e.g. insert 2 dropout 0.25")
        }
    }

    @Test func descriptionsReparseToTheSameTree() {
        // The canonical source of every golden line parses to an equal command.
        for (source, _) in ParserGoldenTests.golden {
            guard let first = statement(source), let again = statement(first.source) else { continue }
            #expect(first.command.isEqual(to: again.command), "\(source)")
        }
    }
}

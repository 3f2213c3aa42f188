import Foundation
import Testing
import TensorRuntime
import NeuralNet
@testable import Notebook

// Issue 18's targets that are not labels: target=input, the reconstruction rule, show reconstructions,
// show latent (map and grid), the VAE's sampling layer with compile kl=, and generate images; each
// refusal located and changing nothing.

/// Shapes as their own targets, a dense autoencoder with a 2-value code.
private let autoencoder = [
    "load shapes count=64 classes=3 size=8 target=input",
    "model",
    "flatten",
    "dense 16 relu",
    "dense 2",
    "dense 64 sigmoid",
    "reshape 8x8x1",
    "compile loss=binary_crossentropy optimizer=adam lr=0.01",
]

/// The same with a convolutional VAE: encoder to 2 means and 2 log-variances, sampling, a decoder with
/// conv2dtranspose and upsample.
private let vae = [
    "load shapes count=64 classes=3 size=8 target=input",
    "model",
    "conv2d 4 3 relu padding=same",
    "flatten",
    "dense 4",
    "sampling",
    "dense 64 relu",
    "reshape 4x4x4",
    "conv2dtranspose 4 3 relu stride=2 padding=same",
    "upsample 1",
    "conv2d 1 3 sigmoid padding=same",
    "compile loss=mse kl=0.01 optimizer=adam lr=0.01",
]

@Suite("Autoencoders and VAEs", .serialized)
struct AutoencoderSessionTests {
    @Test func trainingReducesTheReconstructionLossAndTheRuleIsChecked() throws {
        let interpreter = Interpreter()
        runLines(interpreter, autoencoder)
        let data = try #require(interpreter.session.data)
        #expect(data.source.targetIsInput && !data.source.targetsAreClasses)
        #expect(data.trainingSet.targetKind == .values(shape: [8, 8, 1]))
        let trainer = try #require(interpreter.session.modelEntry?.trainer)
        #expect(trainer.metrics.isEmpty)
        let before = try trainer.evaluate(data.trainingSet).loss
        runLines(interpreter, ["train 5"])
        #expect(try trainer.evaluate(data.trainingSet).loss < before)
        // The reconstruction loss is binary cross-entropy per pixel, by hand.
        let images = try #require(data.images?.train)
        let x = Tensor((0..<4).flatMap { images.image(at: $0) }, shape: [4, 8, 8, 1])
        let y = try GradMode.off { try interpreter.session.modelEntry!.model.forward(x, ForwardContext(training: false)) }
        let eps = 1e-7
        var bce = 0.0
        for (t, p) in zip(x.array, y.array) {
            let q = min(max(Double(p), eps), 1 - eps)
            bce -= (Double(t) * log(q) + (1 - Double(t)) * log(1 - q)) / Double(x.count)
        }
        let four = try trainer.evaluate(ReconstructionData(examples: images.subset(Array(0..<4))))
        #expect(abs(four.loss - bce) < 1e-4)
        // A loss that reads classes and an output of another shape are refused where they are written.
        #expect(failure(interpreter, "compile loss=sparse_categorical_crossentropy")?.contains("cannot read") == true)
        runLines(interpreter, ["remove 5", "remove 4"])
        #expect(failure(interpreter, "compile loss=mse")?.contains("is not the shape of its input") == true)
    }

    @Test func reconstructionsAndTheLatentMap() throws {
        let interpreter = Interpreter()
        runLines(interpreter, autoencoder + ["train 2"])
        let blocks = try interpreter.execute(line: "show reconstructions 10")
        guard case .images(let grid)? = blocks.first else { Issue.record("a gallery"); return }
        // Rows of at most 8: inputs, then their reconstructions, twice.
        #expect(grid.images.count == 4)
        #expect(grid.images.map(\.width) == [8 * 8 + 7, 8 * 8 + 7, 2 * 8 + 1, 2 * 8 + 1])
        #expect(grid.images[1].caption.hasPrefix("reconstructions, mse "))
        #expect(grid.images.allSatisfy { $0.pixels.allSatisfy { $0 >= 0 && $0 <= 1 } })
        let map = try interpreter.execute(line: "show latent count=50")
        guard case .scatter(let scatter)? = map.first else { Issue.record("a scatter"); return }
        #expect(scatter.points.count == 50)
        #expect(scatter.title.contains("dense_2") && scatter.title.contains("two values"))
        let labels = try #require(interpreter.session.data?.images?.train.labels)
        #expect(scatter.points.map(\.group) == labels.prefix(50).map(Int.init))
        // A longer code goes through its principal components.
        let pca = try interpreter.execute(line: "show latent layer=dense_1 count=20")
        guard case .scatter(let projected)? = pca.first else { Issue.record("a scatter"); return }
        #expect(projected.title.contains("principal components of the 16-value code"))
        let grid2 = try interpreter.execute(line: "show latent grid size=3")
        guard case .images(let pictures)? = grid2.first else { Issue.record("a grid"); return }
        #expect(pictures.images.count == 3 && pictures.images[0].width == 3 * 8 + 2)
        #expect(failure(interpreter, "generate images 4")?.contains("no sampling layer") == true)
        for line in ["confusion", "show errors 2", "predict 0"] {
            #expect(failure(interpreter, line)?.contains("loaded with target=input") == true, "\(line)")
        }
    }

    @Test func vaeTrainsWithItsKLTermAndGenerates() throws {
        let interpreter = Interpreter()
        runLines(interpreter, vae)
        let m = try #require(interpreter.session.modelEntry)
        #expect(m.model.layers.map(\.typeName).contains("Conv2DTranspose"))
        #expect(m.trainer?.klWeight == 0.01)
        runLines(interpreter, ["train 2"])
        let generated = try interpreter.execute(line: "generate images 10 seed=3")
        guard case .images(let grid)? = generated.first else { Issue.record("pictures"); return }
        #expect(grid.images.count == 2)
        #expect(try interpreter.execute(line: "generate images 10 seed=3") == generated)
        let walk = try interpreter.execute(line: "show latent grid size=4 range=1.5")
        guard case .images(let rows)? = walk.first else { Issue.record("a grid"); return }
        #expect(rows.images.count == 4)
        #expect(rows.title?.contains("-1.5 to 1.5") == true)
        let map = try interpreter.execute(line: "show latent")
        guard case .scatter(let scatter)? = map.first else { Issue.record("a scatter"); return }
        #expect(scatter.title.contains("means of sampling_1"))
    }

    @Test func refusalsAreLocatedAndChangeNothing() throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["load shapes count=16 size=8", "model", "flatten", "dense 3 softmax"])
        #expect(failure(interpreter, "compile kl=0.1")?.contains("has none") == true)
        #expect(interpreter.session.modelEntry?.trainer == nil)
        #expect(failure(interpreter, "compile kl=101") != nil)
        #expect(failure(interpreter, "show reconstructions 65") != nil)
        #expect(failure(interpreter, "show reconstructions 2")?.contains("not its input's shape") == true)
        #expect(failure(interpreter, "show latent grid")?.contains("not pictures") == true)
        #expect(failure(interpreter, "show latent grid size=17") != nil)
        #expect(failure(interpreter, "show latent range=0") != nil)
        #expect(failure(interpreter, "upsample 65") != nil)
        #expect(failure(interpreter, "sampling")?.contains("2Z values") == true)
        #expect(failure(interpreter, "load shapes target=output") != nil)
        #expect(interpreter.session.modelEntry?.model.layers.count == 2)
    }

    /// FuzzInterpreter found `show latent` on a model without layers reading past the end of its shapes.
    @Test func aModelWithoutLayersHasNoCodeToShow() {
        let interpreter = Interpreter()
        _ = runLines(interpreter, ["load shapes count=20 classes=2 size=28 target=input", "model"])
        for line in ["show latent count=20", "show latent grid", "generate images 2"] {
            #expect(failure(interpreter, line)?.contains("model 'model' has no layers, so it has no code to show") == true, "\(line)")
        }
        #expect(interpreter.session.modelEntry?.model.layers.isEmpty == true)
    }
}

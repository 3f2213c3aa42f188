import Canvas
import Foundation
import NeuralNet
import TensorRuntime
import Testing
@testable import Notebook

/// A small CNN on 12x12 shapes: two conv layers, pooling, dense softmax (compiled, untrained).
private let cnnSetup = [
    "seed 1",
    "load shapes count=60 classes=3 size=12",
    "model input=12x12x1",
    "conv2d 4 3 relu padding=same",
    "maxpool 2",
    "conv2d 4 3 relu padding=same",
    "flatten",
    "dense 3 softmax",
    "compile optimizer=adam",
]

@Suite("Saliency and Grad-CAM in the notebook", .serialized)
struct InterpreterInterpretTests {
    @Test func showGradCAMDrawsOneOverlayPerExampleWithVerdictsAndTheModelsMaps() throws {
        let interpreter = Interpreter()
        runLines(interpreter, cnnSetup)
        let blocks = try interpreter.execute(line: "show gradcam conv2d_2 2 count=3")
        guard case .overlay(let overlay)? = blocks.first else {
            Issue.record("an overlay block")
            return
        }
        let model = try #require(interpreter.session.modelEntry?.model)
        let test = try #require(interpreter.session.data?.images?.test)
        #expect(overlay.kind == .gradcam && overlay.items.count == 3)
        #expect(overlay.title?.hasPrefix("Grad-CAM of conv2d_2 of model for test examples 2-4") == true)
        for (k, item) in overlay.items.enumerated() {
            let map = try model.gradCAM(of: test.image(at: 2 + k), layerPath: "conv2d_2")
            #expect(item.heat == map.values)
            #expect(item.image.verdict == (map.predicted == Int(test.labels[2 + k]) ? .right : .wrong))
            #expect(item.image.caption.hasPrefix("\(2 + k) \(test.classNames[map.classIndex]) "))
        }
        let mono = BlockRenderer(options: .ascii).render(blocks[0], width: 80)
        #expect(mono.contains("low  .:-=+*#%@ high"))
    }

    @Test func showSaliencyExplainsAChosenClassAndChangesNoWeight() throws {
        let interpreter = Interpreter()
        runLines(interpreter, cnnSetup + ["step 2 batches"])
        let model = try #require(interpreter.session.modelEntry?.model)
        let before = model.namedParameters.map(\.parameter.tensor.array)
        let blocks = try interpreter.execute(line: "show saliency 0 class=2 from=train")
        guard case .overlay(let overlay)? = blocks.first else {
            Issue.record("an overlay block")
            return
        }
        let train = try #require(interpreter.session.data?.images?.train)
        let map = try model.saliency(of: train.image(at: 0), classIndex: 2)
        #expect(overlay.kind == .saliency && overlay.items.count == 1)
        #expect(overlay.items[0].heat == map.values)
        #expect(overlay.items[0].image.caption.hasPrefix("0 \(train.classNames[2]) "))
        #expect(model.namedParameters.map(\.parameter.tensor.array) == before)
    }

    @Test(arguments: [
        ("show gradcam dense_1 0", "<input>:1:14: error: dense_1 outputs (3), not a feature map of height x width x channels - choose a convolutional layer: conv2d_1, max_pooling2d_1, conv2d_2"),
        ("show gradcam conv2d_3 0", "<input>:1:14: error: no layer named 'conv2d_3' - did you mean 'conv2d_1'?"),
        ("show gradcam 9 0", "<input>:1:14: error: layer 9 does not exist: the model has 5 layers - use 1...5 or a name such as 'conv2d_1'"),
        ("show saliency 900", "<input>:1:15: error: example 900 is outside the test set (0...11) - choose N in 0...11"),
        ("show saliency 0 class=3", "<input>:1:23: error: class 3 is out of range: the model has 3 classes (0...2) - classes are 0 circle, 1 square, 2 triangle"),
        ("export gradcam out.png", "<input>:1:8: error: no Grad-CAM has been shown yet - draw one first, e.g. `show gradcam conv2d_2 0 count=4`"),
    ])
    func errorsNameTheArgumentAndHowToFixIt(line: String, expected: String) {
        let interpreter = Interpreter()
        runLines(interpreter, cnnSetup)
        #expect(failure(interpreter, line) == expected)
    }

    @Test func withoutAModelOrAnImageModelTheCommandIsRefused() {
        let empty = Interpreter()
        #expect(failure(empty, "show saliency 0")?.contains("no model yet") == true)
        let flat = Interpreter()
        runLines(flat, ["load shapes count=20 classes=2 size=8", "model input=64", "dense 2 softmax"])
        // A model that does not take the data's pictures is refused before anything runs.
        #expect(failure(flat, "show saliency 0")?.contains("model 'model' takes 64 inputs but the current data set 'shapes' has 8x8x1 images") == true)
    }

    @Test func exportWritesTheLatestOverlayWithTheHeatBlendedIn() throws {
        let dir = makeTemporaryDirectory("interpret")
        defer { try? FileManager.default.removeItem(at: dir) }
        let interpreter = Interpreter()
        runLines(interpreter, cnnSetup + ["show saliency 0 count=2", "show samples 4"])
        let path = dir.path + "/saliency.png"
        let blocks = try interpreter.execute(line: "export saliency \(path) scale=2")
        #expect(texts(blocks).first?.hasPrefix("wrote the saliency map as a ") == true)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(failure(interpreter, "export gradcam \(dir.path)/cam.png")?.contains("no Grad-CAM has been shown yet") == true)
    }
}

@Test func attentionOverAPictureGivesOneCaptionedTilePerHead() throws {
    // 2 heads over a 4x4 picture cut into 2x2 patches, no class token: T = 4; every query looks at patch 3.
    var weights = [Float](repeating: 0, count: 2 * 4 * 4)
    for head in 0..<2 {
        for q in 0..<4 { weights[(head * 4 + q) * 4 + 3] = 1 }
    }
    let picture = ImageGridBlock.Image(pixels: [Float](repeating: 0.5, count: 16), width: 4, height: 4, channels: 1, caption: "")
    let block = try OverlayBlock.attention(Tensor(weights, shape: [1, 2, 4, 4]), picture: picture, classToken: false,
                                           query: .mean, title: "attention")
    #expect(block.kind == .attention)
    #expect(block.items.map(\.image.caption) == ["head 0", "head 1"])
    #expect(block.items[0].heat == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1])
    let text = BlockRenderer(options: .ascii).render(.overlay(block), width: 40)
    #expect(text.contains("head 0") && text.contains("head 1"))
    let misfit = Tensor([Float](repeating: 0.2, count: 25), shape: [1, 1, 5, 5])
    #expect(throws: AttributionError.self) {
        _ = try OverlayBlock.attention(misfit, picture: picture, classToken: false, query: .mean, title: nil)
    }
}

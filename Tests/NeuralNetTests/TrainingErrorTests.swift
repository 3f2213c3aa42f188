import Testing
import NeuralNet

@Suite("TrainingError")
struct TrainingErrorTests {
    @Test("each error has a message without the hint and a hint; the description is `message - hint`", arguments: [
        (TrainingError.nonFiniteLoss(epoch: 2, batch: 7, value: .nan),
         "training stopped: the loss became NaN at epoch 2, batch 7",
         "try a lower learning rate"),
        (TrainingError.nonFiniteLoss(epoch: 1, batch: 1, value: .infinity),
         "training stopped: the loss became infinite at epoch 1, batch 1",
         "try a lower learning rate"),
        (TrainingError.inputMismatch(model: [28, 28, 1], data: [4]),
         "the model takes inputs of shape (28, 28, 1) but the data has (4)", "make the model's input shape match the data's"),
        (TrainingError.transformMismatch(transform: "random flip", shape: [4], expected: "images (height, width, channels)"),
         "random flip works on images (height, width, channels), but the examples have shape (4)",
         "use this transform only with image data (height, width, channels)"),
    ])
    func messageAndHint(error: TrainingError, message: String, hint: String) {
        #expect(error.message == message)
        #expect(error.hint == hint)
        #expect(error.description == "\(message) - \(hint)")
    }
}

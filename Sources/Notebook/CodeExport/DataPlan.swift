// How an exported script gets the session's data. Files Gradbook read stay where they are (the IDX
// files of Fashion-MNIST or `load idx`, an image folder); data that exists only in the session
// (generated shapes, points, sequences; a text's token ids) is written beside the script as
// FILE.data.safetensors, split by split, so the script trains on exactly the session's examples.

import NeuralNet


/// The data part of an export plan.
struct DataPlan {
    enum Origin {
        /// IDX files (Fashion-MNIST's or `load idx`): the folder, the training examples read (validation
        /// included), the test examples read, and whether the pixels are the classes' or the input's own target.
        case idx(directory: String, fashion: Bool, read: Int, test: Int)
        /// An image folder tree: the training folder, a validation folder, the size and channels the
        /// pictures are resized to, the byte scale.
        case folder(train: String, validation: String?, height: Int, width: Int, channels: Int, scale: Float)
        /// Arrays in FILE.data.safetensors: `<split>.x` and `<split>.y` per split.
        case arrays([NamedValues])
        /// A text's token ids per split in FILE.data.safetensors (`<split>.tokens`), cut into windows of
        /// `context` tokens every `stride` tokens; `vocabulary` the tokens as text, id order.
        case text(tokens: [NamedValues], context: Int, stride: Int, vocabulary: [String])
    }

    let origin: Origin
    /// The session's name for the data.
    let name: String
    /// A line for the header: what the data is and how many examples each split has.
    let summary: String
    /// One example's shape.
    let sampleShape: [Int]
    /// Examples held out for validation in the session (0: none); a script reading files holds out as many.
    let validationCount: Int
    let trainCount: Int
    let testCount: Int
    let hasTest: Bool
    /// Each example is its own target (`target=input`).
    let targetIsInput: Bool
    /// The examples are token ids (the model starts with an embedding).
    let tokens: Bool
    /// Targets are one float value per example (`load points ... target=value`).
    let valueTargets: Bool
    let classNames: [String]

    /// The values written to the data file, if any.
    var storedValues: [NamedValues] {
        switch origin {
        case .arrays(let values): return values
        case .text(let tokens, _, _, _): return tokens
        case .idx, .folder: return []
        }
    }

    /// Needs FILE.data.safetensors.
    var needsDataFile: Bool { !storedValues.isEmpty }
}

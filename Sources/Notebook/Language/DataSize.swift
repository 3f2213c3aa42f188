// `vocab` and `classes` as layer arguments: sizes the loaded data decides.

/// A size a layer argument may name instead of a number: `embedding vocab 64`, `dense vocab softmax`,
/// `dense classes softmax`. The layer line keeps the word, so a saved session replays against
/// whatever data is loaded then; the number is looked up when the layer is built.
public enum DataSize: String, Sendable, Equatable, CaseIterable {
    /// The number of distinct tokens of the current token data (sequences, text).
    case vocab
    /// The number of classes of the current data (for tokens: the vocabulary, one class per token).
    case classes
}

extension LayerArguments {
    /// The arguments with every `vocab` / `classes` replaced by its number, range-checked as a typed
    /// number would be, each error located at the word.
    ///
    /// - Parameter size: the loaded data's size for a word, or a located error when there is none.
    func resolvingDataSizes(_ entry: LayerEntry, command: String,
                            _ size: (Located<ArgumentValue>, DataSize) throws -> Int) throws -> LayerArguments {
        var resolved = self
        for (index, item) in values.enumerated() {
            guard case .dataSize(let word) = item.value.value else { continue }
            let number = try size(item.value, word)
            if let parameter = entry.parameters.first(where: { $0.name == item.name }),
               let range = parameter.range, !range.contains(Double(number)) {
                throw NotebookError("\(word.rawValue) is \(number) for the loaded data, but \(item.name) of \(command) must be \(range.requirement)",
                                    at: item.value.range, hint: "load smaller data, or give the number")
            }
            resolved.values[index].value = item.value.map { _ in .integer(number) }
        }
        return resolved
    }
}

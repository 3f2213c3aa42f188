import TensorRuntime

extension ImageDataset {
    /// Splits into a training and a validation set, stratified by class.
    ///
    /// For each class `c` with `n_c` images, `round(n_c * validationFraction)` of them — chosen by a
    /// `SeededGenerator(seed:)` shuffle of that class's indices — go to validation, the rest to train.
    /// Both halves keep the original relative order of their images (no shuffling of the result), so
    /// the class proportions of each half match the whole to within one image per class, and the
    /// validation size is `validationFraction * count` to within half an image per class.
    /// The same data, fraction and seed always give the same split. O(N * H*W*C).
    ///
    /// Throws `DatasetError.invalidArgument` unless `0 <= validationFraction <= 1`.
    public func split(validationFraction: Double, seed: UInt64) throws(DatasetError)
        -> (train: ImageDataset, validation: ImageDataset) {
        guard validationFraction >= 0, validationFraction <= 1 else {
            throw .invalidArgument("validation fraction \(validationFraction) must be between 0 and 1")
        }
        var byClass = [[Int]](repeating: [], count: classNames.count)
        for (i, label) in labels.enumerated() { byClass[Int(label)].append(i) }

        var generator = SeededGenerator(seed: seed)
        var isValidation = [Bool](repeating: false, count: count)
        for var members in byClass where !members.isEmpty {
            generator.shuffle(&members)
            let take = Int((Double(members.count) * validationFraction).rounded())
            for i in members.prefix(take) { isValidation[i] = true }
        }
        let trainIndices = (0..<count).filter { !isValidation[$0] }
        let validationIndices = (0..<count).filter { isValidation[$0] }
        return (subset(trainIndices, name: name + "/train"),
                subset(validationIndices, name: name + "/validation"))
    }
}

import Datasets
import NeuralNet
import TensorRuntime

extension Interpreter {
    /// `augment ...`: sets the current model's trainer's augmentation (and the session's, used by later
    /// `compile`s); `augment off` clears both.
    func augment(_ spec: Augment, at range: SourceRange) throws -> [OutputBlock] {
        if spec.off {
            session.augmentation = nil
            session.modelEntry?.trainer?.transforms.removeAll { $0 is AugmentTransform }
            return [.text("augmentation off", style: .note)]
        }
        var a = Augmentation()
        a.rotation = spec.rotate?.value ?? 0
        a.widthShift = spec.widthShift?.value ?? spec.shift?.value ?? 0
        a.heightShift = spec.heightShift?.value ?? spec.shift?.value ?? 0
        a.shear = spec.shear?.value ?? 0
        a.zoom = spec.zoom?.value ?? 0
        let flip = spec.flip?.value ?? FlipMode.none
        a.horizontalFlip = flip == .horizontal || flip == .both
        a.verticalFlip = flip == .vertical || flip == .both
        a.brightness = spec.brightness?.value ?? 0
        a.contrast = spec.contrast?.value ?? 0
        a.crop = spec.crop?.value ?? 0
        a.noise = spec.noise?.value ?? 0
        a.fill = spec.fill?.value ?? .nearest
        if let shape = session.data?.images?.train.sampleShape, shape.count == 3 {
            // Checked against the current data, so `train` cannot fail on it later.
            try guarded(at: range) { try AugmentTransform(a).check(sampleShape: shape) }
        }
        session.augmentation = a
        var where_ = "kept for the next compile"
        if let m = session.modelEntry, let t = m.trainer {
            t.transforms.removeAll { $0 is AugmentTransform }
            t.transforms.append(AugmentTransform(a))
            where_ = "training '\(m.name)' from its next batch"
        }
        return [.text("augmentation: \(Self.describe(a)) - \(where_)", style: .success)]
    }

    /// The settings as `augment` options, e.g. `rotate=15 zoom=0.2 flip=horizontal fill=nearest`.
    static func describe(_ a: Augmentation) -> String {
        var parts: [String] = []
        func add(_ key: String, _ value: Double) { if value != 0 { parts.append("\(key)=\(NumericRange.format(value))") } }
        add("rotate", a.rotation)
        add("width_shift", a.widthShift)
        add("height_shift", a.heightShift)
        add("shear", a.shear)
        add("zoom", a.zoom)
        switch (a.horizontalFlip, a.verticalFlip) {
        case (true, true): parts.append("flip=both")
        case (true, false): parts.append("flip=horizontal")
        case (false, true): parts.append("flip=vertical")
        case (false, false): break
        }
        add("brightness", a.brightness)
        add("contrast", a.contrast)
        add("crop", a.crop)
        add("noise", a.noise)
        parts.append("fill=\(a.fill.rawValue)")
        return parts.joined(separator: " ")
    }

    /// The augmentation in force: the current trainer's, else the session's.
    var currentAugmentation: Augmentation? {
        if let t = session.modelEntry?.trainer {
            return t.transforms.compactMap { ($0 as? AugmentTransform)?.settings }.first
        }
        return session.augmentation
    }

    /// `show augment N`: training picture `index` and N variants, each from its own stream of the seed.
    func showAugment(_ spec: ShowAugment, at range: SourceRange) throws -> [OutputBlock] {
        let entry = try requireData(at: range)
        let data = try images(entry, for: "show augment", at: range).train
        guard spec.index.value < data.count else {
            throw NotebookError("index \(spec.index.value) is outside the training set (0...\(data.count - 1))", at: spec.index.range)
        }
        guard let a = currentAugmentation else {
            throw NotebookError("no augmentation is set", at: range, hint: "set one first, e.g. `augment rotate=15 zoom=0.2 flip=horizontal`")
        }
        let original = data.image(at: spec.index.value)
        let label = data.classNames[Int(data.labels[spec.index.value])]
        var images = [ImageGridBlock.Image(pixels: original, width: data.width, height: data.height, channels: data.channels,
                                           caption: "#\(spec.index.value) \(label)")]
        for k in 1...spec.count.value {
            var pixels = original
            var g = SeededGenerator.derived(seed: session.seed, stream: UInt64(k))
            pixels.withUnsafeMutableBufferPointer { buffer in
                a.apply(buffer, height: data.height, width: data.width, channels: data.channels, generator: &g)
            }
            images.append(ImageGridBlock.Image(pixels: pixels.map { min(max($0, 0), 1) }, width: data.width, height: data.height,
                                               channels: data.channels, caption: "variant \(k)"))
        }
        return [.images(ImageGridBlock(title: "training picture #\(spec.index.value) and \(spec.count.value) augmented variants: \(Self.describe(a))",
                                       images: images))]
    }
}

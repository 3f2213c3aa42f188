import Datasets
import Testing

/// A 2x2x1 data set of `labels.count` images; image i's pixels are 10i, 10i+1, 10i+2, 10i+3.
private func tiny(_ labels: [Int32], classes: Int = 3) throws -> ImageDataset {
    let pixels = (0..<labels.count).flatMap { i in (0..<4).map { UInt8(10 * i + $0) } }
    return try ImageDataset(name: "tiny", height: 2, width: 2, channels: 1, pixels: pixels, labels: labels,
                            classNames: (0..<classes).map { "c\($0)" })
}

@Suite("ImageDataset")
struct ImageDatasetTests {
    @Test("init rejects inconsistent arrays with a message naming the data set",
          arguments: [
              (2, 2, 1, 7, [Int32(0), 1], 2, "pixels has 7 bytes but 2 labels of 2x2x1 images need 8"),
              (2, 2, 1, 8, [0, 2], 2, "label 2 at index 1 is outside 0..<2"),
              (2, 2, 1, 8, [0, -1], 2, "label -1 at index 1 is outside 0..<2"),
              (0, 2, 1, 0, [0, 1], 2, "image shape 0x2x1 must be positive"),
              (2, 2, 1, 8, [0, 0], 0, "no class names"),
          ])
    func validation(height: Int, width: Int, channels: Int, pixelCount: Int, labels: [Int32],
                    classes: Int, message: String) {
        let error = TestFiles.errorMessage {
            try ImageDataset(name: "bad", height: height, width: width, channels: channels,
                             pixels: [UInt8](repeating: 0, count: pixelCount), labels: labels,
                             classNames: (0..<classes).map(String.init))
        } ?? "accepted"
        #expect(error.hasPrefix("data set 'bad': \(message)"), "\(error)")
    }

    @Test("image(at:) scales bytes by 1/255 in NHWC order")
    func imageAt() throws {
        let data = try ImageDataset(name: "rgb", height: 1, width: 2, channels: 3,
                                    pixels: [0, 51, 255, 1, 2, 3, 9, 9, 9, 9, 9, 9], labels: [1, 0],
                                    classNames: ["a", "b"])
        #expect(data.image(at: 0) == [0, 0.2, 1, Float(1) / 255, Float(2) / 255, Float(3) / 255])
        #expect(data.image(at: 1) == [Float](repeating: Float(9) / 255, count: 6))
        #expect(data.sampleSize == 6 && data.count == 2 && data.classCount == 2)
    }

    @Test("subset, prefix and classCounts")
    func subsetPrefixCounts() throws {
        let data = try tiny([0, 1, 2, 1, 1])
        let picked = data.subset([4, 0, 4])
        #expect(picked.labels == [1, 0, 1])
        #expect(picked.pixels == [40, 41, 42, 43, 0, 1, 2, 3, 40, 41, 42, 43])
        #expect(picked.classNames == data.classNames && picked.name == "tiny")
        #expect(data.subset([Int]()).count == 0)
        #expect(data.prefix(2).labels == [0, 1] && data.prefix(2).pixels == Array(0...3) + Array(10...13))
        #expect(data.prefix(99).count == 5 && data.prefix(-1).count == 0)
        #expect(data.classCounts() == [1, 3, 1])
        #expect(try tiny([2, 2], classes: 4).classCounts() == [0, 0, 2, 0])
    }

    @Test("split is stratified, disjoint, complete and seeded", arguments: [0.0, 0.1, 0.25, 0.5, 1.0])
    func split(fraction: Double) throws {
        // 40 of class 0, 20 of class 1, 10 of class 2; image i has pixel value i.
        let labels = (0..<70).map { Int32($0 < 40 ? 0 : $0 < 60 ? 1 : 2) }
        let data = try ImageDataset(name: "s", height: 1, width: 1, channels: 1,
                                    pixels: (0..<70).map { UInt8($0) }, labels: labels, classNames: ["a", "b", "c"])
        let (train, validation) = try data.split(validationFraction: fraction, seed: 11)
        let expected = [40, 20, 10].map { Int((Double($0) * fraction).rounded()) }
        #expect(validation.classCounts() == expected)
        #expect(train.classCounts() == zip([40, 20, 10], expected).map { $0 - $1 })
        #expect(Set(train.pixels).isDisjoint(with: Set(validation.pixels)))
        #expect(Set(train.pixels + validation.pixels) == Set(0..<70))
        #expect(train.pixels == train.pixels.sorted() && validation.pixels == validation.pixels.sorted())
        #expect(train.name == "s/train" && validation.name == "s/validation")
        // Labels still match their images.
        #expect(validation.pixels.indices.allSatisfy { validation.labels[$0] == labels[Int(validation.pixels[$0])] })
        let again = try data.split(validationFraction: fraction, seed: 11)
        #expect(again.validation.pixels == validation.pixels)
    }

    @Test("different seeds choose different validation images; bad fractions throw")
    func splitSeedsAndErrors() throws {
        let data = try ImageDataset(name: "s", height: 1, width: 1, channels: 1, pixels: (0..<100).map { UInt8($0) },
                                    labels: (0..<100).map { Int32($0 % 2) }, classNames: ["a", "b"])
        let a = try data.split(validationFraction: 0.2, seed: 1).validation.pixels
        let b = try data.split(validationFraction: 0.2, seed: 2).validation.pixels
        #expect(a != b)
        for bad in [-0.1, 1.5, Double.nan] {
            #expect(throws: DatasetError.self) { try data.split(validationFraction: bad, seed: 0) }
        }
    }
}

import Datasets
import Foundation
import Testing

@Suite("IDX files")
struct IDXReaderTests {
    @Test("raw and gzipped directories load identically", arguments: [false, true])
    func roundTrip(gzipped: Bool) throws {
        try TestFiles.withDirectory { dir in
            try TestFiles.writeSplits(to: dir, trainLabels: [3, 1, 4, 1, 5], testLabels: [9, 2], gzipped: gzipped)
            let (train, test) = try IDXDataset.load(directory: dir.path)
            #expect(train.count == 5 && test.count == 2)
            #expect(train.height == 2 && train.width == 3 && train.channels == 1)
            #expect(train.labels == [3, 1, 4, 1, 5])
            #expect(test.labels == [9, 2])
            #expect(train.pixels == Array(TestFiles.images(count: 5, seed: 1).dropFirst(16)))
            #expect(test.pixels == Array(TestFiles.images(count: 2, seed: 5).dropFirst(16)))
            #expect(train.classNames == (0...9).map(String.init))
            #expect(train.name == "\(dir.lastPathComponent)/train" && test.name.hasSuffix("/test"))
        }
    }

    @Test("rank-4 image files keep their channels; a subset reads only the first examples")
    func rankFourAndSubset() throws {
        try TestFiles.withDirectory { dir in
            let data = (0..<(4 * 2 * 2 * 3)).map { UInt8($0) }
            let images = try TestFiles.write(TestFiles.gzip(TestFiles.idx(dimensions: [4, 2, 2, 3], data: data)),
                                             to: dir, name: "x-images.gz")
            let labels = try TestFiles.write(TestFiles.labels([0, 1, 2, 1]), to: dir, name: "x-labels")
            let full = try IDXDataset.loadPair(imagesPath: images, labelsPath: labels,
                                               classNames: ["a", "b", "c"], name: "x")
            #expect(full.channels == 3 && full.count == 4 && full.pixels == data)
            #expect(full.classNames == ["a", "b", "c"])
            let part = try IDXDataset.loadPair(imagesPath: images, labelsPath: labels, name: "x", subset: 2)
            #expect(part.count == 2 && part.labels == [0, 1] && part.pixels == Array(data.prefix(24)))
        }
    }

    @Test("un-gzipped names and dotted MNIST names are found")
    func alternativeNames() throws {
        try TestFiles.withDirectory { dir in
            try TestFiles.write(TestFiles.images(count: 2), to: dir, name: "train-images.idx3-ubyte")
            try TestFiles.write(TestFiles.labels([1, 0]), to: dir, name: "train-labels.idx1-ubyte")
            try TestFiles.write(TestFiles.gzip(TestFiles.images(count: 1)), to: dir, name: "t10k-images-idx3-ubyte.gz")
            try TestFiles.write(TestFiles.labels([7]), to: dir, name: "t10k-labels-idx1-ubyte")
            let (train, test) = try IDXDataset.load(directory: dir.path + "/", name: "digits")
            #expect(train.labels == [1, 0] && test.labels == [7])
            #expect(train.name == "digits/train")
        }
    }

    @Test("generic class names number the classes up to the largest label")
    func genericNames() {
        #expect(IDXDataset.genericClassNames(maxLabel: 9) == ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"])
        #expect(IDXDataset.genericClassNames(maxLabel: 11).last == "11")
        #expect(IDXDataset.genericClassNames(maxLabel: 1) == ["0", "1"])
        #expect(IDXDataset.genericClassNames(maxLabel: -1) == ["0"])
    }

    @Test("both splits share one class list, counted from the labels of both",
          arguments: [([0, 1, 1, 0], [1, 0], 2), ([0, 1, 4], [2], 5), ([1, 2], [0, 3, 6], 7), ([0, 0], [0], 1)])
    func sharedClassList(trainLabels: [UInt8], testLabels: [UInt8], classes: Int) throws {
        try TestFiles.withDirectory { dir in
            try TestFiles.writeSplits(to: dir, trainLabels: trainLabels, testLabels: testLabels, gzipped: false)
            let (train, test) = try IDXDataset.load(directory: dir.path)
            #expect(train.classNames == (0..<classes).map(String.init))
            #expect(test.classNames == train.classNames)
            #expect(train.classCounts().count == classes && test.classCounts().count == classes)
        }
    }

    @Test("subset cuts the training examples only; testSubset cuts the test examples")
    func subsetCutsTrainingOnly() throws {
        try TestFiles.withDirectory { dir in
            try TestFiles.writeSplits(to: dir, trainLabels: [0, 1, 2, 3], testLabels: [3, 2, 1], gzipped: true)
            let (train, test) = try IDXDataset.load(directory: dir.path, subset: 2)
            #expect(train.labels == [0, 1] && test.labels == [3, 2, 1])
            #expect(train.classCount == 4, "classes come from both splits, whatever is cut")
            let (_, capped) = try IDXDataset.load(directory: dir.path, subset: 2, testSubset: 1)
            #expect(capped.labels == [3])
        }
    }

    @Test("a missing directory names the expected files")
    func missingDirectory() {
        let message = TestFiles.errorMessage { try IDXDataset.load(directory: "/nonexistent/gradbook-idx") } ?? ""
        #expect(message.hasPrefix("/nonexistent/gradbook-idx: directory not found. "), "\(message)")
        #expect(message.contains("train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
            + "t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz"))
    }

    /// One way a directory can be broken, and what the error must say.
    enum Corruption: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case truncatedData, truncatedHeader, emptyFile, trailingBytes, wrongMagic, wrongType, wrongRank
        case countMismatch, labelOutOfRange, badGzipHeader, truncatedGzip, gzipChecksum, notGzip
        case missingFile, directoryAsFile, zeroBesideHugeDimensions

        var testDescription: String { rawValue }

        /// Writes the broken directory; returns the fragments the message must contain
        /// (`{dir}` stands for the directory path).
        func prepare(_ dir: URL) throws -> [String] {
            let goodImages = TestFiles.images(count: 3)              // 16 + 18 bytes
            let goodLabels = TestFiles.labels([0, 1, 2])              // 8 + 3 bytes
            var images = goodImages, labels = goodLabels
            var imageName = "train-images-idx3-ubyte", labelName = "train-labels-idx1-ubyte"
            var expected: [String]
            switch self {
            case .truncatedData:
                images = Array(goodImages.prefix(30))
                expected = ["{dir}/train-images-idx3-ubyte: truncated: expected 34 bytes, found 30", "download it again"]
            case .truncatedHeader:
                images = Array(goodImages.prefix(10))
                expected = ["{dir}/train-images-idx3-ubyte: truncated: expected 16 bytes, found 10"]
            case .emptyFile:
                labels = []
                expected = ["{dir}/train-labels-idx1-ubyte: truncated: expected 4 bytes, found 0"]
            case .trailingBytes:
                labels = goodLabels + [0, 0]
                expected = ["{dir}/train-labels-idx1-ubyte: too long: expected 11 bytes, found 13"]
            case .wrongMagic:
                images[0] = 0x50; images[1] = 0x4b
                expected = ["{dir}/train-images-idx3-ubyte: wrong magic 50 4b 08 03", "MNIST-format IDX"]
            case .wrongType:
                images[2] = 0x0D
                expected = ["{dir}/train-images-idx3-ubyte: unsupported IDX data type 0x0d (32-bit float), "
                    + "expected 0x08 (unsigned byte)"]
            case .wrongRank:
                labels = TestFiles.idx(dimensions: [3, 1, 1], data: [0, 1, 2])
                expected = ["{dir}/train-labels-idx1-ubyte: bad IDX header: rank 3, expected 1"]
            case .countMismatch:
                labels = TestFiles.labels([0, 1, 2, 3])
                expected = ["{dir}/train-images-idx3-ubyte has 3 images but {dir}/train-labels-idx1-ubyte has 4 labels"]
            case .labelOutOfRange:
                labels = TestFiles.labels([0, 12, 2])
                expected = ["{dir}/train-labels-idx1-ubyte: label 12 at index 1 is out of range 0..<3"]
            case .badGzipHeader:
                imageName += ".gz"
                images = [0x1f, 0x8b, 0x63] + Array(repeating: 0x41, count: 40)
                expected = ["{dir}/train-images-idx3-ubyte.gz: corrupt gzip data: ", "gzip -t"]
            case .truncatedGzip:
                imageName += ".gz"
                let packed = TestFiles.gzip(TestFiles.images(count: 300, seed: 3))
                images = Array(packed.prefix(packed.count / 2))
                expected = ["{dir}/train-images-idx3-ubyte.gz: corrupt gzip data: compressed data ends early"]
            case .gzipChecksum:
                labelName += ".gz"
                labels = TestFiles.gzip(goodLabels)
                labels[labels.count - 6] ^= 0xFF                      // inside the CRC-32 trailer
                expected = ["{dir}/train-labels-idx1-ubyte.gz: corrupt gzip data: incorrect data check"]
            case .notGzip:
                labelName += ".gz"
                expected = ["{dir}/train-labels-idx1-ubyte.gz: not a gzip file (starts with 00 00, expected 1f 8b)"]
            case .missingFile:
                labelName = ""
                expected = ["{dir}/train-labels-idx1-ubyte.gz: file not found. Expected one of: "
                    + "train-labels-idx1-ubyte.gz, train-labels-idx1-ubyte, train-labels.idx1-ubyte.gz, "
                    + "train-labels.idx1-ubyte - "]
            case .zeroBesideHugeDimensions:
                // Found by the IDX fuzz target: the integer product of the other dimensions overflowed.
                images = TestFiles.idx(dimensions: [1, 0xFFFF_FFFF, 0xFFFF_FFFF, 0], data: [])
                expected = ["{dir}/train-images-idx3-ubyte: bad IDX header: dimensions [1, 4294967295, 4294967295, 0] include a zero"]
            case .directoryAsFile:
                labelName = ""
                try FileManager.default.createDirectory(at: dir.appendingPathComponent("train-labels-idx1-ubyte"),
                                                        withIntermediateDirectories: false)
                expected = ["{dir}/train-labels-idx1-ubyte: cannot read file: not a regular file"]
            }
            try TestFiles.write(images, to: dir, name: imageName)
            if !labelName.isEmpty { try TestFiles.write(labels, to: dir, name: labelName) }
            try TestFiles.write(TestFiles.images(count: 1), to: dir, name: "t10k-images-idx3-ubyte")
            try TestFiles.write(TestFiles.labels([0]), to: dir, name: "t10k-labels-idx1-ubyte")
            return expected.map { $0.replacingOccurrences(of: "{dir}", with: dir.path) }
        }
    }

    @Test("broken files give errors that name the file and the problem", arguments: Corruption.allCases)
    func corrupt(_ corruption: Corruption) throws {
        try TestFiles.withDirectory { dir in
            let fragments = try corruption.prepare(dir)
            let classNames = corruption == .labelOutOfRange ? ["a", "b", "c"] : nil
            let message = TestFiles.errorMessage { try IDXDataset.load(directory: dir.path, classNames: classNames) }
            #expect(message != nil, "\(corruption) loaded instead of failing")
            for fragment in fragments {
                #expect(message?.contains(fragment) == true, "\(message ?? "no error")")
            }
        }
    }
}

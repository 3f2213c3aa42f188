import Datasets
import Foundation
import Testing

/// Whether the real files are installed where `FashionMNIST.load()` looks by default.
private let fashionPresent = FileManager.default.fileExists(
    atPath: FashionMNIST.defaultDirectory + "/train-images-idx3-ubyte.gz")
    || FileManager.default.fileExists(atPath: FashionMNIST.defaultDirectory + "/train-images-idx3-ubyte")

@Suite("Fashion-MNIST")
struct FashionMNISTTests {
    @Test("the installed files load with the published sizes and first labels",
          .enabled(if: fashionPresent, "Fashion-MNIST is not installed at \(FashionMNIST.defaultDirectory); skipped"))
    func realFiles() throws {
        let (train, test) = try FashionMNIST.load()
        #expect(train.count == 60_000 && test.count == 10_000)
        for split in [train, test] {
            #expect(split.height == 28 && split.width == 28 && split.channels == 1)
            #expect(split.pixels.count == split.count * 784)
            #expect(split.labels.allSatisfy { (0..<10).contains($0) })
            #expect(split.classNames == FashionMNIST.classNames)
        }
        #expect(Array(train.labels.prefix(10)) == [9, 0, 0, 3, 0, 2, 7, 2, 5, 5])
        #expect(Array(test.labels.prefix(10)) == [9, 2, 1, 1, 6, 1, 4, 6, 5, 7])
        #expect(train.classCounts() == Array(repeating: 6000, count: 10))
        #expect(test.classCounts() == Array(repeating: 1000, count: 10))
        // Byte sums of the first image of each split, computed independently with Python's gzip module.
        #expect(train.pixels.prefix(784).reduce(0) { $0 + Int($1) } == 76_247)
        #expect(test.pixels.prefix(784).reduce(0) { $0 + Int($1) } == 33_456)
        #expect(train.name == "fashion-mnist/train" && test.name == "fashion-mnist/test")

        let (small, smallTest) = try FashionMNIST.load(subset: 500)
        #expect(small.count == 500 && smallTest.count == 10_000, "subset cuts the training images only")
        #expect(small.pixels == Array(train.pixels.prefix(500 * 784)))
        #expect(small.labels == Array(train.labels.prefix(500)))
        #expect(smallTest.labels == test.labels)
        let (_, cappedTest) = try FashionMNIST.load(subset: 500, testSubset: 300)
        #expect(cappedTest.labels == Array(test.labels.prefix(300)))
    }

    @Test("class names are the ten Fashion-MNIST classes in label order")
    func classNames() {
        #expect(FashionMNIST.classNames == ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"])
    }

    @Test("GRADBOOK_FASHION_MNIST overrides the Debian directory only when non-empty",
          arguments: [(String?.none, FashionMNIST.debianDirectory), ("", FashionMNIST.debianDirectory),
                      ("/data/fmnist", "/data/fmnist")])
    func environmentOverride(value: String?, expected: String) {
        #expect(FashionMNIST.defaultDirectory(environmentValue: value) == expected)
    }

    @Test("a directory without the files explains how to install them")
    func missingFiles() throws {
        try TestFiles.withDirectory { dir in
            let message = TestFiles.errorMessage { try FashionMNIST.load(directory: dir.path) } ?? "no error"
            #expect(message.contains("\(dir.path)/train-images-idx3-ubyte.gz: file not found."), "\(message)")
            #expect(message.contains("dataset-fashion-mnist"))
            #expect(message.contains("GRADBOOK_FASHION_MNIST"))
        }
    }

    @Test("subset cuts the training images only; testSubset is the separate test cap")
    func subsetCutsTrainingOnly() throws {
        try TestFiles.withDirectory { dir in
            try TestFiles.writeSplits(to: dir, trainLabels: [1, 2, 3, 4, 5], testLabels: [6, 7, 8, 9], gzipped: true,
                                      height: 28, width: 28)
            let (train, test) = try FashionMNIST.load(directory: dir.path, subset: 2)
            #expect(train.labels == [1, 2])
            #expect(test.labels == [6, 7, 8, 9])
            let (_, capped) = try FashionMNIST.load(directory: dir.path, subset: 2, testSubset: 3)
            #expect(capped.labels == [6, 7, 8])
        }
    }

    @Test("the un-gzipped names are accepted and non-28x28 images are rejected")
    func uncompressedAndShapeCheck() throws {
        try TestFiles.withDirectory { dir in
            try TestFiles.writeSplits(to: dir, trainLabels: [1, 2], testLabels: [3], gzipped: false,
                                      height: 28, width: 28)
            let (train, test) = try FashionMNIST.load(directory: dir.path)
            #expect(train.labels == [1, 2] && test.labels == [3] && train.classNames[1] == "Trouser")
        }
        try TestFiles.withDirectory { dir in
            try TestFiles.writeSplits(to: dir, trainLabels: [1, 2], testLabels: [3], gzipped: true)
            let message = TestFiles.errorMessage { try FashionMNIST.load(directory: dir.path) } ?? "no error"
            #expect(message.contains("fashion-mnist/train has 2x3x1 images, Fashion-MNIST's are 28x28x1"), "\(message)")
        }
    }
}

import Datasets
import Testing

@Suite("Shapes")
struct ShapesTests {
    @Test("same arguments give bit-identical data; a different seed differs")
    func determinism() throws {
        let a = try Shapes.make(count: 300, classes: 8, size: 28, noise: 0.1, seed: 42)
        let b = try Shapes.make(count: 300, classes: 8, size: 28, noise: 0.1, seed: 42)
        let c = try Shapes.make(count: 300, classes: 8, size: 28, noise: 0.1, seed: 43)
        #expect(a.pixels == b.pixels && a.labels == b.labels)
        #expect(a.pixels != c.pixels)
        #expect(a.labels != c.labels)
        // Images are drawn per index, so a longer run starts with the same images when labels agree.
        let clean1 = try Shapes.make(count: 50, noise: 0, seed: 5)
        let clean2 = try Shapes.make(count: 50, noise: 0, seed: 5)
        #expect(clean1.pixels == clean2.pixels)
    }

    @Test("classes are balanced to within one image and named in order",
          arguments: [(1000, 5), (1003, 8), (7, 3), (16, 8), (0, 5)])
    func balance(count: Int, classes: Int) throws {
        let data = try Shapes.make(count: count, classes: classes, seed: 1)
        let counts = data.classCounts()
        #expect(counts.count == classes && counts.reduce(0, +) == count)
        #expect((counts.max() ?? 0) - (counts.min() ?? 0) <= (count == 0 ? 0 : 1))
        #expect(data.classNames == Array(["circle", "square", "triangle", "cross", "line", "ring", "diamond", "star"]
            .prefix(classes)))
        #expect(data.count == count && data.pixels.count == count * 28 * 28)
        if count >= 2 * classes {
            // Shuffled, not round-robin.
            #expect(data.labels != (0..<count).map { Int32($0 % classes) })
        }
    }

    @Test("each image is a bright shape on a dark background", arguments: [0, 0.1] as [Float])
    func pixelRange(noise: Float) throws {
        let data = try Shapes.make(count: 400, classes: 8, noise: noise, seed: 9)
        for i in 0..<data.count {
            let image = data.pixels[(i * 784)..<((i + 1) * 784)]
            let bright = image.filter { $0 >= 128 }.count
            #expect(image.max()! >= 150, "image \(i) (\(data.classNames[Int(data.labels[i])])) has no bright pixel")
            #expect(bright >= 8 && bright <= 784 / 2, "image \(i): \(bright) bright pixels")
            if noise == 0 {
                #expect(image.min()! <= 31, "image \(i): background brighter than 0.12")
            }
            let floats = data.image(at: i)
            #expect(floats.allSatisfy { $0 >= 0 && $0 <= 1 })
        }
    }

    @Test("other image sizes draw shapes of matching scale", arguments: [8, 16, 64])
    func sizes(size: Int) throws {
        let data = try Shapes.make(count: 40, classes: 5, size: size, noise: 0, seed: 2)
        #expect(data.height == size && data.width == size && data.channels == 1)
        let meanBright = Double(data.pixels.filter { $0 >= 128 }.count) / Double(data.count * size * size)
        #expect(meanBright > 0.04 && meanBright < 0.5, "bright fraction \(meanBright)")
    }

    @Test("classes are distinguishable: class means differ and a nearest-mean classifier beats chance")
    func distinguishable() throws {
        let classes = 8
        let train = try Shapes.make(count: 4000, classes: classes, noise: 0.1, seed: 100)
        let test = try Shapes.make(count: 800, classes: classes, noise: 0.1, seed: 200)
        var means = [[Double]](repeating: [Double](repeating: 0, count: 784), count: classes)
        for i in 0..<train.count {
            let c = Int(train.labels[i])
            for k in 0..<784 { means[c][k] += Double(train.pixels[i * 784 + k]) / 255 }
        }
        let counts = train.classCounts()
        for c in 0..<classes { means[c] = means[c].map { $0 / Double(counts[c]) } }
        func distance(_ a: [Double], _ b: [Double]) -> Double {
            zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        }
        for a in 0..<classes {
            for b in (a + 1)..<classes {
                let d = distance(means[a], means[b])
                #expect(d > 0.5, "\(train.classNames[a]) and \(train.classNames[b]) means are only \(d) apart")
            }
        }
        var correct = 0
        for i in 0..<test.count {
            let image = (0..<784).map { Double(test.pixels[i * 784 + $0]) / 255 }
            let guess = (0..<classes).min { distance(image, means[$0]) < distance(image, means[$1]) }!
            if guess == Int(test.labels[i]) { correct += 1 }
        }
        let accuracy = Double(correct) / Double(test.count)
        #expect(accuracy > 2.0 / Double(classes), "nearest-mean accuracy \(accuracy)")
    }

    @Test("bad arguments throw with the value in the message",
          arguments: [(-1, 5, 28, Float(0.1), "shape count -1"), (10, 1, 28, 0.1, "shape classes 1"),
                      (10, 9, 28, 0.1, "shape classes 9"), (10, 5, 4, 0.1, "shape image size 4"),
                      (10, 5, 28, -0.5, "shape noise -0.5"), (10, 5, 28, .nan, "shape noise nan"),
                      (400_000, 5, 28, 0, "shape count 400000 of 28x28 images exceeds 256 MiB")])
    func invalid(count: Int, classes: Int, size: Int, noise: Float, message: String) {
        let error = TestFiles.errorMessage {
            try Shapes.make(count: count, classes: classes, size: size, noise: noise, seed: 0)
        } ?? "accepted"
        #expect(error.hasPrefix("invalid argument: \(message)"), "\(error)")
    }
}

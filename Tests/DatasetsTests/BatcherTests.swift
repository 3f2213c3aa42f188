import Datasets
import TensorRuntime
import Testing

@Suite("Batcher")
struct BatcherTests {
    @Test("every index appears exactly once per epoch; batch sizes as documented",
          arguments: [(10, 3, false), (10, 3, true), (12, 4, false), (12, 4, true), (1, 5, false),
                      (0, 2, false), (7, 1, true), (5, 8, true)])
    func coverage(count: Int, batchSize: Int, dropLast: Bool) throws {
        let batcher = try Batcher(count: count, batchSize: batchSize, shuffle: true, seed: 3, dropLast: dropLast)
        for epoch in 0..<3 {
            let order = batcher.permutation(epoch: epoch)
            #expect(order.sorted() == Array(0..<count))
            let batches = batcher.batches(epoch: epoch)
            #expect(batches.count == batcher.batchesPerEpoch)
            let sizes = batches.map(\.count)
            let full = count / batchSize, rest = count % batchSize
            let expectedSizes = Array(repeating: batchSize, count: full) + (rest > 0 && !dropLast ? [rest] : [])
            #expect(sizes == expectedSizes)
            #expect(sizes.reduce(0, +) == batcher.examplesPerEpoch)
            if !dropLast {
                #expect(batches.flatMap { $0 }.sorted() == Array(0..<count))
            } else {
                #expect(Set(batches.flatMap { $0 }).count == full * batchSize)
            }
            #expect(batches.flatMap { $0 } == Array(order.prefix(batcher.examplesPerEpoch)))
        }
    }

    @Test("epochs differ, seeds reproduce, and shuffle=false is the identity")
    func ordering() throws {
        let a = try Batcher(count: 100, batchSize: 10, shuffle: true, seed: 42)
        let b = try Batcher(count: 100, batchSize: 10, shuffle: true, seed: 42)
        let c = try Batcher(count: 100, batchSize: 10, shuffle: true, seed: 43)
        #expect(a.permutation(epoch: 0) != a.permutation(epoch: 1))
        #expect(a.permutation(epoch: 1) != a.permutation(epoch: 2))
        #expect(a.permutation(epoch: 0) != Array(0..<100))
        #expect(a.permutation(epoch: 5) == b.permutation(epoch: 5))
        #expect(a.permutation(epoch: 5) != c.permutation(epoch: 5))
        #expect(a == b && a != c)
        let plain = try Batcher(count: 9, batchSize: 4, shuffle: false, seed: 42)
        #expect(plain.permutation(epoch: 3) == Array(0..<9))
        #expect(plain.batchRanges == [0..<4, 4..<8, 8..<9])
    }

    @Test("epoch e is the documented derived-generator shuffle")
    func documentedPermutation() throws {
        let batcher = try Batcher(count: 50, batchSize: 8, shuffle: true, seed: 9)
        var generator = SeededGenerator.derived(seed: 9, stream: 4)
        var expected = Array(0..<50)
        generator.shuffle(&expected)
        #expect(batcher.permutation(epoch: 4) == expected)
    }

    @Test("a batch larger than the data is the whole data set, up to Int.max, without overflow",
          arguments: [(10, Int.max, false), (10, Int.max, true), (10, Int.max - 1, false), (Int.max, Int.max, false), (0, Int.max, false)])
    func hugeBatch(count: Int, batchSize: Int, dropLast: Bool) throws {
        let batcher = try Batcher(count: count, batchSize: batchSize, shuffle: false, dropLast: dropLast)
        let whole = count == batchSize || (count > 0 && !dropLast)
        #expect(batcher.batchesPerEpoch == (whole ? 1 : 0))
        #expect(batcher.examplesPerEpoch == (whole ? count : 0))
        if count < 1_000 { #expect(batcher.batchRanges == (whole ? [0..<count] : [])) }
    }

    @Test("bad sizes throw", arguments: [(-1, 4), (10, 0), (10, -3)])
    func invalid(count: Int, batchSize: Int) {
        #expect(throws: DatasetError.self) { try Batcher(count: count, batchSize: batchSize) }
    }
}

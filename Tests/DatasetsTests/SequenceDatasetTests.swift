import Testing
@testable import Datasets

@Suite struct SequenceDatasetTests {
    @Test func targetsFollowTheTask() {
        let s: [Int32] = [3, 1, 4, 1, 5]
        #expect(SequenceDataset.target(of: s, task: .reverse, shift: 0) == [5, 1, 4, 1, 3])
        #expect(SequenceDataset.target(of: s, task: .sort, shift: 0) == [1, 1, 3, 4, 5])
        #expect(SequenceDataset.target(of: s, task: .shift, shift: 2) == [1, 5, 3, 1, 4])
        #expect(SequenceDataset.target(of: s, task: .shift, shift: 0) == s)
    }

    @Test func generationIsDeterministicBySeedAndInRange() throws {
        let a = try SequenceDataset.make(.reverse, length: 8, vocabulary: 10, count: 50, seed: 7)
        let b = try SequenceDataset.make(.reverse, length: 8, vocabulary: 10, count: 50, seed: 7)
        let c = try SequenceDataset.make(.reverse, length: 8, vocabulary: 10, count: 50, seed: 8)
        #expect(a == b)
        #expect(a.tokens != c.tokens)
        #expect(a.count == 50)
        #expect(a.tokens.allSatisfy { $0 >= 0 && $0 < 10 })
        #expect(a.target(at: 3) == Array(a.input(at: 3).reversed()))
        #expect(a.input(at: 50).isEmpty)
    }

    @Test(arguments: [
        (1, 10, 5, 0, "length 1 must be in 2...64"),
        (8, 1, 5, 0, "vocabulary 1 must be in 2...256"),
        (8, 10, -1, 0, "count -1 must not be negative"),
        (8, 10, 5, 8, "shift 8 must be in 0...7"),
        (64, 10, 1 << 20, 0, "exceed 16 Mi tokens"),
    ])
    func badArgumentsAreNamed(length: Int, vocabulary: Int, count: Int, shift: Int, message: String) {
        #expect { try SequenceDataset.make(.shift, length: length, vocabulary: vocabulary, count: count, shift: shift) } throws: { error in
            "\(error)".contains(message)
        }
    }
}

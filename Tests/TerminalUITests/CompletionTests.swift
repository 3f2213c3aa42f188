import Testing
@testable import TerminalUI

@Suite struct CompletionTests {
    let completion = Completion(names: SessionNames(datasets: ["shapes"], models: ["plain", "dropout"])) { folder in
        folder == "" ? ["sessions/", "notes.txt"] : folder == "sessions/" ? ["quickstart.grad", "mlp.grad"] : []
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let before: String
        let word: String
        let expected: [String]
        var testDescription: String { "'\(before)|\(word)'" }
    }

    static let cases: [Case] = [
        Case(before: "", word: "comp", expected: ["compile"]),
        Case(before: "", word: "dro", expected: ["dropout"]),
        Case(before: "load ", word: "", expected: ["fashion-mnist", "idx", "images", "points", "sequences", "shapes", "text", "weights"]),
        Case(before: "load text corpus ", word: "t", expected: ["tang300", "test=", "tokenizer=", "tokens="]),
        Case(before: "compile ", word: "l", expected: ["loss=", "lr="]),
        Case(before: "compile optimizer=", word: "ad", expected: ["adam", "adamw"]),
        Case(before: "compile loss=", word: "sparse", expected: ["sparse_categorical_crossentropy"]),
        Case(before: "dense 10 ", word: "so", expected: ["softmax"]),
        Case(before: "use ", word: "", expected: ["dropout", "plain", "shapes"]),
        Case(before: "run ", word: "sessions/q", expected: ["sessions/quickstart.grad"]),
        Case(before: "", word: "./", expected: []),
        Case(before: "insert 2 ", word: "maxp", expected: ["maxpool", "maxpooling2d"]),
        Case(before: "clf = ", word: "mod", expected: ["model"]),
    ]

    @Test(arguments: cases)
    func candidates(_ c: Case) {
        #expect(completion.candidates(before: c.before, word: c.word) == c.expected)
    }
}

// `load text` and `show tokens` through the interpreter: windows and their next-token targets, `info`,
// the passage and frequency table, training a per-token model, and errors located at the argument.

import Datasets
import Foundation
import NeuralNet
import Notebook
import Testing

@Suite struct InterpreterTextTests {
    /// Runs `body` with a fresh folder holding `files` (name -> bytes).
    static func withFiles(_ files: [String: [UInt8]], _ body: (String) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gradbook-text-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, bytes) in files { try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + name)) }
        try body(dir)
    }

    static let english = Array(String(repeating: "The cat sat on the mat. The dog sat on the log.\n", count: 20).utf8)
    static let chinese = Array(String(repeating: "床前明月光，疑是地上霜。举头望明月，低头思故乡。\n", count: 20).utf8)

    @Test func windowsAreContextTokensWithTheNextTokensAsTargets() throws {
        try Self.withFiles(["story.txt": Self.english]) { dir in
            let interpreter = Interpreter()
            let loaded = runLines(interpreter, ["load text \"\(dir)/story.txt\" context=8 validation=0.2"])
            // 960 characters: 768 train (95 windows of 8 with the token after), 192 validation (23).
            #expect(texts(loaded).last == "story: 95 training windows, 23 validation - 8 tokens each, char vocabulary of 17")
            let text = try #require(interpreter.session.data?.text)
            #expect(text.train.tokens.count == 768 && text.validation.tokens.count == 192 && text.test == nil)
            #expect(text.tokenizer.decode(text.train.tokens) + text.tokenizer.decode(text.validation.tokens)
                    == String(decoding: Self.english, as: UTF8.self))
            var input = [Float](repeating: -1, count: 8), target = [Float](repeating: -1, count: 8)
            try input.withUnsafeMutableBufferPointer { try text.train.loadExample(1, into: $0) }
            try target.withUnsafeMutableBufferPointer { try text.train.loadTarget(1, into: $0) }
            #expect(input == text.train.tokens[8..<16].map(Float.init))
            #expect(target == text.train.tokens[9..<17].map(Float.init))
            #expect(text.classNames.first == "<unk>" && text.classNames.contains("\\n"))
            #expect(throws: (any Error).self) { try input.withUnsafeMutableBufferPointer { try text.train.loadExample(95, into: $0) } }
            // Overlapping windows with a stride, and a test part at the end.
            let overlapping = runLines(interpreter, ["load text \"\(dir)/story.txt\" context=8 stride=4 validation=0.1 test=0.1"])
            #expect(texts(overlapping).last == "story: 190 training windows, 22 validation, 22 test - 8 tokens each, char vocabulary of 17")
        }
    }

    @Test func infoGivesTokensPerSplitAndTheTokenizer() throws {
        try Self.withFiles(["zh.txt": Self.chinese + Self.english]) { dir in
            let interpreter = Interpreter()
            runLines(interpreter, ["mixed = load text \"\(dir)/zh.txt\" tokens=bpe vocab=60 context=4 test=0.1"])
            let blocks = try interpreter.execute(line: "info")
            guard case let .table(about)? = blocks.first, case let .table(splits)? = blocks.last else {
                Issue.record("two tables"); return
            }
            let text = try #require(interpreter.session.data?.text)
            #expect(about.rows[1] == ["tokenizer", "bpe: byte-pair pieces learned on the training text"])
            #expect(about.rows[2][1].hasPrefix("\(text.tokenizer.vocabularySize) (<unk>, "))
            #expect(splits.headers == ["split", "tokens", "windows"])
            #expect(splits.rows.map(\.first) == ["train", "validation", "test"])
            #expect(splits.rows[0] == ["train", String(text.train.tokens.count), String(text.train.count)])
            #expect(text.tokenizer.tokens.contains("明月"))
        }
    }

    @Test func showTokensShowsBoundariesIdsAndTheMostFrequentTokens() throws {
        try Self.withFiles(["story.txt": Self.english]) { dir in
            let interpreter = Interpreter()
            runLines(interpreter, ["load text \"\(dir)/story.txt\" tokens=word context=4"])
            let blocks = try interpreter.execute(line: "show tokens 8")
            let lines = texts(blocks)
            #expect(lines.first == "story: word tokenizer, vocabulary of 12 tokens (<unk> included), 270 train tokens")
            let passage = try #require(lines.last?.components(separatedBy: "\n"))
            #expect(passage[1] == "[The][·cat][·sat][·on][·the][·mat][.][·The]")
            let t = try #require(interpreter.session.data?.text?.tokenizer)
            #expect(passage[2] == "ids: " + t.encode("The cat sat on the mat. The").map(String.init).joined(separator: " "))
            guard case let .table(table)? = blocks.last else { Issue.record("a table"); return }
            #expect(table.headers == ["#", "token", "id", "count", "share"])
            #expect(table.rows.count == 10)
            #expect(table.rows[0][3] == "36")
            let validation = try interpreter.execute(line: "show tokens 3 from=validation")
            #expect(texts(validation).first?.hasSuffix(" validation tokens") == true)
            #expect(failure(interpreter, "show tokens 3 from=test")?.contains("test=0.1") == true)
        }
    }

    @Test func theCodecDecodesIdsEncodesPromptsAndRanksTokens() throws {
        try Self.withFiles(["story.txt": Self.english]) { dir in
            let interpreter = Interpreter()
            runLines(interpreter, ["load text \"\(dir)/story.txt\" tokens=word context=4"])
            let codec = try #require(interpreter.session.data?.text?.textCodec)
            #expect(interpreter.session.tokenizer == codec.tokenizer)
            #expect(codec.vocabularySize == 12)
            let ids = codec.encode("The cat sat on the log.\n")
            #expect(codec.decode(ids) == "The cat sat on the log.\n")
            #expect(codec.encode(" zebra") == [0] && codec.decode([0, 999, -5]) == "\u{FFFD}\u{FFFD}\u{FFFD}")
            #expect(codec.decode([codec.startToken]) == "\n")
            // 36 of each of " on", " sat", " the", "." in the first 216 tokens (ids by frequency, ties by id).
            #expect(codec.mostFrequent(4) == [1, 2, 3, 4])
            #expect(codec.mostFrequent(4).map { codec.trainingCounts[$0] } == [36, 36, 36, 36])
            #expect(codec.mostFrequent(100).count == 11 && codec.mostFrequent(-1).isEmpty)
        }
    }

    @Test func aPerTokenModelTrainsOnText() throws {
        try Self.withFiles(["story.txt": Self.english]) { dir in
            let interpreter = Interpreter()
            runLines(interpreter, [
                "seed 1", "load text \"\(dir)/story.txt\" context=8", "model", "embedding 17 8", "dense 17 softmax",
                "compile loss=sparse_categorical_crossentropy optimizer=adam lr=0.05 metrics=accuracy", "batch 16", "train 3",
            ])
            let blocks = try interpreter.execute(line: "evaluate on=validation")
            guard case let .table(table)? = blocks.first else { Issue.record("a table"); return }
            let accuracy = table.rows.first { $0.first == "accuracy" }.flatMap { Double($0[1]) } ?? 0
            // The next character after a character of this text is mostly determined: well above chance (1/17).
            #expect(accuracy > 0.4)
            #expect(failure(interpreter, "compile loss=categorical_crossentropy")?.contains("sparse_categorical_crossentropy") == true)
        }
    }

    /// (line, where the error points: the path, or the first occurrence of this text after it, message).
    @Test(arguments: [
        ("load text \"DIR/bad.txt\"", "\"DIR", "invalid UTF-8 at byte 4 (line 2, column 2): byte 0xE9"),
        ("load text \"DIR/empty.txt\"", "\"DIR", "the file is empty"),
        ("load text \"DIR/one.txt\"", "\"DIR", "holds 1 char token: too few for windows of 64 tokens"),
        ("load text \"DIR/pipe.txt\"", "\"DIR", "a named pipe, not a regular file"),
        ("load text \"DIR/story.txt\" context=512", "\"DIR", "holds 960 char tokens: too few for windows of 512"),
        ("load text \"DIR/story.txt\" context=100 validation=0.9", "100", "the training part holds 96 tokens; one window of 100 with the token after it needs 101"),
        ("load text \"DIR/story.txt\" context=100 validation=0.05", "0.05", "the validation part holds 48 tokens"),
        ("load text \"DIR/story.txt\" context=8 stride=9", "9", "skips tokens between windows"),
        ("load text \"DIR/story.txt\" validation=0.5 test=0.4", "0.4", "leave less than a tenth"),
        ("load text \"DIR/story.txt\" fortunes", "fortunes", "a corpus name follows the word corpus"),
        ("load text corpus", "", "load text needs NAME"),
        ("load text corpus tang", "tang", "did you mean 'tang300'"),
        ("load text \"DIR/story.txt\" context=1", "1", "must be in [2, 512]"),
        ("load text \"DIR/story.txt\" vocab=1", "1", "must be in [2, 32768]"),
        ("load text \"DIR/story.txt\" validation=1", "1", "must be in (0, 1)"),
        ("load text \"DIR/story.txt\" tokens=bytes", "bytes", "unknown tokenizer 'bytes'"),
    ])
    func errorsAreLocatedAtTheArgument(line: String, at marker: String, message: String) throws {
        let files: [String: [UInt8]] = ["bad.txt": [0x61, 0x62, 0x0A, 0x63, 0xE9], "empty.txt": [], "one.txt": [0x78],
                                        "story.txt": Self.english]
        try Self.withFiles(files) { dir in
            #expect(mkfifo(dir + "/pipe.txt", 0o644) == 0)
            let interpreter = Interpreter()
            runLines(interpreter, ["load shapes count=20 classes=2 size=8"])
            let written = line.replacing("DIR", with: dir)
            let error = failure(interpreter, written)
            #expect(error?.contains(message) == true, "\(error ?? "no error")")
            // The column: the marker's last occurrence after the path (or the end of the line when empty).
            let afterPath = written.range(of: ".txt\"")?.upperBound ?? written.startIndex
            let column = marker.isEmpty ? written.count + 1
                : marker.hasPrefix("\"") ? 11 : written.distance(from: written.startIndex, to: written[afterPath...].range(of: marker)!.lowerBound) + 1
            #expect(error?.contains(":1:\(column): error: ") == true, "\(error ?? "no error") at \(column)")
            // A failed load changes nothing: the shapes are still current.
            #expect(interpreter.session.data?.name == "shapes")
        }
    }

    @Test func textRefusesImageOnlyCommandsAndShowTokensNeedsText() throws {
        try Self.withFiles(["story.txt": Self.english]) { dir in
            let interpreter = Interpreter()
            runLines(interpreter, ["load shapes count=20 classes=2 size=8"])
            #expect(failure(interpreter, "show tokens")?.contains("show tokens works on text") == true)
            runLines(interpreter, ["load text \"\(dir)/story.txt\" context=8"])
            #expect(failure(interpreter, "split validation=0.2")?.contains("split by position when it was loaded") == true)
            #expect(failure(interpreter, "load text \"\(dir)/fortunes\"")?.contains("load text corpus fortunes") == false)
            #expect(failure(interpreter, "load text fortunes")?.contains("for the corpus write `load text corpus fortunes`") == true)
            let names = try interpreter.execute(line: "names")
            #expect(texts(names).last?.hasPrefix("text corpora (load text corpus NAME): fortunes, chinese, tang300, song100, words") == true)
        }
    }
}

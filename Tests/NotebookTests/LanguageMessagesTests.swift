// Error texts: control characters by code, Keras calls, nearer suggestions, help for every word.

import Testing
@testable import Notebook

@Suite struct LanguageMessagesTests {
    static let rows: [(String, String)] = [
        ("conv2d 8 3\u{1B}", "<input>:1:11: error: stray control character U+001B (ESC)"),
        ("dense 4\u{0}", "<input>:1:8: error: stray control character U+0000 (NUL)"),
        ("dense 4\u{7}", "<input>:1:8: error: stray control character U+0007 (BEL)"),
        ("dense 4 (", "<input>:1:9: error: stray character '('"),
        ("Conv2D(32, (3,3), activation='relu')",
         "<input>:1:1: error: Gradbook layers are not Keras calls: 'Conv2D(...)' - write it as a layer line: conv2d 32 3 relu"),
        ("Conv2D(64, kernel_size=5, strides=2, padding=\"same\")",
         "<input>:1:1: error: Gradbook layers are not Keras calls: 'Conv2D(...)' - write it as a layer line: conv2d 64 5 stride=2 padding=same"),
        ("MaxPooling2D((2, 2))",
         "<input>:1:1: error: Gradbook layers are not Keras calls: 'MaxPooling2D(...)' - write it as a layer line: maxpool 2"),
        ("Dense(10, activation=\"softmax\")",
         "<input>:1:1: error: Gradbook layers are not Keras calls: 'Dense(...)' - write it as a layer line: dense 10 softmax"),
        ("layers.Dropout(0.5)",
         "<input>:1:1: error: Gradbook layers are not Keras calls: 'Dropout(...)' - write it as a layer line: dropout 0.5"),
        ("Flatten()", "<input>:1:1: error: Gradbook layers are not Keras calls: 'Flatten(...)' - write it as a layer line: flatten"),
        ("Reshape((7, 7, 16))",
         "<input>:1:1: error: Gradbook layers are not Keras calls: 'Reshape(...)' - write it as a layer line: reshape 7x7x16"),
        ("Dense(units=0)",
         "<input>:1:1: error: Gradbook layers are not Keras calls: 'Dense(...)' - write it as a layer line: dense 10 softmax"),
        ("compile loss=categorical",
         "<input>:1:14: error: unknown loss 'categorical' - did you mean 'categorical_crossentropy'?"),
        ("help relx", "<input>:1:6: error: no help for 'relx' - did you mean 'relu'?"),
        ("help conv3d", "<input>:1:6: error: unknown command 'conv3d' - did you mean 'conv2d'?"),
    ]

    @Test(arguments: rows)
    func rendersExactMessage(source: String, expected: String) {
        #expect(Parser.parse(source).renderedDiagnostics() == [expected])
    }

    @Test(arguments: ["relu", "gelu", "he_normal", "mse", "adam", "top5", "cosine", "plateau", "same", "lr", "padding",
                      "momentum", "units", "weight_decay"])
    func helpAnswersForEveryWord(word: String) throws {
        guard let topic = (try Parser.parseLine("help \(word)").get()?.command as? HelpCommand).map(\.topic) else {
            Issue.record("not help"); return
        }
        #expect(topic?.value == word)
        let lines = Help.lines(for: word)
        #expect(lines.first?.hasPrefix("\(word) - ") == true, "\(lines)")
    }

    @Test func helpForAnOptionListsEveryCommandWithIt() {
        #expect(Help.lines(for: "lr") == [
            "lr - parameter of compile and set:",
            "  compile lr=F: learning rate (number, in (0, 10]; default 0.01 for sgd, 0.001 otherwise)",
            "  set lr=F: learning rate (number, in (0, 10])",
        ])
        #expect(Help.lines(for: "relu") == [
            "relu - activation: max(0, x)",
            "  written: conv2d ACTIVATION (relu), dense ACTIVATION (relu), activation NAME (relu)",
        ])
    }

    @Test func everyWordOfTheLanguageHasHelp() {
        for word in Vocabulary.allWords + Help.parameterNames {
            #expect(Help.topic(word) != nil, "\(word)")
        }
    }
}

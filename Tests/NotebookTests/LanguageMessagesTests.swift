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

    /// Issue 16 items 13 and 31: Keras lines a student pastes, each answered with the Gradbook line or
    /// told that the layer does not exist yet.
    static let kerasRows: [(String, String)] = [
        ("LSTM(64)", "Gradbook layers are not Keras calls: 'LSTM(...)' - write it as a layer line: lstm 64"),
        ("GRU(32, return_sequences=True)", "Gradbook layers are not Keras calls: 'GRU(...)' - write it as a layer line: gru 32 return_sequences=on"),
        ("SimpleRNN(16)", "Gradbook layers are not Keras calls: 'SimpleRNN(...)' - write it as a layer line: simplernn 16"),
        ("layers.GRU(8, activation='relu', reset_after=False)",
         "Gradbook layers are not Keras calls: 'GRU(...)' - write it as a layer line: gru 8 activation=relu reset_after=off"),
        ("Bidirectional(LSTM(64))", "'Bidirectional(...)' is Keras, not Gradbook - in Gradbook: nothing yet: Gradbook has no Bidirectional layer; for sequences use lstm, gru, simplernn, attention or transformer (help layers)"),
        ("model.add(Conv2D(32,(3,3),activation='relu'))", "Gradbook layers are not Keras calls: 'Conv2D(...)' - write it as a layer line: conv2d 32 3 relu"),
        ("model.add(LSTM(64))", "Gradbook layers are not Keras calls: 'LSTM(...)' - write it as a layer line: lstm 64"),
        ("model = Sequential()", "'model = Sequential()' is Keras, not Gradbook - in Gradbook: model (or name it: clf = model)"),
        ("model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'], learning_rate=0.01)",
         "'model.compile(...)' is Keras, not Gradbook - in Gradbook: compile optimizer=adam loss=sparse_categorical_crossentropy metrics=accuracy lr=0.01"),
        ("model.fit(x, y, epochs=5)", "'model.fit(...)' is Keras, not Gradbook - in Gradbook: train 5"),
        ("model.fit(x, y, batch_size=64, epochs=3)", "'model.fit(...)' is Keras, not Gradbook - in Gradbook: batch 64, then train 3"),
        ("MultiHeadAttention(num_heads=4, key_dim=16)", "Gradbook layers are not Keras calls: 'MultiHeadAttention(...)' - write it as a layer line: attention 4 key_dim=16"),
        ("x = Dense(10, activation='softmax')", "Gradbook layers are not Keras calls: 'Dense(...)' - write it as a layer line: dense 10 softmax"),
        ("conv2d 32 (3,3) relu", "'(a,b)' in a layer line is Keras, not Gradbook - in Gradbook: conv2d 32 3 relu"),
        ("fit 3", "'fit' is Keras, not Gradbook - in Gradbook: train 3"),
        ("import tensorflow as tf", "'import' is Keras, not Gradbook - in Gradbook: nothing: Gradbook needs no imports; start with load fashion-mnist or model"),
        ("learning_rate=0.001", "'learning_rate' is Keras, not Gradbook - in Gradbook: set lr=0.001 (or compile lr=0.001)"),
        ("compile learning_rate=0.001", "unknown option 'learning_rate' for compile - did you mean 'lr'?"),
        ("help rnn", "'rnn' is Keras, not Gradbook - in Gradbook: nothing yet: Gradbook has no rnn layer; for sequences use lstm, gru, simplernn, attention or transformer (help layers)"),
        ("model.summary()", "'model.summary(...)' is Keras, not Gradbook - in Gradbook: summary"),
    ]

    @Test(arguments: kerasRows)
    func answersKerasLines(source: String, expected: String) {
        let rendered = Parser.parse(source).renderedDiagnostics()
        #expect(rendered.count == 1)
        #expect(rendered.first.map { $0.split(separator: " ", maxSplits: 2).last.map(String.init) ?? $0 } == expected, "\(rendered)")
        #expect(rendered.first?.contains("did you mean 'run'") == false && rendered.first?.contains("'export'") == false)
    }

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

    @Test func helpWrapsUnderTheDescriptionNeverToColumnZero() {
        // Issue 16 item 29: `early_stop=N  stop after N epochs without` / `improvement (integer, ...)`.
        #expect(Help.entry(Catalog.entry(named: "train")!) .filter { $0.hasPrefix("  early_stop=N") || $0.contains("(integer, in [1, 1048576]; default off)") } == [
            "  early_stop=N                    stop after N epochs without improvement",
            "                                  (integer, in [1, 1048576]; default off)",
        ])
        for spec in Catalog.commands {
            let lines = Help.entry(spec)
            // Past the title line (the summary) and before the example, every line fits 78 columns.
            for line in lines.dropFirst().dropLast() { #expect(line.count <= 78, "help \(spec.name): `\(line)`") }
            // Inside the arguments and options tables every line is a key (2 spaces) or a continuation (more).
            var inTable = false
            for line in lines {
                if line == "arguments:" || line == "options:" { inTable = true; continue }
                if line == "example:" { break }
                if inTable { #expect(line.hasPrefix("  "), "help \(spec.name): `\(line)`") }
            }
        }
    }

    @Test func helpStatesTheKerasDifferencesOfAttentionAndTransformer() {
        // Issue 16 item 34: the 2-D kernel layout and the reshape to Keras; the transformer's epsilon and GELU.
        let attention = Help.lines(for: "attention").joined(separator: " ")
        for part in ["(D, H*N)", "(H*N, D)", "(D, H, N)", "(H, N, D)", "kernel.reshape(D, H, N)", "reshape(H, N, D)"] {
            #expect(attention.contains(part), "help attention: \(part)")
        }
        let transformer = Help.lines(for: "transformer").joined(separator: " ")
        #expect(transformer.contains("epsilon 1e-3") && transformer.contains("GELU is the exact erf form"))
    }

    @Test func helpForAnOptionListsEveryCommandWithIt() {
        #expect(Help.lines(for: "lr") == [
            "lr - parameter of compile and set:",
            "  compile lr=F: learning rate (number, in (0, 10]; default 0.01 for sgd, 0.001 otherwise)",
            "  set lr=F: learning rate (number, in (0, 10])",
        ])
        #expect(Help.lines(for: "relu") == [
            "relu - activation: max(0, x)",
            "  written: conv2d ACTIVATION (relu), dense ACTIVATION (relu), activation NAME (relu), simplernn activation=relu, "
                + "lstm activation=relu, gru activation=relu",
        ])
    }

    @Test func everyWordOfTheLanguageHasHelp() {
        for word in Vocabulary.allWords + Help.parameterNames {
            #expect(Help.topic(word) != nil, "\(word)")
        }
    }
}

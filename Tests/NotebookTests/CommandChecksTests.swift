// The rules entries check before they run: the model/data fit at `compile` (one place, `ModelFit`, shared
// with every command that runs the model), and commands reading splits of sequence data.

import Canvas
import Notebook
import Testing

@Suite struct CompileFitTests {
    private let setup = ["seed 1", "load shapes count=20 classes=5 size=8", "model", "flatten"]

    @Test func aOneUnitOutputIsRefusedAtCompileForMoreThanTwoClasses() {
        let interpreter = Interpreter()
        runLines(interpreter, setup + ["dense 1 sigmoid"])
        let before = SessionSnapshot(interpreter.session)
        #expect(failure(interpreter, "compile loss=binary_crossentropy")
                == "<input>:1:14: error: a one-unit output holds one value per example, which fits two classes, but 'shapes' has 5 classes"
                   + " - make the last layer `dense 5 softmax` and use loss=sparse_categorical_crossentropy")
        #expect(SessionSnapshot(interpreter.session) == before, "a failed compile changes nothing")
    }

    @Test func mseChecksTheOutputSizeAtCompile() {
        let interpreter = Interpreter()
        runLines(interpreter, setup + ["dense 3"])
        #expect(failure(interpreter, "compile loss=mse")
                == "<input>:1:14: error: the model has 3 outputs but 'shapes' has 5 classes - make the last layer `dense 5 softmax`")
        #expect(interpreter.session.modelEntry?.trainer == nil)
    }

    @Test func aOneUnitOutputFitsTwoClassesWithEveryLossThatReadsOneValue() throws {
        for loss in ["binary_crossentropy", "mse", "mae"] {
            let interpreter = Interpreter()
            runLines(interpreter, ["seed 1", "load shapes count=20 classes=2 size=8", "model", "flatten", "dense 1 sigmoid"])
            #expect(failure(interpreter, "compile loss=\(loss)") == nil, "\(loss)")
            #expect(failure(interpreter, "step 1 batch") == nil, "\(loss) trains")
        }
        let interpreter = Interpreter()
        runLines(interpreter, ["seed 1", "load shapes count=20 classes=2 size=8", "model", "flatten", "dense 1 sigmoid"])
        #expect(failure(interpreter, "compile")?.contains("the model has 1 output but 'shapes' has 2 classes") == true)
    }

    @Test func compileAndTrainGiveTheSameAnswerAfterTheLayersChange() throws {
        // The rule holds where the model runs too: replacing the last layer after compile is caught before a kernel runs.
        let interpreter = Interpreter()
        runLines(interpreter, setup + ["dense 5 softmax", "compile"])
        runLines(interpreter, ["replace dense_1 dense 3 softmax"])
        let error = try #require(failure(interpreter, "train 1"))
        #expect(error.contains("model 'model' has 3 outputs but the current data set 'shapes' has 5 classes"))
    }
}

@Suite struct SequenceSplitCommandsTests {
    private func trained() -> Interpreter {
        let interpreter = Interpreter()
        runLines(interpreter, [
            "seed 1", "load sequences reverse length=4 vocab=5 count=32 test=8", "model",
            "embedding 5 8", "dense 5 softmax", "compile", "batch 8", "train 1",
        ])
        return interpreter
    }

    @Test func evaluateReadsTheHeldOutSequences() throws {
        let blocks = try trained().execute(line: "evaluate")
        guard case .table(let table)? = blocks.first else { Issue.record("a table"); return }
        #expect(table.title?.contains("test (8 sequences)") == true)
    }

    @Test func confusionIsPerToken() throws {
        let blocks = try trained().execute(line: "confusion")
        guard case .heatmap(let map)? = blocks.first else { Issue.record("a heat map"); return }
        #expect(map.values.count == 5 && map.values.allSatisfy { $0.count == 5 })
        // Every position of every test sequence is counted once.
        #expect(map.values.joined().reduce(0, +) == 8 * 4)
        #expect(map.title?.contains("per-token") == true)
    }

    @Test func showErrorsListsTheWrongSequences() throws {
        let blocks = try trained().execute(line: "show errors 3")
        switch blocks.first {
        case .table(let table)?:
            #expect(table.headers == ["#", "input", "target", "predicted"])
            #expect(table.rows.count <= 3 && !table.rows.isEmpty)
            #expect(table.title?.contains("test sequences had an error") == true)
        case .text(let text, _)?:
            #expect(text.contains("no errors"))
        default:
            Issue.record("a table of sequences")
        }
    }

    @Test func splitsAndImageCommandsAnswerByName() {
        let interpreter = trained()
        #expect(failure(interpreter, "show augment 3")
                == "<input>:1:1: error: show augment works on images; 'reverse' holds token sequences - load pictures first, e.g. `load fashion-mnist` or `load images DIR`")
        // Generated sequences come with a validation split (what training validates on).
        #expect(failure(interpreter, "confusion on=validation") == nil)
        #expect(failure(interpreter, "show errors from=validation") == nil)
        #expect(failure(interpreter, "show saliency 0")?.contains("works on images") == true
                || failure(interpreter, "show saliency 0")?.contains("image") == true)
    }
}

@Suite struct NamesCommandTests {
    @Test func namesListsModelsAndDataWithShapes() throws {
        let interpreter = Interpreter()
        #expect(texts(try interpreter.execute(line: "names")).first?.hasPrefix("no models or data sets yet") == true)
        runLines(interpreter, [
            "toy = load shapes count=20 classes=3 size=8", "seq = load sequences sort length=4 vocab=6 count=10 test=2",
            "use toy", "clf = model", "flatten", "dense 3 softmax", "compile",
        ])
        let blocks = try interpreter.execute(line: "names")
        guard case .table(let table)? = blocks.first else { Issue.record("a table"); return }
        // Data sets first, then models, each by name.
        #expect(table.rows == [
            ["", "seq", "sequences", "4", "10 train, 200 val, 2 test, 6 tokens"],
            ["*", "toy", "images", "8x8x1", "20 train, 4 test, 3 classes"],
            ["*", "clf", "model", "8x8x1 -> 3", "2 layers, 195 params, compiled"],
        ])
        // A row fits 80 columns.
        let rendered = BlockRenderer(options: .unicodeMonochrome, width: 80).render(blocks[0]).split(separator: "\n")
        #expect(rendered.allSatisfy { !$0.contains("…") && !$0.contains("~") && $0.count <= 80 }, "\(rendered)")
        #expect(interpreter.session.log.contains("names") == false, "names is not replayed")
    }
}

@Suite struct SplitOptionTests {
    @Test func fromAndOnAreOneOptionForEveryCommandThatReadsASplit() throws {
        for spec in Catalog.commands {
            guard let split = spec.parameters.first(where: \.isSplitChoice) else { continue }
            let other = split.name == "from" ? "on" : "from"
            // `explain` reads a split only for its `steps` view.
            let example = spec.name == "explain" ? spec.example + " steps" : spec.example
            let line = example.contains("\(split.name)=")
                ? example.replacing("\(split.name)=", with: "\(other)=") : "\(example) \(other)=validation"
            #expect(!Parser.parse(line).hasErrors, "\(spec.name) takes \(other)=: \(line)")
            if case .choice(_, let words) = split.type { #expect(Set(words) == ["test", "validation", "train"], "\(spec.name)") }
        }
        #expect(Parser.parse("evaluate on=test from=train").renderedDiagnostics().first?.contains("given twice") == true
                || Parser.parse("evaluate on=test from=train").hasErrors)
        #expect(!Parser.parse("evaluate from=validation").hasErrors)
        #expect(!Parser.parse("show errors on=train").hasErrors)
    }

    @Test func aMissingSplitIsALocatedErrorWithAHintTheCommandTakes() {
        let interpreter = Interpreter()
        runLines(interpreter, ["load shapes count=20 size=8", "model", "flatten", "dense 3 softmax", "compile"])
        #expect(failure(interpreter, "confusion on=validation")
                == "<input>:1:14: error: data set 'shapes' has no validation split - make one with `split validation=0.1`")
        #expect(failure(interpreter, "show errors from=validation")?.hasPrefix("<input>:1:18: error: data set 'shapes' has no validation split") == true)
    }
}

// One vocabulary: the language's words and defaults are the engine's enums and constants.

import Foundation
import Testing
import TensorRuntime
import NeuralNet
@testable import Notebook

@Suite struct LanguageWordsTests {
    private func parameter(_ command: String, _ name: String) -> ParameterSpec? {
        Catalog.entry(named: command)?.parameter(named: name)
    }

    private func choices(_ command: String, _ name: String) -> [String] {
        guard case .choice(_, let words)? = parameter(command, name)?.type else { return [] }
        return words
    }

    @Test func wordSetsAreTheEngineEnums() {
        #expect(choices("dense", "activation") == ActivationKind.allCases.map(\.rawValue))
        #expect(choices("conv2d", "init") == NeuralNet.Initializer.allCases.map(\.rawValue))
        #expect(choices("conv2d", "padding") == TensorRuntime.Padding.allCases.map(\.rawValue))
        #expect(choices("compile", "loss") == NeuralNet.Loss.allCases.map(\.rawValue))
        #expect(choices("compile", "optimizer") == OptimizerKind.allCases.map(\.rawValue))
        #expect(choices("compile", "metrics") == NeuralNet.Metric.allCases.map(\.rawValue))
        #expect(choices("compile", "schedule") == ScheduleKind.allCases.map(\.rawValue))
    }

    @Test func defaultsAreTheEngineConstants() {
        #expect(parameter("compile", "lr")?.defaultValue == nil)
        #expect(parameter("compile", "lr")?.defaultNote == "0.01 for sgd, 0.001 otherwise")
        #expect(parameter("compile", "weight_decay")?.defaultValue == "0.004")
        #expect(Float(parameter("compile", "weight_decay")?.defaultValue ?? "") == OptimizerConfig.defaultWeightDecay)
        #expect(Int(parameter("compile", "patience")?.defaultValue ?? "") == Schedule.defaultPatience)
        #expect(parameter("compile", "patience")?.defaultValue == "10")
        #expect(Float(parameter("compile", "factor")?.defaultValue ?? "") == Schedule.defaultFactor)
        #expect(parameter("compile", "factor")?.defaultValue == "0.1")
        #expect(Int(parameter("compile", "epochs")?.defaultValue ?? "") == Schedule.defaultCosineEpochs)
        #expect(Int(parameter("compile", "step_size")?.defaultValue ?? "") == Schedule.defaultStepSize)
        #expect(Float(parameter("compile", "gamma")?.defaultValue ?? "") == Schedule.defaultGamma)
        #expect(parameter("dense", "init")?.defaultValue == NeuralNet.Initializer.defaultKernel.rawValue)
    }

    @Test func compileLeavesTheLearningRateToTheOptimizer() throws {
        guard let c = try Parser.parseLine("compile optimizer=sgd").get()?.command as? Compile else {
            Issue.record("not compile"); return
        }
        #expect(c.learningRate == nil)
        #expect(OptimizerConfig(kind: c.optimizer.value).effectiveLearningRate == 0.01)
    }

    @Test func cosineTakesAnExplicitEpochCount() throws {
        guard let c = try Parser.parseLine("compile schedule=cosine epochs=4").get()?.command as? Compile else {
            Issue.record("not compile"); return
        }
        #expect(c.cosineEpochs?.value == 4)
        guard let d = try Parser.parseLine("compile schedule=cosine").get()?.command as? Compile else {
            Issue.record("not compile"); return
        }
        #expect(d.cosineEpochs?.value == Schedule.defaultCosineEpochs)
        #expect(d.cosineEpochs?.isDefault == true)
    }

    @Test func helpDocumentsTheConstants() {
        let relu = Help.lines(for: "leaky_relu").joined(separator: "\n")
        #expect(relu.contains("slope 0.2"))
        #expect(Help.lines(for: "gelu").joined().contains("exact erf form"))
        #expect(Help.lines(for: "adam").joined().contains("epsilon 1e-07"))
        #expect(Help.lines(for: "adamw").joined().contains("weight_decay 0.004"))
        // Help wraps long descriptions: read the entry as one text.
        let compile = Help.lines(for: "compile").joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(compile.contains("default 0.01 for sgd, 0.001 otherwise"))
        #expect(Help.lines(for: "activation").contains { $0.contains("slope 0.2") && $0.contains("exact erf form") })
    }

    static let duplicates: [(String, String)] = [
        ("compile metrics=accuracy,accuracy",
         "<input>:1:26: error: metrics lists 'accuracy' twice - first given at 1:17; give each once"),
        ("compile metrics=accuracy,top5,TOP5",
         "<input>:1:31: error: metrics lists 'TOP5' twice - first given at 1:26; give each once"),
    ]

    @Test(arguments: duplicates)
    func repeatedMetricsAreRejected(source: String, expected: String) {
        #expect(Parser.parse(source).renderedDiagnostics() == [expected])
    }
}

@Suite struct LanguageReferenceTests {
    /// The document's lines, read the way HelpTests finds it.
    private func docLines() -> [String]? {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<4 {
            let doc = directory.appendingPathComponent("docs/language.md")
            if let text = try? String(contentsOf: doc, encoding: .utf8) { return text.components(separatedBy: "\n") }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    @Test func docTablesAndSyntaxAreTheCatalog() throws {
        let lines = try #require(docLines())
        for spec in Catalog.commands {
            guard let heading = lines.firstIndex(of: "### `\(spec.name)`") else {
                Issue.record("no section for \(spec.name)"); continue
            }
            let section = lines[(heading + 1)...].prefix { !$0.hasPrefix("#") }
            #expect(section.contains(spec.syntax), "syntax of \(spec.name)")
            let table = section.filter { $0.hasPrefix("|") }
            #expect(Array(table) == Help.referenceTable(spec), "table of \(spec.name)")
            if let details = spec.details { #expect(section.contains(details), "details of \(spec.name)") }
        }
    }
}

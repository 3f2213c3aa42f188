import Testing
import NeuralNet
@testable import Notebook

@Suite struct DiagnosticTests {
    /// Malformed source -> the exact rendered error.
    static let malformed: [(String, String)] = [
        // Unknown words, with and without suggestions
        ("conv2", "<input>:1:1: error: unknown command 'conv2' - did you mean 'conv2d'?"),
        ("desne 10", "<input>:1:1: error: unknown command 'desne' - did you mean 'dense'?"),
        ("frobnicate", "<input>:1:1: error: unknown command 'frobnicate' - type help for the list of commands"),
        ("seed 1\nconv2 8", "<input>:2:1: error: unknown command 'conv2' - did you mean 'conv2d'?"),
        ("insert 2 conv2 32 3", "<input>:1:10: error: unknown layer 'conv2' - did you mean 'conv2d'?"),
        ("replace 1 dens 10", "<input>:1:11: error: unknown layer 'dens' - did you mean 'dense'?"),
        ("insert 2 summary", "<input>:1:10: error: 'summary' is not a layer - insert takes a layer line, e.g. insert 2 dropout 0.25"),
        ("help conv3d", "<input>:1:6: error: unknown command 'conv3d' - did you mean 'conv2d'?"),
        ("load fashion", "<input>:1:6: error: unknown form 'fashion' for load - did you mean 'load fashion-mnist'?"),
        ("help load fashion", "<input>:1:11: error: unknown form 'fashion' for load - did you mean 'load fashion-mnist'?"),
        ("show pictures", "<input>:1:6: error: unknown form 'pictures' for show - expected augment, samples, tokens, weights, filters, activations, embeddings, errors, attention, boundary, neurons, saliency, gradcam, reconstructions or latent"),
        ("load", "<input>:1:5: error: load needs one of fashion-mnist, idx, shapes, images, sequences, text, points or weights (e.g. fm = load fashion-mnist subset=10000)"),
        // Options
        ("compile lrr=0.1", "<input>:1:9: error: unknown option 'lrr' for compile - did you mean 'lr'?"),
        ("dense 10 foo=1", "<input>:1:10: error: unknown option 'foo' for dense - options: init, l1, l2, name"),
        ("summary verbose=on", "<input>:1:9: error: unknown option 'verbose' for summary - options: formulas"),
        ("compile lr=0.1 lr=0.2", "<input>:1:16: error: duplicate option 'lr' - first given at 1:9"),
        ("dense 10 relu activation=tanh", "<input>:1:15: error: duplicate option 'activation' - first given at 1:10"),
        ("compile lr=", "<input>:1:12: error: option 'lr' needs a value after '='"),
        ("compile lr=0.1,0.2", "<input>:1:9: error: option 'lr' takes a single value, not a list"),
        ("compile lr==1", "<input>:1:11: error: unexpected '==' - options are written key=value, with one '='; only expect compares, e.g. expect accuracy == 1"),
        ("dense 10, relu", "<input>:1:9: error: unexpected ',' - only list options such as metrics=accuracy,top5 take commas"),
        ("set", "<input>:1:4: error: set needs at least one option (e.g. set lr=0.0005)"),
        ("compile gamma=0.5", "<input>:1:9: error: option 'gamma' only applies with schedule=step"),
        ("compile schedule=step patience=2", "<input>:1:23: error: option 'patience' only applies with schedule=plateau"),
        // Missing and extra arguments
        ("conv2d", "<input>:1:7: error: conv2d needs FILTERS (e.g. conv2d 32 3 relu)"),
        ("conv2d 32", "<input>:1:10: error: conv2d needs KERNEL (e.g. conv2d 32 3 relu)"),
        ("load idx", "<input>:1:9: error: load idx needs DIR (e.g. digits = load idx data/mnist subset=5000)"),
        ("insert", "<input>:1:7: error: insert needs AT (e.g. insert 2 dropout 0.25)"),
        ("insert 2", "<input>:1:9: error: insert needs LAYERLINE (e.g. insert 2 dropout 0.25)"),
        ("dropout 0.5 0.3", "<input>:1:13: error: too many arguments for dropout: unexpected '0.3' - usage: dropout RATE [name=NAME]"),
        ("batch 2 extra", "<input>:1:9: error: too many arguments for batch: unexpected 'extra' - usage: batch N"),
        ("help dense 10", "<input>:1:12: error: too many arguments for help: unexpected '10' - usage: help [COMMAND]"),
        ("step 3", "<input>:1:7: error: expected 'batches' after 3, found 'end of line' - e.g. step 3 batches"),
        ("step fast", "<input>:1:6: error: expected 'batch' or a number of batches, found 'fast' - e.g. step 10 batches"),
        // Types
        ("conv2d 3.5 3", "<input>:1:8: error: expected an integer for 'filters', found '3.5'"),
        ("compile lr=fast", "<input>:1:12: error: expected a number for 'lr', found 'fast'"),
        ("model input=abc", "<input>:1:13: error: expected a shape like 28x28x1 for 'input', found 'abc'"),
        ("freeze 1.5", "<input>:1:8: error: expected a layer index or name for 'layer', found '1.5'"),
        ("shuffle maybe", "<input>:1:9: error: expected on/off, true/false or yes/no for 'enabled', found 'maybe'"),
        ("compile nesterov=2", "<input>:1:18: error: expected on/off, true/false or yes/no for 'nesterov', found '2'"),
        // Ranges
        ("dropout 1.5", "<input>:1:9: error: rate 1.5 for dropout must be in [0, 1)"),
        ("dense -3", "<input>:1:7: error: units -3 for dense must be in [1, 65536]"),
        ("conv2d 32 0", "<input>:1:11: error: kernel 0 for conv2d must be in [1, 1024]"),
        ("step 0 batches", "<input>:1:6: error: batches 0 for step must be at least 1"),
        ("remove 0", "<input>:1:8: error: layer 0 for remove must be in [1, 16777216]"),
        ("seed -1", "<input>:1:6: error: seed -1 for seed must be at least 0"),
        ("compile lr=0", "<input>:1:12: error: lr 0 for compile must be in (0, 10]"),
        ("reshape 28x0", "<input>:1:9: error: shape '28x0' for 'shape' has a zero dimension"),
        // Choices
        ("compile loss=crossentropy", "<input>:1:14: error: unknown loss 'crossentropy' - did you mean 'sparse_categorical_crossentropy'?"),
        ("compile optimizer=adamm", "<input>:1:19: error: unknown optimizer 'adamm' - did you mean 'adam'?"),
        ("conv2d 32 3 rleu", "<input>:1:13: error: unknown activation 'rleu' - did you mean 'relu'?"),
        ("conv2d 32 3 padding=full", "<input>:1:21: error: unknown padding 'full' - expected valid or same"),
        ("chart speed", "<input>:1:7: error: unknown chart 'speed' - expected loss, accuracy or perplexity"),
        ("evaluate on=tset", "<input>:1:13: error: unknown data split 'tset' - did you mean 'test'?"),
        ("confusion on=all", "<input>:1:14: error: unknown data split 'all' - expected test, validation or train"),
        ("train 5 monitor=val_acc", "<input>:1:17: error: unknown monitor 'val_acc' - did you mean 'val_accuracy'?"),
        ("compile metrics=accuracy,top3", "<input>:1:26: error: unknown metric 'top3' - did you mean 'top5'?"),
        // Bindings
        ("= model", "<input>:1:1: error: '=' needs a name before it - e.g. clf = model"),
        ("my-model = model", "<input>:1:1: error: invalid name 'my-model' - names start with a letter or '_' and contain only letters, digits and '_'"),
        ("3 = model", "<input>:1:1: error: invalid name '3' - names start with a letter or '_' and contain only letters, digits and '_'"),
        ("x =", "<input>:1:4: error: expected a command after 'x =' - e.g. x = model"),
        ("lr=0.1", "<input>:1:4: error: expected a command after 'lr =', found '0.1' - e.g. set lr=0.1"),
        ("x = dense 10", "<input>:1:5: error: cannot bind 'x': dense produces nothing to name - only model and load <data set> can be named"),
        ("w = load weights a.safetensors", "<input>:1:5: error: cannot bind 'w': load weights produces nothing to name - only model and load <data set> can be named"),
        // Lexical
        ("run \"abc", "<input>:1:5: error: unterminated string - close it with '\"'"),
        ("seed 4!", "<input>:1:7: error: stray character '!'"),
        ("reshape 28xx1", "<input>:1:9: error: malformed shape '28xx1' - write a shape as sizes joined by x, e.g. 28x28x1"),
        ("compile lr=1e-", "<input>:1:12: error: malformed number '1e-'"),
    ]

    @Test(arguments: malformed)
    func rendersExactMessage(source: String, expected: String) {
        let result = Parser.parse(source)
        #expect(result.renderedDiagnostics() == [expected])
        #expect(result.statements.count == source.split(separator: "\n").count - 1)
    }

    @Test func tableIsLargeEnough() {
        #expect(Self.malformed.count >= 45)
    }

    @Test func fileNameReplacesInput() {
        let d = Parser.parse("\n\ndense 0").diagnostics
        #expect(d.map { $0.rendered(file: "train.gb") } == ["train.gb:3:7: error: units 0 for dense must be in [1, 65536]"])
        #expect(d.first?.kind == .outOfRange(parameter: "units", command: "dense", found: "0", requirement: "in [1, 65536]"))
    }

    @Test func oneDiagnosticPerBadLineInSourceOrder() {
        let result = Parser.parse("conv2\nseed 1\ndropout 2\n\"open")
        #expect(result.diagnostics.map(\.line) == [1, 3, 4])
        #expect(result.statements.count == 1)
    }

    @Test func suggestionsUseDamerauLevenshtein() {
        #expect(Suggestions.distance("desne", "dense") == 1)
        #expect(Suggestions.distance("conv2", "conv2d") == 1)
        #expect(Suggestions.distance("kitten", "sitting") == 3)
        #expect(Suggestions.distance("", "abc") == 3)
        #expect(Suggestions.best(for: "zzzzzz", among: ["dense", "conv2d"]) == nil)
        #expect(Suggestions.best(for: "adamm", among: OptimizerKind.words, preferred: "adamw") == "adamw")
    }
}

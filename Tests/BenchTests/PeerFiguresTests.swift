import Foundation
import Testing
import Bench

// The peer-figures file of `gradbook bench --compare`: good files read, bad ones are located errors with a hint.

@Suite struct PeerFiguresTests {
    @Test func aGoodFileReadsAndTheLastFigureOfAFrameworkWins() throws {
        let text = """
            {"peers": [
              {"framework": "torch", "model": "cnn", "batch": 32, "epoch_seconds": 12.5, "epoch": 1},
              {"framework": "torch", "model": "cnn", "batch": 32, "epoch_seconds": 10.0, "epoch": 2, "test_accuracy": 0.9},
              {"framework": "keras", "model": "cnn", "batch": 32, "epoch_seconds": 20, "extra": "ignored"},
              {"framework": "torch", "model": "mlp", "batch": 128, "epoch_seconds": 2.5}
            ]}
            """
        let figures = try PeerFigures.parse(Data(text.utf8), path: "peers.json")
        #expect(figures.entries.count == 4)
        let cnn = figures.figures(model: "cnn", batch: 32)
        #expect(cnn.map(\.framework) == ["torch", "keras"])
        #expect(cnn.first?.epochSeconds == 10)
        #expect(cnn.first?.testAccuracy == 0.9)
        #expect(figures.figures(model: "cnn", batch: 128).isEmpty)
    }

    @Test(arguments: [
        ("", "peers.json: not JSON"),
        ("{\"peers\": [\n  {\"framework\": x}]}", "peers.json: line 2, column 17: not JSON"),
        ("[1, 2]", "peers.json: expected an object"),
        ("{}", "peers.json: missing key \"peers\""),
        ("{\"peers\": {}}", "peers.json: peers: expected a list"),
        ("{\"peers\": [{\"model\": \"cnn\", \"batch\": 32, \"epoch_seconds\": 1}]}", "peers.json: peers[0]: missing key \"framework\""),
        ("{\"peers\": [{\"framework\": \"t\", \"model\": \"cnn\", \"batch\": \"32\", \"epoch_seconds\": 1}]}",
         "peers.json: peers[0].batch: expected a number"),
        ("{\"peers\": [{\"framework\": \"t\", \"model\": \"cnn\", \"batch\": 1e300, \"epoch_seconds\": 1}]}",
         "peers.json: peers[0].batch: expected a whole number of at least 1, got 1e+300"),
        ("{\"peers\": [{\"framework\": \"t\", \"model\": \"cnn\", \"batch\": 1.5, \"epoch_seconds\": 1}]}",
         "peers.json: peers[0].batch: expected a whole number of at least 1, got 1.5"),
        ("{\"peers\": [{\"framework\": \"t\", \"model\": \"cnn\", \"batch\": 0, \"epoch_seconds\": 1}]}",
         "peers.json: peers[0].batch: expected a whole number of at least 1, got 0"),
        ("{\"peers\": [{\"framework\": \"t\", \"model\": \"cnn\", \"batch\": 8, \"epoch_seconds\": 1},"
            + " {\"framework\": \"t\", \"model\": \"cnn\", \"batch\": 8, \"epoch_seconds\": -2}]}",
         "peers.json: peers[1].epoch_seconds: expected a positive number of seconds, got -2"),
        ("{\"peers\": [{\"framework\": null, \"model\": \"cnn\", \"batch\": 8, \"epoch_seconds\": 1}]}",
         "peers.json: peers[0].framework: null, expected a string"),
    ])
    func badFilesAreLocatedErrorsWithAHint(text: String, expected: String) {
        do {
            _ = try PeerFigures.parse(Data(text.utf8), path: "peers.json")
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.message.hasPrefix(expected), "\(error.message)")
            #expect(error.hint?.contains("compare-json.py") == true)
        }
    }

    @Test func aMissingFileNamesItself() {
        let path = NSTemporaryDirectory() + "gradbook-no-such-peers-\(UUID().uuidString).json"
        do {
            _ = try PeerFigures.load(path: path)
            Issue.record("a missing file was read")
        } catch {
            #expect(error.message.hasPrefix("\(path): cannot be read"))
            #expect(error.hint != nil)
        }
    }
}

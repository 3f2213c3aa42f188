import Notebook

/// Names bound in the session, read on the worker between requests (`SessionRunner.perform`).
public struct SessionNames: Sendable, Equatable {
    public var datasets: [String]
    public var models: [String]
    public var currentData: String?
    public var currentModel: String?
    /// Epochs the current model has trained.
    public var epochs: Int

    public init(datasets: [String] = [], models: [String] = [], currentData: String? = nil, currentModel: String? = nil,
                epochs: Int = 0) {
        self.datasets = datasets
        self.models = models
        self.currentData = currentData
        self.currentModel = currentModel
        self.epochs = epochs
    }
}

/// Tab completion candidates for the input line. Pure apart from `listDirectory`.
///
/// The first word completes to commands; the second word of `load`, `save` and `show` to their forms;
/// `key=` completes option names of the command, and after `=` the option's values (losses,
/// optimizers, activations, on/off), bound names, or file paths. Words with a `/` (or after a path
/// option) complete to files.
public struct Completion {
    public var names: SessionNames
    /// Entries of a folder (names only; folders end with `/`).
    public var listDirectory: (String) -> [String]

    public init(names: SessionNames, listDirectory: @escaping (String) -> [String]) {
        self.names = names
        self.listDirectory = listDirectory
    }

    /// Candidates for `word`, the text being completed, with `before` the line up to it.
    public func candidates(before: String, word: String) -> [String] {
        let all = unfiltered(before: before, word: word)
        var seen: Set<String> = []
        return all.filter { $0.hasPrefix(word) && seen.insert($0).inserted }.sorted()
    }

    private func unfiltered(before: String, word: String) -> [String] {
        var words = before.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if words.count >= 2, words[1] == "=" {
            words.removeFirst(2)
        } else if let first = words.first, first.hasSuffix("=") {
            words.removeFirst()
        }
        if before.hasSuffix("=") {
            let key = String(words.last?.dropLast() ?? "")
            return values(forOption: key, command: words.dropLast(), word: word)
        }
        if word.contains("/") || word.hasPrefix("~") || word.hasPrefix(".") {
            return paths(word)
        }
        guard let verb = words.first?.lowercased() else {
            return Catalog.verbs + names.models + names.datasets
        }
        let forms = Catalog.entries(forVerb: verb).compactMap(\.form)
        if words.count == 1, !forms.isEmpty {
            return forms
        }
        guard let spec = spec(for: words) else { return [] }
        var result = spec.options.map { $0.name + "=" }
        for parameter in spec.positionals {
            result += values(of: parameter, word: word)
        }
        if spec.name == Insert.spec.name || spec.name == Replace.spec.name {
            result += Catalog.layerWords
        }
        return result
    }

    /// The command spec of the words typed so far (`load weights`, `conv2d`).
    private func spec(for words: [String]) -> CommandSpec? {
        guard let verb = words.first else { return nil }
        if words.count >= 2, let withForm = Catalog.entry(named: verb + " " + words[1]) {
            return withForm
        }
        return Catalog.entry(named: verb)
    }

    private func values(forOption key: String, command: ArraySlice<String>, word: String) -> [String] {
        guard let spec = spec(for: Array(command)), let parameter = spec.parameter(named: key) else { return [] }
        return values(of: parameter, word: word)
    }

    private func values(of parameter: ParameterSpec, word: String) -> [String] {
        switch parameter.type {
        case .choice(_, let words): words
        case .boolean: ["on", "off"]
        case .name: names.models + names.datasets
        case .path: paths(word)
        default: []
        }
    }

    /// Files and folders whose path starts with `word`.
    private func paths(_ word: String) -> [String] {
        let folder: String
        if let slash = word.lastIndex(of: "/") {
            folder = String(word[...slash])
        } else {
            folder = ""
        }
        return listDirectory(folder).map { folder + $0 }
    }
}

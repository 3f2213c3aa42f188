/// Python source built line by line, with indentation kept by blocks.
struct PythonLines {
    private(set) var lines: [String] = []
    private var depth = 0

    /// One line at the current indentation (an empty line stays empty).
    mutating func add(_ line: String = "") {
        lines.append(line.isEmpty ? "" : String(repeating: "    ", count: depth) + line)
    }

    /// Each line of `text` (a block of fixed code, first line not indented), at the current indentation.
    mutating func add(text: String) {
        var body = Substring(text)
        while body.hasSuffix("\n") { body = body.dropLast() }
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) { add(String(line)) }
    }

    /// Replaces the last line (already indented).
    mutating func replaceLast(_ line: String) {
        if !lines.isEmpty { lines[lines.count - 1] = line }
    }

    /// `header` (ending in `:`), then `body` one level in; `pass` when the body adds nothing.
    mutating func block(_ header: String, _ body: (inout PythonLines) -> Void) {
        add(header)
        depth += 1
        let before = lines.count
        body(&self)
        if lines.count == before { add("pass") }
        depth -= 1
    }

    /// Each of `parts` (top-level functions or classes) after two empty lines, as PEP 8 spaces them.
    mutating func add(parts: [String]) {
        for part in parts {
            add()
            add()
            add(text: part)
        }
    }

    /// Two empty lines, then `if __name__ == "__main__": main()`: the end of every exported script.
    mutating func addMainGuard() {
        add()
        add()
        block("if __name__ == \"__main__\":") { $0.add("main()") }
    }

    /// `# text` comment lines, wrapped at about 100 columns.
    mutating func comment(_ text: String) {
        var line = "#"
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > 100 - depth * 4, line != "#" {
                add(line)
                line = "#"
            }
            line += " " + word
        }
        add(line)
    }

    var text: String { lines.joined(separator: "\n") + "\n" }
}

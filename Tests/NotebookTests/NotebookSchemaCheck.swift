import Foundation

/// The required keys and types of a Jupyter notebook in nbformat 4 (the v4.5 schema's `required` lists,
/// property types and `additionalProperties: false` of cells and outputs), checked on a notebook parsed
/// with JSONSerialization; `problems` names each departure by its path.
enum NotebookSchemaCheck {
    static func problems(_ notebook: [String: Any]) -> [String] {
        var problems: [String] = []
        func require(_ ok: Bool, _ what: String) { if !ok { problems.append(what) } }
        require(notebook["nbformat"] as? Int == 4, "nbformat must be the integer 4")
        require((notebook["nbformat_minor"] as? Int).map { $0 >= 0 } == true, "nbformat_minor must be an integer >= 0")
        require(Set(notebook.keys) == ["cells", "metadata", "nbformat", "nbformat_minor"], "top-level keys: \(notebook.keys.sorted())")
        guard let metadata = notebook["metadata"] as? [String: Any] else { return problems + ["metadata must be an object"] }
        if let kernel = metadata["kernelspec"] {
            let spec = kernel as? [String: Any]
            require(spec?["name"] is String && spec?["display_name"] is String, "metadata.kernelspec needs name and display_name strings")
        }
        if let language = metadata["language_info"] {
            require((language as? [String: Any])?["name"] is String, "metadata.language_info needs a name string")
        }
        guard let cells = notebook["cells"] as? [[String: Any]] else { return problems + ["cells must be an array of objects"] }
        let minor = notebook["nbformat_minor"] as? Int ?? 0
        var ids: Set<String> = []
        for (index, cell) in cells.enumerated() {
            let at = "cells[\(index)]"
            let type = cell["cell_type"] as? String
            require(["markdown", "code", "raw"].contains(type ?? ""), "\(at).cell_type must be markdown, code or raw")
            require(cell["metadata"] is [String: Any], "\(at).metadata must be an object")
            require(isMultiline(cell["source"]), "\(at).source must be a string or an array of strings")
            if minor >= 5 {
                let id = cell["id"] as? String ?? ""
                let valid = (1...64).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
                require(valid, "\(at).id must match ^[a-zA-Z0-9-_]+$ with 1 to 64 characters")
                require(ids.insert(id).inserted, "\(at).id '\(id)' is not unique")
            }
            if type == "code" {
                let codeKeys: Set<String> = ["cell_type", "metadata", "source", "execution_count", "outputs"]
                require(Set(cell.keys) == (minor >= 5 ? codeKeys.union(["id"]) : codeKeys),
                        "\(at) keys: \(cell.keys.sorted())")
                let count = cell["execution_count"]
                require(count is NSNull || (count as? Int).map { $0 >= 0 } == true, "\(at).execution_count must be null or an integer >= 0")
                guard let outputs = cell["outputs"] as? [[String: Any]] else {
                    problems.append("\(at).outputs must be an array of objects")
                    continue
                }
                for (o, output) in outputs.enumerated() { problems += outputProblems(output, at: "\(at).outputs[\(o)]") }
            } else {
                let allowed: Set<String> = ["id", "cell_type", "metadata", "source", "attachments"]
                require(Set(cell.keys).isSubset(of: allowed), "\(at) has keys a \(type ?? "?") cell may not have: \(cell.keys.sorted())")
            }
        }
        return problems
    }

    private static func outputProblems(_ output: [String: Any], at: String) -> [String] {
        var problems: [String] = []
        func require(_ ok: Bool, _ what: String) { if !ok { problems.append(what) } }
        switch output["output_type"] as? String {
        case "stream":
            require(Set(output.keys) == ["output_type", "name", "text"], "\(at) keys: \(output.keys.sorted())")
            require(output["name"] is String, "\(at).name must be a string")
            require(isMultiline(output["text"]), "\(at).text must be a string or an array of strings")
        case "display_data", "execute_result":
            let keys: Set<String> = output["output_type"] as? String == "display_data"
                ? ["output_type", "data", "metadata"] : ["output_type", "data", "metadata", "execution_count"]
            require(Set(output.keys) == keys, "\(at) keys: \(output.keys.sorted())")
            require(output["metadata"] is [String: Any], "\(at).metadata must be an object")
            guard let data = output["data"] as? [String: Any] else { return problems + ["\(at).data must be an object"] }
            for (mime, value) in data where !mime.hasSuffix("json") {
                require(isMultiline(value), "\(at).data['\(mime)'] must be a string or an array of strings")
            }
        case "error":
            require(output["ename"] is String && output["evalue"] is String && output["traceback"] is [String], "\(at): ename, evalue, traceback")
        default:
            problems.append("\(at).output_type must be stream, display_data, execute_result or error")
        }
        return problems
    }

    private static func isMultiline(_ value: Any?) -> Bool {
        value is String || value is [String]
    }
}

// The value of a formula written as text (`3*3*32*64 + 64`, `3*(32*2*16 + 2*16) + 2*16*32 + 32`): whole
// numbers, `+`, `*` and parentheses, thousands separators refused. The tests evaluate the parameter formulas
// `explain` and `summary formulas=on` print with it, so they check the text itself, not a second copy of
// the code that wrote it.

/// The value of `text`, or nil when it is not an expression of whole numbers, `+`, `*` and parentheses.
public func evaluateArithmetic(_ text: String) -> Int? {
    var parser = ArithmeticParser(Array(text.filter { $0 != " " }))
    guard let value = parser.sum(), parser.atEnd else { return nil }
    return value
}

/// sum = product { "+" product }; product = factor { "*" factor }; factor = digits | "(" sum ")".
private struct ArithmeticParser {
    let characters: [Character]
    var position = 0

    init(_ characters: [Character]) { self.characters = characters }

    var atEnd: Bool { position == characters.count }

    mutating func sum() -> Int? {
        guard var total = product() else { return nil }
        while position < characters.count, characters[position] == "+" {
            position += 1
            guard let next = product() else { return nil }
            total += next
        }
        return total
    }

    mutating func product() -> Int? {
        guard var total = factor() else { return nil }
        while position < characters.count, characters[position] == "*" {
            position += 1
            guard let next = factor() else { return nil }
            total *= next
        }
        return total
    }

    mutating func factor() -> Int? {
        guard position < characters.count else { return nil }
        if characters[position] == "(" {
            position += 1
            guard let inner = sum(), position < characters.count, characters[position] == ")" else { return nil }
            position += 1
            return inner
        }
        let start = position
        while position < characters.count, characters[position].isASCII, characters[position].isNumber { position += 1 }
        return position > start ? Int(String(characters[start..<position])) : nil
    }
}

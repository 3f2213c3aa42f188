/// A terminal colour a cell can ask for.
///
/// The sixteen named cases are the classic ANSI colours (SGR 30–37 and 90–97).
/// `.indexed` addresses the xterm 256-colour palette and `.rgb` asks for a
/// 24-bit truecolor. The renderer emits whatever the cell asks for unless it is
/// told to approximate to a smaller palette (see ``ColorDepth``).
public enum CanvasColor: Hashable, Sendable {
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow
    case brightBlue, brightMagenta, brightCyan, brightWhite
    /// An entry of the xterm 256-colour palette.
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)

    /// The sixteen named colours in ANSI order (index 0 = black … 15 = bright white).
    public static let named: [CanvasColor] = [
        .black, .red, .green, .yellow, .blue, .magenta, .cyan, .white,
        .brightBlack, .brightRed, .brightGreen, .brightYellow,
        .brightBlue, .brightMagenta, .brightCyan, .brightWhite,
    ]

    /// The ANSI index 0–15 of a named colour, or `nil` for `.indexed` and `.rgb`.
    public var ansiIndex: Int? {
        switch self {
        case .black: 0
        case .red: 1
        case .green: 2
        case .yellow: 3
        case .blue: 4
        case .magenta: 5
        case .cyan: 6
        case .white: 7
        case .brightBlack: 8
        case .brightRed: 9
        case .brightGreen: 10
        case .brightYellow: 11
        case .brightBlue: 12
        case .brightMagenta: 13
        case .brightCyan: 14
        case .brightWhite: 15
        case .indexed, .rgb: nil
        }
    }

    /// An approximate RGB value for this colour (xterm defaults for the named colours).
    public var rgbComponents: (r: UInt8, g: UInt8, b: UInt8) {
        switch self {
        case let .rgb(r, g, b):
            return (r, g, b)
        case let .indexed(i):
            return Self.xtermRGB(Int(i))
        default:
            return Self.xtermRGB(ansiIndex ?? 0)
        }
    }

    /// The nearest colour of the given depth. `.truecolor` returns `self`.
    public func approximated(to depth: ColorDepth) -> CanvasColor {
        switch depth {
        case .truecolor:
            return self
        case .palette256:
            guard case let .rgb(r, g, b) = self else { return self }
            return .indexed(Self.nearest256(r, g, b))
        case .ansi16:
            if ansiIndex != nil { return self }
            let (r, g, b) = rgbComponents
            var best = 0
            var bestDistance = Int.max
            for i in 0..<16 {
                let distance = Self.distance(Self.xtermRGB(i), (r, g, b))
                if distance < bestDistance { best = i; bestDistance = distance }
            }
            return Self.named[best]
        }
    }

    // MARK: - xterm palette arithmetic

    private static let basic16: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    private static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    static func xtermRGB(_ index: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
        if index < 16 { return basic16[max(0, index)] }
        if index < 232 {
            let i = index - 16
            return (UInt8(cubeLevels[i / 36]), UInt8(cubeLevels[(i / 6) % 6]), UInt8(cubeLevels[i % 6]))
        }
        let level = UInt8(8 + 10 * (index - 232))
        return (level, level, level)
    }

    private static func distance(_ a: (r: UInt8, g: UInt8, b: UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let dr = Int(a.r) - Int(b.0), dg = Int(a.g) - Int(b.1), db = Int(a.b) - Int(b.2)
        return dr * dr + dg * dg + db * db
    }

    private static func nearestLevel(_ v: UInt8) -> Int {
        var best = 0
        for (i, level) in cubeLevels.enumerated() where abs(level - Int(v)) < abs(cubeLevels[best] - Int(v)) {
            best = i
        }
        return best
    }

    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let (ri, gi, bi) = (nearestLevel(r), nearestLevel(g), nearestLevel(b))
        let cube = 16 + 36 * ri + 6 * gi + bi
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let grayIndex = min(23, max(0, (average - 3) / 10))
        let gray = 232 + grayIndex
        let target = (r, g, b)
        return distance(xtermRGB(gray), target) < distance(xtermRGB(cube), target) ? UInt8(gray) : UInt8(cube)
    }
}

/// How many colours the output terminal can show; used to approximate colours.
public enum ColorDepth: Sendable, Hashable {
    /// 16 named colours only.
    case ansi16
    /// The xterm 256-colour palette.
    case palette256
    /// 24-bit colour.
    case truecolor
}

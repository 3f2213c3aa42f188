import NeuralNet
import TensorRuntime

extension OverlayBlock {
    /// A patch model's attention over one picture, one tile per head captioned `head N`.
    ///
    /// - Parameters:
    ///   - attention: an `AttentionSource`'s `lastAttention`, [batch, heads, T, T], from a pass over the picture.
    ///   - example: the picture's position in that batch.
    ///   - picture: the picture (its caption is ignored; each tile is captioned by its head).
    ///   - classToken: whether token 0 is a class token (then T is the patches + 1).
    ///   - query: the class token's row or the mean over queries.
    /// - Throws: `AttributionError.attentionShape` when T fits no grid of square patches over the picture.
    public static func attention(_ attention: Tensor, example: Int = 0, picture: ImageGridBlock.Image, classToken: Bool,
                                 query: PatchAttention.Query, title: String?) throws -> OverlayBlock {
        let tokens = attention.shape.last ?? 0
        guard let grid = PatchAttention.grid(tokens: tokens, height: picture.height, width: picture.width, classToken: classToken) else {
            throw AttributionError.attentionShape(shape: attention.shape, tokens: tokens, classToken: classToken)
        }
        let maps = try PatchAttention.heatMaps(attention, example: example, grid: grid, classToken: classToken, query: query,
                                               height: picture.height, width: picture.width)
        let items = maps.enumerated().map { head, heat in
            var tile = picture
            tile.caption = "head \(head)"
            tile.verdict = .none
            return Item(image: tile, heat: heat)
        }
        return OverlayBlock(title: title, kind: .attention, items: items)
    }
}

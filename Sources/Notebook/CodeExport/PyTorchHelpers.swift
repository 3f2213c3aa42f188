// Fixed Python code of the PyTorch scripts: the layers PyTorch lacks (Keras's "same" padding for strided
// and transposed convolutions, self-attention with Keras's four projections, the pre-LN transformer block,
// positional tables, patches, the class token, a VAE's sampling) and the file readers. A script holds only
// the pieces its model and data use.

enum PyTorchHelpers {
    static let readSafetensors = #"""
def read_safetensors(path):
    """The tensors of a safetensors file by name, and its metadata (read with the standard library and torch)."""
    with open(path, "rb") as f:
        raw = f.read()
    size = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + size])
    metadata = header.pop("__metadata__", {})
    types = {"F32": torch.float32, "F16": torch.float16, "I32": torch.int32, "I64": torch.int64, "I8": torch.int8, "U8": torch.uint8}
    tensors = {}
    for name, entry in header.items():
        start, end = entry["data_offsets"]
        values = bytearray(raw[8 + size + start:8 + size + end])
        dtype = types[entry["dtype"]]
        flat = torch.frombuffer(values, dtype=dtype) if values else torch.zeros(0, dtype=dtype)
        tensors[name] = flat.reshape(entry["shape"])
    return tensors, metadata
"""#

    static let gruGates = #"""
def gru_gates(t):
    """Keras's GRU gate blocks z, r, h (side by side on the last axis) in PyTorch's order r, z, n."""
    u = t.shape[-1] // 3
    return torch.cat([t[..., u:2 * u], t[..., :u], t[..., 2 * u:]], dim=-1)
"""#

    static let conv2dSame = #"""
class Conv2dSame(nn.Conv2d):
    """Conv2d with Keras's padding="same" for any stride: output ceil(H / stride), an odd padding's extra row
    and column at the bottom and right, as TensorFlow pads (PyTorch's padding="same" takes stride 1 only)."""

    def forward(self, x):
        pads = []
        for size, k, s in ((x.shape[3], self.kernel_size[1], self.stride[1]), (x.shape[2], self.kernel_size[0], self.stride[0])):
            total = max((math.ceil(size / s) - 1) * s + k - size, 0)
            pads += [total // 2, total - total // 2]
        return super().forward(F.pad(x, pads))
"""#

    static let convTranspose2dSame = #"""
class ConvTranspose2dSame(nn.ConvTranspose2d):
    """ConvTranspose2d with Keras's padding="same": output H * stride, cut from the full (H - 1) * stride + K
    rows as TensorFlow cuts them (max(K - stride, 0) // 2 rows off the top, the rest off the bottom)."""

    def forward(self, x):
        h, w = x.shape[2] * self.stride[0], x.shape[3] * self.stride[1]
        y = F.conv_transpose2d(x, self.weight, None, self.stride)
        top = max(self.kernel_size[0] - self.stride[0], 0) // 2
        left = max(self.kernel_size[1] - self.stride[1], 0) // 2
        y = y[:, :, top:top + h, left:left + w]
        y = F.pad(y, (0, w - y.shape[3], 0, h - y.shape[2]))   # a kernel smaller than its stride leaves rows to fill
        return y + self.bias.view(1, -1, 1, 1)
"""#

    static let attention = #"""
class SelfAttention(nn.Module):
    """Keras's MultiHeadAttention with query = key = value = x: projections query, key, value (D -> heads * key_dim)
    and attention_output (back to D); softmax(q k^T / sqrt(key_dim)) v per head, the heads side by side in the
    last axis (head h is columns h * key_dim ...), an optional causal mask, dropout on the attention weights."""

    def __init__(self, features, heads, key_dim, causal=False, dropout=0.0):
        super().__init__()
        self.heads, self.key_dim, self.causal, self.dropout = heads, key_dim, causal, dropout
        self.query = nn.Linear(features, heads * key_dim)
        self.key = nn.Linear(features, heads * key_dim)
        self.value = nn.Linear(features, heads * key_dim)
        self.attention_output = nn.Linear(heads * key_dim, features)

    def forward(self, x):
        n, t, _ = x.shape

        def split(y):   # (N, T, H * dk) -> (N, H, T, dk)
            return y.reshape(n, t, self.heads, self.key_dim).transpose(1, 2)

        y = F.scaled_dot_product_attention(split(self.query(x)), split(self.key(x)), split(self.value(x)),
                                           dropout_p=self.dropout if self.training else 0.0, is_causal=self.causal)
        return self.attention_output(y.transpose(1, 2).reshape(n, t, self.heads * self.key_dim))
"""#

    static let transformer = #"""
class TransformerEncoder(nn.Module):
    """Gradbook's pre-LN transformer block: h = x + MHA(LN1(x)); y = h + Dense_D(GELU(Dense_MLP(LN2(h)))),
    layer norms with Keras's epsilon 1e-3, the exact (erf) GELU, dropout on attention weights and both branches."""

    def __init__(self, features, heads, key_dim, mlp, causal=False, dropout=0.0):
        super().__init__()
        self.layer_normalization_1 = nn.LayerNorm(features, eps=1e-3)
        self.attention = SelfAttention(features, heads, key_dim, causal, dropout)
        self.layer_normalization_2 = nn.LayerNorm(features, eps=1e-3)
        self.dense_1 = nn.Linear(features, mlp)
        self.dense_2 = nn.Linear(mlp, features)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        h = x + self.dropout(self.attention(self.layer_normalization_1(x)))
        return h + self.dropout(self.dense_2(F.gelu(self.dense_1(self.layer_normalization_2(h)))))
"""#

    static let positionEmbedding = #"""
class PositionEmbedding(nn.Module):
    """A learned (tokens, features) table added to every sequence (keras_hub's PositionEmbedding)."""

    def __init__(self, tokens, features):
        super().__init__()
        self.embeddings = nn.Parameter(nn.init.xavier_uniform_(torch.empty(tokens, features)))

    def forward(self, x):
        return x + self.embeddings
"""#

    static let sinePositionEncoding = #"""
class SinePositionEncoding(nn.Module):
    """sin(t / 10000^(2i/D)) at feature 2i, cos of the same at 2i + 1, added to every sequence; no weights."""

    def __init__(self, tokens, features):
        super().__init__()
        i = torch.arange(features)
        angle = torch.arange(tokens, dtype=torch.float64)[:, None] / torch.pow(10000.0, (2 * (i // 2)).double() / features)
        self.register_buffer("table", torch.where(i % 2 == 0, torch.sin(angle), torch.cos(angle)).float(), persistent=False)

    def forward(self, x):
        return x + self.table
"""#

    static let patchEmbedding = #"""
class PatchEmbedding(nn.Module):
    """An (N, H, W, C) image as size x size patches in row-major order, each flattened in (row, column, channel)
    order and projected to dim features by one Linear named projection."""

    def __init__(self, size, channels, dim):
        super().__init__()
        self.size = size
        self.projection = nn.Linear(size * size * channels, dim)

    def forward(self, x):
        n, h, w, c = x.shape
        s = self.size
        x = x.reshape(n, h // s, s, w // s, s, c).permute(0, 1, 3, 2, 4, 5).reshape(n, (h // s) * (w // s), s * s * c)
        return self.projection(x)
"""#

    static let classToken = #"""
class ClassToken(nn.Module):
    """A learned vector put before every sequence (ViT's class token), starting at zero."""

    def __init__(self, features):
        super().__init__()
        self.token = nn.Parameter(torch.zeros(features))

    def forward(self, x):
        return torch.cat([self.token.expand(x.shape[0], 1, -1), x], dim=1)
"""#

    static let sampling = #"""
class Sampling(nn.Module):
    """A VAE's reparameterisation: x holds Z means then Z log-variances; while training
    z = mean + exp(logvar / 2) * eps with eps ~ N(0, 1), otherwise z = mean. Keeps the batch's KL divergence
    to N(0, 1) (mean over the batch of -1/2 * sum(1 + logvar - mean^2 - exp(logvar))) in self.kl."""

    def forward(self, x):
        z = x.shape[1] // 2
        mean, logvar = x[:, :z], x[:, z:]
        self.kl = (-0.5 * (1 + logvar - mean ** 2 - logvar.exp()).sum(dim=1)).mean()
        if self.training:
            return mean + torch.exp(logvar / 2) * torch.randn_like(mean)
        return mean
"""#

    /// The helper classes the model's layers use, in a fixed order.
    static func classes(for plan: ExportPlan) -> [String] {
        var out: [String] = []
        func uses(_ test: (ExportedLayer) -> Bool) -> Bool { plan.allLayers.contains(where: test) }
        if uses({ if case let .conv2d(_, k, s, .same, _, _) = $0.kind { return s != 1 || k % 2 == 0 }; return false }) { out.append(conv2dSame) }
        if uses({ if case .conv2dTranspose(_, _, _, .same, _) = $0.kind { return true }; return false }) { out.append(convTranspose2dSame) }
        let transformer = uses { if case .transformer = $0.kind { return true }; return false }
        if transformer || uses({ if case .attention = $0.kind { return true }; return false }) { out.append(attention) }
        if transformer { out.append(Self.transformer) }
        if uses({ if case .positional(.learned) = $0.kind { return true }; return false }) { out.append(positionEmbedding) }
        if uses({ if case .positional(.sinusoidal) = $0.kind { return true }; return false }) { out.append(sinePositionEncoding) }
        if uses({ if case .patches = $0.kind { return true }; return false }) { out.append(patchEmbedding) }
        if uses({ if case .classToken = $0.kind { return true }; return false }) { out.append(classToken) }
        if uses({ if case .sampling = $0.kind { return true }; return false }) { out.append(sampling) }
        return out
    }
}

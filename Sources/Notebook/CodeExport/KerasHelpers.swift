// Fixed Python code of the Keras scripts: the layers Keras's core lacks (Gradbook's pre-LN transformer
// block, positional tables, patches, the class token, token selection, a VAE's sampling, a residual
// connection that fits in a Sequential, self-attention with one input) written with keras.ops so any
// backend runs them, and the readers. A script holds only the pieces its model uses.

enum KerasHelpers {
    static let readSafetensors = #"""
def read_safetensors(path):
    """The arrays of a safetensors file by name, and its metadata (read with the standard library and numpy)."""
    with open(path, "rb") as f:
        raw = f.read()
    size = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + size])
    metadata = header.pop("__metadata__", {})
    types = {"F32": "<f4", "F16": "<f2", "I32": "<i4", "I64": "<i8", "I8": "i1", "U8": "u1"}
    arrays = {}
    for name, entry in header.items():
        start, end = entry["data_offsets"]
        arrays[name] = np.frombuffer(raw[8 + size + start:8 + size + end], dtype=types[entry["dtype"]]).reshape(entry["shape"])
    return arrays, metadata
"""#

    static let selfAttention = #"""
@keras.saving.register_keras_serializable(package="gradbook")
class SelfAttention(layers.MultiHeadAttention):
    """Keras's MultiHeadAttention with query = key = value = x: one input, so it also fits in a Sequential."""

    def __init__(self, num_heads, key_dim, use_causal_mask=False, **kwargs):
        super().__init__(num_heads, key_dim, **kwargs)
        self.use_causal_mask = use_causal_mask

    def build(self, input_shape):
        super().build(input_shape, input_shape)

    def call(self, x, training=None):
        return super().call(x, x, use_causal_mask=self.use_causal_mask, training=training)

    def compute_output_shape(self, input_shape):
        return input_shape

    def compute_output_spec(self, x, training=None):
        return keras.KerasTensor(x.shape, dtype=self.compute_dtype)

    def get_config(self):
        return {**super().get_config(), "use_causal_mask": self.use_causal_mask}
"""#

    static let transformer = #"""
@keras.saving.register_keras_serializable(package="gradbook")
class TransformerEncoder(layers.Layer):
    """Gradbook's pre-LN transformer block (keras_hub's TransformerEncoder with normalize_first=True):
    h = x + MHA(LN1(x)); y = h + Dense_D(GELU(Dense_MLP(LN2(h)))), epsilon 1e-3, the exact (erf) GELU,
    dropout on the attention weights and on both branches."""

    def __init__(self, features, num_heads, key_dim, intermediate_dim, use_causal_mask=False, dropout=0.0, **kwargs):
        super().__init__(**kwargs)
        self.config = dict(features=features, num_heads=num_heads, key_dim=key_dim, intermediate_dim=intermediate_dim,
                           use_causal_mask=use_causal_mask, dropout=dropout)
        self.layer_normalization_1 = layers.LayerNormalization(epsilon=1e-3, name="layer_normalization_1")
        self.attention = SelfAttention(num_heads, key_dim, use_causal_mask=use_causal_mask, dropout=dropout, name="attention")
        self.layer_normalization_2 = layers.LayerNormalization(epsilon=1e-3, name="layer_normalization_2")
        self.dense_1 = layers.Dense(intermediate_dim, activation="gelu", name="dense_1")
        self.dense_2 = layers.Dense(features, name="dense_2")
        self.dropout = layers.Dropout(dropout)

    def call(self, x, training=None):
        h = x + self.dropout(self.attention(self.layer_normalization_1(x), training=training), training=training)
        return h + self.dropout(self.dense_2(self.dense_1(self.layer_normalization_2(h))), training=training)

    def get_config(self):
        return {**super().get_config(), **self.config}
"""#

    static let positionEmbedding = #"""
@keras.saving.register_keras_serializable(package="gradbook")
class PositionEmbedding(layers.Layer):
    """A learned (tokens, features) table added to every sequence (keras_hub's PositionEmbedding)."""

    def build(self, input_shape):
        self.embeddings = self.add_weight(shape=tuple(input_shape[-2:]), initializer="glorot_uniform", name="embeddings")

    def call(self, x):
        return x + self.embeddings
"""#

    static let sinePositionEncoding = #"""
@keras.saving.register_keras_serializable(package="gradbook")
class SinePositionEncoding(layers.Layer):
    """sin(t / 10000^(2i/D)) at feature 2i, cos of the same at 2i + 1, added to every sequence; no weights."""

    def build(self, input_shape):
        tokens, features = input_shape[-2], input_shape[-1]
        i = np.arange(features)
        angle = np.arange(tokens)[:, None] / np.power(10000.0, (2 * (i // 2)) / features)
        self.table = np.where(i % 2 == 0, np.sin(angle), np.cos(angle)).astype("float32")

    def call(self, x):
        return x + ops.convert_to_tensor(self.table)
"""#

    static let patchEmbedding = #"""
@keras.saving.register_keras_serializable(package="gradbook")
class PatchEmbedding(layers.Layer):
    """An (N, H, W, C) image as patch_size x patch_size patches in row-major order, each flattened in (row, column,
    channel) order and projected to dim features by one Dense named projection."""

    def __init__(self, patch_size, dim, **kwargs):
        super().__init__(**kwargs)
        self.patch_size, self.dim = patch_size, dim
        self.projection = layers.Dense(dim, name="projection")

    def call(self, x):
        h, w, c = x.shape[1], x.shape[2], x.shape[3]
        s = self.patch_size
        x = ops.reshape(x, (-1, h // s, s, w // s, s, c))
        x = ops.reshape(ops.transpose(x, (0, 1, 3, 2, 4, 5)), (-1, (h // s) * (w // s), s * s * c))
        return self.projection(x)

    def get_config(self):
        return {**super().get_config(), "patch_size": self.patch_size, "dim": self.dim}
"""#

    static let classToken = #"""
@keras.saving.register_keras_serializable(package="gradbook")
class ClassToken(layers.Layer):
    """A learned vector put before every sequence (ViT's class token), starting at zero."""

    def build(self, input_shape):
        self.token = self.add_weight(shape=(input_shape[-1],), initializer="zeros", name="token")

    def call(self, x):
        token = ops.broadcast_to(ops.reshape(ops.cast(self.token, x.dtype), (1, 1, -1)), (ops.shape(x)[0], 1, x.shape[-1]))
        return ops.concatenate([token, x], axis=1)
"""#

    static let tokenSelect = #"""
@keras.saving.register_keras_serializable(package="gradbook")
class TokenSelect(layers.Layer):
    """Keeps the token at `index` of every sequence: (N, T, D) -> (N, D)."""

    def __init__(self, index, **kwargs):
        super().__init__(**kwargs)
        self.index = index

    def call(self, x):
        return x[:, self.index]

    def get_config(self):
        return {**super().get_config(), "index": self.index}
"""#

    static let sampling = #"""
@keras.saving.register_keras_serializable(package="gradbook")
class Sampling(layers.Layer):
    """A VAE's reparameterisation: x holds Z means then Z log-variances; while training
    z = mean + exp(logvar / 2) * eps with eps ~ N(0, 1), otherwise z = mean. Adds kl_weight times the batch's KL
    divergence to N(0, 1) (mean over the batch of -1/2 * sum(1 + logvar - mean^2 - exp(logvar))) to the loss."""

    def __init__(self, kl_weight=0.0, **kwargs):
        super().__init__(**kwargs)
        self.kl_weight = kl_weight
        self.noise = keras.random.SeedGenerator(SEED)

    def call(self, x, training=None):
        z = x.shape[-1] // 2
        mean, logvar = x[:, :z], x[:, z:]
        if self.kl_weight:
            self.add_loss(self.kl_weight * ops.mean(-0.5 * ops.sum(1 + logvar - mean ** 2 - ops.exp(logvar), axis=1)))
        if training:
            return mean + ops.exp(logvar / 2) * keras.random.normal(ops.shape(mean), seed=self.noise)
        return mean

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[:-1]) + (input_shape[-1] // 2,)

    def get_config(self):
        return {**super().get_config(), "kl_weight": self.kl_weight}
"""#

    static let residual = #"""
@keras.saving.register_keras_serializable(package="gradbook")
class Residual(layers.Layer):
    """x + body(x): what a Keras model writes with an Add layer over a skip, as one layer so it fits in a Sequential."""

    def __init__(self, body, **kwargs):
        super().__init__(**kwargs)
        self.body = body

    def call(self, x, training=None):
        return x + self.body(x, training=training)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "body": keras.saving.serialize_keras_object(self.body)}

    @classmethod
    def from_config(cls, config):
        config["body"] = keras.saving.deserialize_keras_object(config["body"])
        return cls(**config)
"""#

    /// The helper layers the model uses, in a fixed order.
    static func classes(for plan: ExportPlan) -> [String] {
        var out: [String] = []
        func uses(_ test: (ExportedLayer.Kind) -> Bool) -> Bool { plan.uses(test) }
        let transformer = uses { if case .transformer = $0 { return true }; return false }
        if transformer || uses({ if case .attention = $0 { return true }; return false }) { out.append(selfAttention) }
        if transformer { out.append(Self.transformer) }
        if uses({ if case .positional(.learned) = $0 { return true }; return false }) { out.append(positionEmbedding) }
        if uses({ if case .positional(.sinusoidal) = $0 { return true }; return false }) { out.append(sinePositionEncoding) }
        if uses({ if case .patches = $0 { return true }; return false }) { out.append(patchEmbedding) }
        if uses({ if case .classToken = $0 { return true }; return false }) { out.append(classToken) }
        if uses({ if case .tokenSelect = $0 { return true }; return false }) { out.append(tokenSelect) }
        if uses({ if case .sampling = $0 { return true }; return false }) { out.append(sampling) }
        if uses({ if case .residual = $0 { return true }; return false }) { out.append(residual) }
        return out
    }
}

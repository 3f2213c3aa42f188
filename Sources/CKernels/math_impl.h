// exp, log, tanh, erf, sigmoid and the fixed-lane sums, written once over a vector type.
//
// Included by each path's file after it defines:
//   W (lanes), V (float vector), VI (int32 vector), M (lane mask), the table name OPS_NAME,
//   SET(c), LOAD(p), STORE(p, v), ADD, SUB, MUL, DIV, FMA(a, b, c) = a*b + c rounded once,
//   LT(a, b), GT(a, b), GE(a, b), EQ(a, b), NE(a, b) (true for NaN) -> M, SELECT(m, a, b) = m ? a : b,
//   SELECT_I (the same on VI), OR_M(m1, m2), CONVERT(vi) (int32 to float),
//   ABS(v), SIGN(v) (the sign bit alone), OR_BITS(a, b),
//   BITS(v) -> VI, FLOAT(vi) -> V, ISET(c), IADD, ISUB, IAND, ISRA(vi, s), ISLL(vi, s).
// Every lane performs the same operations in the same order as the scalar (W = 1) baseline, so all
// paths give the same bits. Each select is written so that a NaN input takes the side that carries it.


// The polynomial coefficients (fitted here: Lawson's minimax iteration in double, rounded to float).
#define ERF_P0 0x1.06eba8p-3f     // 2/√π - 1 (erf x = x + x·P(x²))
#define ERF_P1 -0x1.812744p-2f
#define ERF_P2 0x1.ce2e84p-4f
#define ERF_P3 -0x1.b819a6p-6f
#define ERF_P4 0x1.553abap-8f
#define ERF_P5 -0x1.ae7f90p-11f
#define ERF_P6 0x1.6bdf4ap-14f
#define ERF_T_SCALE 0x1.5049fcp-1f   // t = 2(|x| - 0.875)/3.045 - 1 = |x|·scale + shift, in [-1, 1]
#define ERF_T_SHIFT -0x1.93205ep+0f
#define ERF_Q0 0x1.bfe4aep-3f
#define ERF_Q1 -0x1.f12ea8p-4f
#define ERF_Q2 0x1.058f28p-4f
#define ERF_Q3 -0x1.0711a6p-5f
#define ERF_Q4 0x1.03af78p-6f
#define ERF_Q5 -0x1.92abb4p-8f
#define ERF_Q6 0x1.db7656p-9f
#define ERF_Q7 -0x1.aa8806p-9f
#define ERF_Q8 -0x1.2be528p-9f
#define ERF_Q9 -0x1.b6a648p-10f

/// c[0] + c[1]·x + ... + c[n-1]·x^(n-1) by Horner's rule, one fma per step from the top coefficient.
static inline __attribute__((always_inline)) V horner(V x, const float *c, int n) {
    V p = SET(c[n - 1]);
    for (int i = n - 2; i >= 0; i--) p = FMA(p, x, SET(c[i]));
    return p;
}

// MARK: exp

/// e^x, within 1.02 ulp (every float checked). x = n·ln2 + r (n rounded by the 1.5·2^23 shift, r by two fma steps), e^r =
/// 1 + r + r²·P(r) with P a degree-4 minimax fit on |r| <= ln2/2, then scaled by 2^(n/2) and 2^(n - n/2)
/// so that subnormal results round once and large ones overflow to infinity.
static inline V exp_v(V x) {
    x = SELECT(LT(x, SET(-104.0f)), SET(-104.0f), x);
    x = SELECT(GT(x, SET(89.0f)), SET(89.0f), x);
    V j = FMA(x, SET(0x1.715476p+0f), SET(0x1.8p23f));
    V n = SUB(j, SET(0x1.8p23f));
    V r = FMA(n, SET(-0x1.62e430p-1f), x);
    r = FMA(n, SET(0x1.05c610p-29f), r);
    static const float P[] = {0x1.fffffcp-2f, 0x1.555492p-3f, 0x1.5558f2p-5f, 0x1.1239d4p-7f, 0x1.6a2448p-10f};
    V p = horner(r, P, 5);
    V y = ADD(FMA(p, MUL(r, r), r), SET(1.0f));
    VI k = ISUB(BITS(j), BITS(SET(0x1.8p23f)));
    VI k1 = ISRA(k, 1), k2 = ISUB(k, k1);
    V s1 = FLOAT(ISLL(IADD(k1, ISET(127)), 23)), s2 = FLOAT(ISLL(IADD(k2, ISET(127)), 23));
    return MUL(MUL(y, s1), s2);
}

// MARK: log

/// ln x, within 0.85 ulp. x = 2^k·m with m in [√½, √2) (subnormals scaled by 2^23 first), f = m - 1,
/// s = f/(2 + f), ln(1 + f) = f - f²/2 + s·(f²/2 + R(s²)) with R a degree-3 minimax fit, plus k·ln2 in two
/// parts. x < 0 and NaN give NaN, 0 gives -inf, +inf gives +inf.
static inline V log_v(V x) {
    M tiny = LT(x, SET(0x1p-126f));
    V xs = SELECT(tiny, MUL(x, SET(0x1p23f)), x);
    VI ix = ISUB(BITS(xs), ISET(0x3f3504f3));
    VI ki = ISUB(ISRA(ix, 23), SELECT_I(tiny, ISET(23), ISET(0)));
    V m = FLOAT(IADD(IAND(ix, ISET(0x007fffff)), ISET(0x3f3504f3)));
    V k = CONVERT(ki);
    V f = SUB(m, SET(1.0f));
    V s = DIV(f, ADD(SET(2.0f), f));
    V z = MUL(s, s);
    V R = FMA(SET(0x1.31e2f4p-2f), z, SET(0x1.995ebap-2f));
    R = MUL(FMA(R, z, SET(0x1.55557ap-1f)), z);
    V hf = MUL(MUL(SET(0.5f), f), f);
    V lo = FMA(s, ADD(hf, R), MUL(k, SET(0x1.7f7d1cp-20f)));
    V y = FMA(k, SET(0x1.62e400p-1f), ADD(SUB(lo, hf), f));
    y = SELECT(EQ(x, SET(__builtin_inff())), x, y);
    y = SELECT(EQ(x, SET(0.0f)), SET(-__builtin_inff()), y);
    y = SELECT(OR_M(LT(x, SET(0.0f)), NE(x, x)), SET(__builtin_nanf("")), y);
    return y;
}

// MARK: tanh

/// tanh x, within 1.34 ulp. |x| < 0.625: x + x³·P(x²), P a degree-4 minimax fit; otherwise
/// 1 - 2/(e^(2|x|) + 1) with 2|x| clamped at 20 (where the result is 1); the sign put back.
static inline V tanh_v(V x) {
    V a = ABS(x);
    V z = MUL(a, a);
    static const float P[] = {-0x1.555532p-2f, 0x1.110726p-3f, -0x1.b83c58p-5f, 0x1.522692p-6f, -0x1.75e1a8p-8f};
    V p = horner(z, P, 5);
    V small = FMA(MUL(a, z), p, a);
    V a2 = ADD(a, a);
    V e = exp_v(SELECT(GT(a2, SET(20.0f)), SET(20.0f), a2));
    V large = SUB(SET(1.0f), DIV(SET(2.0f), ADD(e, SET(1.0f))));
    return OR_BITS(SELECT(LT(a, SET(0.625f)), small, large), SIGN(x));
}

// MARK: erf

/// erf x, within 1.11 ulp. |x| < 0.875: x + x·P(x²), P a degree-6 minimax fit of erf(x)/x - 1; |x| < 3.92:
/// 1 - e^(-x²)·Q(t), t = |x| mapped from [0.875, 3.92] to [-1, 1] and Q a degree-9 fit of erfc(x)·e^(x²); beyond, 1 (erf rounds
/// to 1 there); the sign put back.
static inline V erf_v(V x) {
    V a = ABS(x);
    V z = MUL(a, a);
    static const float P[] = {ERF_P0, ERF_P1, ERF_P2, ERF_P3, ERF_P4, ERF_P5, ERF_P6};
    V p = horner(z, P, 7);
    V small = FMA(a, p, a);
    V ac = SELECT(GT(a, SET(3.92f)), SET(3.92f), a);
    V t = FMA(ac, SET(ERF_T_SCALE), SET(ERF_T_SHIFT));
    static const float Q[] = {ERF_Q0, ERF_Q1, ERF_Q2, ERF_Q3, ERF_Q4, ERF_Q5, ERF_Q6, ERF_Q7, ERF_Q8, ERF_Q9};
    V q = horner(t, Q, 10);
    V e = exp_v(SUB(SET(0.0f), MUL(ac, ac)));
    V large = SUB(SET(1.0f), MUL(e, q));
    large = SELECT(GE(a, SET(3.92f)), SET(1.0f), large);
    return OR_BITS(SELECT(LT(a, SET(0.875f)), small, large), SIGN(x));
}

// MARK: sigmoid

/// 1/(1 + e^-x) as num/(1 + e) with e = e^-|x| and num = 1 for x >= 0, e otherwise (never overflows);
/// within 2.41 ulp (e's error, the sum's and the quotient's roundings).
static inline V sigmoid_v(V x) {
    V e = exp_v(SUB(SET(0.0f), ABS(x)));
    return DIV(SELECT(GE(x, SET(0.0f)), SET(1.0f), e), ADD(SET(1.0f), e));
}

// MARK: Maps over arrays

#define CK_MAP(name, fn)                                                                    \
    static void name(const float *x, float *y, long n) {                                    \
        long i = 0;                                                                         \
        for (; i + W <= n; i += W) STORE(y + i, fn(LOAD(x + i)));                           \
        if (i < n) {                                                                        \
            float tx[W], ty[W];                                                             \
            for (long l = 0; l < W; l++) tx[l] = i + l < n ? x[i + l] : 0.0f;               \
            STORE(ty, fn(LOAD(tx)));                                                        \
            for (long l = 0; i + l < n; l++) y[i + l] = ty[l];                              \
        }                                                                                   \
    }

CK_MAP(map_exp, exp_v)
CK_MAP(map_log, log_v)
CK_MAP(map_tanh, tanh_v)
CK_MAP(map_erf, erf_v)
CK_MAP(map_sigmoid, sigmoid_v)

// MARK: Sums in 32 fixed lanes

// Element i of a sum goes to lane i % 32 (the last partial block is padded with zeros, or -inf for a
// max), and the lanes are then combined pairwise: l[i] += l[i + 16], then + 8, + 4, + 2, + 1. Each path
// holds the 32 lanes in 32/W vectors, so the additions are the same on every path.
#define LANES 32
#define NV (LANES / W)

static float combine_sum(const V *acc) {
    float l[LANES];
    for (int v = 0; v < NV; v++) STORE(l + v * W, acc[v]);
    for (int w = LANES / 2; w >= 1; w /= 2)
        for (int i = 0; i < w; i++) l[i] = l[i] + l[i + w];
    return l[0];
}

/// The rule of every max here: b when b > a or b is NaN (NaN sticks), else a.
static inline float max_rule(float a, float b) { return b > a || b != b ? b : a; }

static float combine_max(const V *acc) {
    float l[LANES];
    for (int v = 0; v < NV; v++) STORE(l + v * W, acc[v]);
    for (int w = LANES / 2; w >= 1; w /= 2)
        for (int i = 0; i < w; i++) l[i] = max_rule(l[i], l[i + w]);
    return l[0];
}

/// The `count` < 32 last values of x, padded with `pad` (a value that leaves the sum as it is).
static inline void tail(float *t, const float *x, long count, float pad) {
    for (long l = 0; l < LANES; l++) t[l] = l < count ? x[l] : pad;
}

typedef V (*step_fn)(V acc, V x, V y, V c);

/// Folds x (and y) into the lanes with `step`, then combines them (max or sum).
static inline __attribute__((always_inline))
float reduce(const float *x, const float *y, long n, float pad, float c, step_fn step, int is_max) {
    V acc[NV], vc = SET(c);
    for (int v = 0; v < NV; v++) acc[v] = SET(is_max ? -__builtin_inff() : 0.0f);
    long i = 0;
    for (; i + LANES <= n; i += LANES)
        for (int v = 0; v < NV; v++)
            acc[v] = step(acc[v], LOAD(x + i + v * W), y ? LOAD(y + i + v * W) : vc, vc);
    if (i < n) {
        float tx[LANES], ty[LANES];
        tail(tx, x + i, n - i, pad);
        if (y) tail(ty, y + i, n - i, 0.0f);
        for (int v = 0; v < NV; v++) acc[v] = step(acc[v], LOAD(tx + v * W), y ? LOAD(ty + v * W) : vc, vc);
    }
    return is_max ? combine_max(acc) : combine_sum(acc);
}

static inline V step_sum(V acc, V x, V y, V c) { (void)y; (void)c; return ADD(acc, x); }
static inline V step_squares(V acc, V x, V y, V c) { (void)y; (void)c; return FMA(x, x, acc); }
static inline V step_squares_from(V acc, V x, V y, V c) { (void)y; V d = SUB(x, c); return FMA(d, d, acc); }
static inline V step_dot(V acc, V x, V y, V c) { (void)c; return FMA(x, y, acc); }
static inline V step_max(V acc, V x, V y, V c) { (void)y; (void)c; return SELECT(OR_M(GT(x, acc), NE(x, x)), x, acc); }

/// Σ x.
static float red_sum(const float *x, long n) { return reduce(x, 0, n, 0.0f, 0.0f, step_sum, 0); }
/// Σ x² (one fma per term).
static float red_sum_squares(const float *x, long n) { return reduce(x, 0, n, 0.0f, 0.0f, step_squares, 0); }
/// Σ (x - c)² (the difference rounded, then one fma per term).
static float red_sum_squares_from(const float *x, long n, float c) { return reduce(x, 0, n, c, c, step_squares_from, 0); }
/// Σ x·y (one fma per term).
static float red_dot(const float *x, const float *y, long n) { return reduce(x, y, n, 0.0f, 0.0f, step_dot, 0); }
/// max x: NaN when any is NaN, -inf for n = 0.
static float red_max(const float *x, long n) { return reduce(x, 0, n, -__builtin_inff(), 0.0f, step_max, 1); }

/// y = e^(x - c); returns Σ y in the lanes (the padding's terms left out).
static float exp_sum(const float *x, float *y, long n, float c) {
    V acc[NV];
    for (int v = 0; v < NV; v++) acc[v] = SET(0.0f);
    long i = 0;
    for (; i + LANES <= n; i += LANES)
        for (int v = 0; v < NV; v++) {
            V e = exp_v(SUB(LOAD(x + i + v * W), SET(c)));
            STORE(y + i + v * W, e);
            acc[v] = ADD(acc[v], e);
        }
    if (i < n) {
        float tx[LANES], ty[LANES];
        tail(tx, x + i, n - i, 0.0f);
        for (int v = 0; v < NV; v++) STORE(ty + v * W, exp_v(SUB(LOAD(tx + v * W), SET(c))));
        for (long l = n - i; l < LANES; l++) ty[l] = 0;
        for (int v = 0; v < NV; v++) acc[v] = ADD(acc[v], LOAD(ty + v * W));
        for (long l = 0; i + l < n; l++) y[i + l] = ty[l];
    }
    return combine_sum(acc);
}

#define CK_MATH_OPS                                                                          \
    .exp = map_exp, .log = map_log, .tanh = map_tanh, .erf = map_erf, .sigmoid = map_sigmoid, \
    .sum = red_sum, .sum_squares = red_sum_squares, .sum_squares_from = red_sum_squares_from, \
    .dot = red_dot, .max = red_max, .exp_sum = exp_sum

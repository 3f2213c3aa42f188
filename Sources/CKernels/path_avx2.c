// The AVX2 + FMA path: 8 lanes; GEMM's 6x16 register tile (12 ymm sums) runs vectors across the tile's
// 16 columns.
#if defined(__x86_64__)
#include <immintrin.h>
#include "ck_internal.h"

#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)

#define W 8
typedef __m256 V;
typedef __m256i VI;
typedef __m256 M;
#define SET(c) _mm256_set1_ps(c)
#define LOAD(p) _mm256_loadu_ps(p)
#define STORE(p, v) _mm256_storeu_ps(p, v)
#define ADD _mm256_add_ps
#define SUB _mm256_sub_ps
#define MUL _mm256_mul_ps
#define DIV _mm256_div_ps
#define FMA _mm256_fmadd_ps
#define LT(a, b) _mm256_cmp_ps(a, b, _CMP_LT_OQ)
#define GT(a, b) _mm256_cmp_ps(a, b, _CMP_GT_OQ)
#define GE(a, b) _mm256_cmp_ps(a, b, _CMP_GE_OQ)
#define EQ(a, b) _mm256_cmp_ps(a, b, _CMP_EQ_OQ)
#define NE(a, b) _mm256_cmp_ps(a, b, _CMP_NEQ_UQ)
#define SELECT(m, a, b) _mm256_blendv_ps(b, a, m)
#define SELECT_I(m, a, b) _mm256_castps_si256(_mm256_blendv_ps(_mm256_castsi256_ps(b), _mm256_castsi256_ps(a), m))
#define OR_M _mm256_or_ps
#define CONVERT _mm256_cvtepi32_ps
#define ABS(v) _mm256_and_ps(v, _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff)))
#define SIGN(v) _mm256_and_ps(v, _mm256_castsi256_ps(_mm256_set1_epi32((int)0x80000000u)))
#define OR_BITS _mm256_or_ps
#define BITS _mm256_castps_si256
#define FLOAT _mm256_castsi256_ps
#define ISET _mm256_set1_epi32
#define IADD _mm256_add_epi32
#define ISUB _mm256_sub_epi32
#define IAND _mm256_and_si256
#define ISRA _mm256_srai_epi32
#define ISLL _mm256_slli_epi32
#include "math_impl.h"

enum { MR = 6, NR = 16 };

// Loads and stores of a tile row's half h (8 columns): whole, or the lanes of mask m (masked-off lanes
// read as 0 and are never written, so a short tile needs no copy and reads nothing past its columns).
#define LOADH(p, m) (full ? _mm256_loadu_ps(p) : _mm256_maskload_ps(p, m))
#define STOREH(p, m, v) (full ? _mm256_storeu_ps(p, v) : _mm256_maskstore_ps(p, m, v))

/// The lanes below `cols` of a half starting at column `first`, as an AVX mask.
static inline __m256i lanes_below(int cols, int first) {
    __m256i index = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(cols - first), index);
}

/// The first R rows and the columns of masks m0, m1 of the tile; H halves (1: only the first 8 columns).
/// R, H and `full` are constants in each instantiation below, so the sums stay in registers.
static inline __attribute__((always_inline))
void tile_rows(const int R, const int H, const int full, __m256i m0, __m256i m1, long kc, const float *a,
               long ars, long acs, const float *b, long bs, float *c, long ldc, int load, int apply, float alpha, float beta) {
    __m256 s[MR][2];
    const __m256i mask[2] = {m0, m1};
    for (int i = 0; i < R; i++)
        for (int h = 0; h < H; h++) s[i][h] = load ? LOADH(c + i * ldc + 8 * h, mask[h]) : _mm256_setzero_ps();
    for (int i = 0; i < R; i++) {
        _mm_prefetch((const char *)(c + i * ldc), _MM_HINT_T0);
        if (H == 2) _mm_prefetch((const char *)(c + i * ldc + NR - 1), _MM_HINT_T0);
    }
    if (ars == 1) {          // a packed panel (acs = MR) or aᵀ in place (acs = its row length)
        for (long p = 0; p < kc; p++, a += acs, b += bs) {
            __m256 bh[2];
            for (int h = 0; h < H; h++) bh[h] = LOADH(b + 8 * h, mask[h]);
            for (int i = 0; i < R; i++) {
                __m256 ai = _mm256_broadcast_ss(a + i);
                for (int h = 0; h < H; h++) s[i][h] = _mm256_fmadd_ps(ai, bh[h], s[i][h]);
            }
        }
    } else {                 // rows of a in place: a_ip = a[i*ars + p]
        for (long p = 0; p < kc; p++, b += bs) {
            __m256 bh[2];
            for (int h = 0; h < H; h++) bh[h] = LOADH(b + 8 * h, mask[h]);
            for (int i = 0; i < R; i++) {
                __m256 ai = _mm256_broadcast_ss(a + i * ars + p);
                for (int h = 0; h < H; h++) s[i][h] = _mm256_fmadd_ps(ai, bh[h], s[i][h]);
            }
        }
    }
    __m256 va = _mm256_set1_ps(alpha), vb = _mm256_set1_ps(beta);
    for (int i = 0; i < R; i++)
        for (int h = 0; h < H; h++) {
            float *out = c + i * ldc + 8 * h;
            __m256 v = s[i][h];
            if (apply) v = _mm256_mul_ps(va, v);
            if (apply && beta != 0) v = _mm256_fmadd_ps(vb, LOADH(out, mask[h]), v);
            STOREH(out, mask[h], v);
        }
}

static void ukernel(int rows, int cols, long kc, const float *a, long ars, long acs, const float *b, long bs,
                    float *c, long ldc, int load, int apply, float alpha, float beta) {
#define ROWS(r, H, full, m0, m1) \
    case r: tile_rows(r, H, full, m0, m1, kc, a, ars, acs, b, bs, c, ldc, load, apply, alpha, beta); break;
#define ALL_ROWS(H, full, m0, m1) \
    switch (rows) { ROWS(1, H, full, m0, m1) ROWS(2, H, full, m0, m1) ROWS(3, H, full, m0, m1) \
                    ROWS(4, H, full, m0, m1) ROWS(5, H, full, m0, m1) ROWS(6, H, full, m0, m1) }
    __m256i all = _mm256_set1_epi32(-1);
    if (cols == NR) { ALL_ROWS(2, 1, all, all) }
    else if (cols <= 8) { __m256i m = lanes_below(cols, 0); ALL_ROWS(1, 0, m, all) }
    else { __m256i m = lanes_below(cols, 8); ALL_ROWS(2, 0, all, m) }
#undef ALL_ROWS
#undef ROWS
}
#undef LOADH
#undef STOREH

static void fma_into(float *c, const float *t, long n, float beta) {
    __m256 vb = _mm256_set1_ps(beta);
    long i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(c + i, _mm256_fmadd_ps(vb, _mm256_loadu_ps(c + i), _mm256_loadu_ps(t + i)));
    for (; i < n; i++) {
        __m128 r = _mm_fmadd_ss(_mm_set_ss(beta), _mm_set_ss(c[i]), _mm_set_ss(t[i]));
        c[i] = _mm_cvtss_f32(r);
    }
}

#pragma clang attribute pop

const ck_ops ck_ops_avx2 = {
    .isa = CK_ISA_AVX2, .mr = MR, .nr = NR, .kc = 512, .mc = 192, .nc = 1024,
    .masked = 1, .ukernel = ukernel, .fma_into = fma_into, CK_MATH_OPS,
};
#endif

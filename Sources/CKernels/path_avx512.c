// The AVX-512 path: 16 lanes; GEMM's 8x32 register tile (16 zmm sums) runs vectors across the tile's
// 32 columns.
#if defined(__x86_64__)
#include <immintrin.h>
#include "ck_internal.h"

#pragma clang attribute push(__attribute__((target("avx512f,avx512vl,avx512dq,avx2,fma"))), apply_to = function)

#define W 16
typedef __m512 V;
typedef __m512i VI;
typedef __mmask16 M;
#define SET(c) _mm512_set1_ps(c)
#define LOAD(p) _mm512_loadu_ps(p)
#define STORE(p, v) _mm512_storeu_ps(p, v)
#define ADD _mm512_add_ps
#define SUB _mm512_sub_ps
#define MUL _mm512_mul_ps
#define DIV _mm512_div_ps
#define FMA _mm512_fmadd_ps
#define LT(a, b) _mm512_cmp_ps_mask(a, b, _CMP_LT_OQ)
#define GT(a, b) _mm512_cmp_ps_mask(a, b, _CMP_GT_OQ)
#define GE(a, b) _mm512_cmp_ps_mask(a, b, _CMP_GE_OQ)
#define EQ(a, b) _mm512_cmp_ps_mask(a, b, _CMP_EQ_OQ)
#define NE(a, b) _mm512_cmp_ps_mask(a, b, _CMP_NEQ_UQ)
#define SELECT(m, a, b) _mm512_mask_blend_ps(m, b, a)
#define SELECT_I(m, a, b) _mm512_mask_blend_epi32(m, b, a)
#define OR_M(a, b) ((__mmask16)((a) | (b)))
#define CONVERT _mm512_cvtepi32_ps
#define ABS(v) _mm512_castsi512_ps(_mm512_and_si512(_mm512_castps_si512(v), _mm512_set1_epi32(0x7fffffff)))
#define SIGN(v) _mm512_castsi512_ps(_mm512_and_si512(_mm512_castps_si512(v), _mm512_set1_epi32((int)0x80000000u)))
#define OR_BITS(a, b) _mm512_castsi512_ps(_mm512_or_si512(_mm512_castps_si512(a), _mm512_castps_si512(b)))
#define BITS _mm512_castps_si512
#define FLOAT _mm512_castsi512_ps
#define ISET _mm512_set1_epi32
#define IADD _mm512_add_epi32
#define ISUB _mm512_sub_epi32
#define IAND _mm512_and_si512
#define ISRA _mm512_srai_epi32
#define ISLL _mm512_slli_epi32
#include "math_impl.h"

enum { MR = 8, NR = 32 };

// Loads and stores of a tile row's half h (16 columns): whole, or the lanes of mask m (masked-off lanes
// read as 0 and are never written, so a short tile needs no copy and reads nothing past its columns).
#define LOADH(p, m) (full ? _mm512_loadu_ps(p) : _mm512_maskz_loadu_ps(m, p))
#define STOREH(p, m, v) (full ? _mm512_storeu_ps(p, v) : _mm512_mask_storeu_ps(p, m, v))

/// The first R rows and the columns of masks m0, m1 of the tile; H halves (1: only the first 16 columns).
/// R, H and `full` are constants in each instantiation below, so the sums stay in registers.
static inline __attribute__((always_inline))
void tile_rows(const int R, const int H, const int full, __mmask16 m0, __mmask16 m1, long kc, const float *a,
               long ars, long acs, const float *b, long bs, float *c, long ldc, int load, int apply, float alpha, float beta) {
    __m512 s[MR][2];
    const __mmask16 mask[2] = {m0, m1};
    for (int i = 0; i < R; i++)
        for (int h = 0; h < H; h++) s[i][h] = load ? LOADH(c + i * ldc + 16 * h, mask[h]) : _mm512_setzero_ps();
    // Fetch the tile's lines of c while the sums run (its store would otherwise wait on memory).
    for (int i = 0; i < R; i++) {
        _mm_prefetch((const char *)(c + i * ldc), _MM_HINT_T0);
        if (H == 2) _mm_prefetch((const char *)(c + i * ldc + NR - 1), _MM_HINT_T0);
    }
    if (ars == 1) {          // a packed panel (acs = MR) or aᵀ in place (acs = its row length)
        for (long p = 0; p < kc; p++, a += acs, b += bs) {
            __m512 bh[2];
            for (int h = 0; h < H; h++) bh[h] = LOADH(b + 16 * h, mask[h]);
            for (int i = 0; i < R; i++) {
                __m512 ai = _mm512_set1_ps(a[i]);
                for (int h = 0; h < H; h++) s[i][h] = _mm512_fmadd_ps(ai, bh[h], s[i][h]);
            }
        }
    } else {                 // rows of a in place: a_ip = a[i*ars + p]
        for (long p = 0; p < kc; p++, b += bs) {
            __m512 bh[2];
            for (int h = 0; h < H; h++) bh[h] = LOADH(b + 16 * h, mask[h]);
            for (int i = 0; i < R; i++) {
                __m512 ai = _mm512_set1_ps(a[i * ars + p]);
                for (int h = 0; h < H; h++) s[i][h] = _mm512_fmadd_ps(ai, bh[h], s[i][h]);
            }
        }
    }
    __m512 va = _mm512_set1_ps(alpha), vb = _mm512_set1_ps(beta);
    for (int i = 0; i < R; i++)
        for (int h = 0; h < H; h++) {
            float *out = c + i * ldc + 16 * h;
            __m512 v = s[i][h];
            if (apply) v = _mm512_mul_ps(va, v);
            if (apply && beta != 0) v = _mm512_fmadd_ps(vb, LOADH(out, mask[h]), v);
            STOREH(out, mask[h], v);
        }
}

static void ukernel(int rows, int cols, long kc, const float *a, long ars, long acs, const float *b, long bs,
                    float *c, long ldc, int load, int apply, float alpha, float beta) {
#define ROWS(r, H, full, m0, m1) \
    case r: tile_rows(r, H, full, m0, m1, kc, a, ars, acs, b, bs, c, ldc, load, apply, alpha, beta); break;
#define ALL_ROWS(H, full, m0, m1) \
    switch (rows) { ROWS(1, H, full, m0, m1) ROWS(2, H, full, m0, m1) ROWS(3, H, full, m0, m1) ROWS(4, H, full, m0, m1) \
                    ROWS(5, H, full, m0, m1) ROWS(6, H, full, m0, m1) ROWS(7, H, full, m0, m1) ROWS(8, H, full, m0, m1) }
    if (cols == NR) { ALL_ROWS(2, 1, 0xffff, 0xffff) }
    else if (cols <= 16) { __mmask16 m = (__mmask16)((1u << cols) - 1); ALL_ROWS(1, 0, m, 0) }
    else { __mmask16 m = (__mmask16)((1u << (cols - 16)) - 1); ALL_ROWS(2, 0, 0xffff, m) }
#undef ALL_ROWS
#undef ROWS
}
#undef LOADH
#undef STOREH

static void fma_into(float *c, const float *t, long n, float beta) {
    __m512 vb = _mm512_set1_ps(beta);
    long i = 0;
    for (; i + 16 <= n; i += 16) _mm512_storeu_ps(c + i, _mm512_fmadd_ps(vb, _mm512_loadu_ps(c + i), _mm512_loadu_ps(t + i)));
    if (i < n) {
        __mmask16 m = (__mmask16)((1u << (n - i)) - 1);
        _mm512_mask_storeu_ps(c + i, m, _mm512_fmadd_ps(vb, _mm512_maskz_loadu_ps(m, c + i), _mm512_maskz_loadu_ps(m, t + i)));
    }
}

#pragma clang attribute pop

const ck_ops ck_ops_avx512 = {
    .isa = CK_ISA_AVX512, .mr = MR, .nr = NR, .kc = 512, .mc = 192, .nc = 1024,
    .masked = 1, .ukernel = ukernel, .fma_into = fma_into, CK_MATH_OPS,
};
#endif

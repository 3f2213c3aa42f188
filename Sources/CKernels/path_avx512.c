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

/// The first R rows of the tile (R is a constant in each instantiation below, so the sums stay in registers).
static inline __attribute__((always_inline))
void tile_rows(const int R, long kc, const float *a, long ars, long acs, const float *b, long bs, float *c, long ldc,
               int load, int apply, float alpha, float beta) {
    __m512 s[MR][2];
    for (int i = 0; i < R; i++) {
        s[i][0] = load ? _mm512_loadu_ps(c + i * ldc) : _mm512_setzero_ps();
        s[i][1] = load ? _mm512_loadu_ps(c + i * ldc + 16) : _mm512_setzero_ps();
    }
    // Fetch the tile's lines of c while the sums run (its store would otherwise wait on memory).
    for (int i = 0; i < R; i++) {
        _mm_prefetch((const char *)(c + i * ldc), _MM_HINT_T0);
        _mm_prefetch((const char *)(c + i * ldc + NR - 1), _MM_HINT_T0);
    }
    if (ars == 1) {          // a packed panel (acs = MR) or aᵀ in place (acs = its row length)
        for (long p = 0; p < kc; p++, a += acs, b += bs) {
            __m512 b0 = _mm512_loadu_ps(b), b1 = _mm512_loadu_ps(b + 16);
            for (int i = 0; i < R; i++) {
                __m512 ai = _mm512_set1_ps(a[i]);
                s[i][0] = _mm512_fmadd_ps(ai, b0, s[i][0]);
                s[i][1] = _mm512_fmadd_ps(ai, b1, s[i][1]);
            }
        }
    } else {                 // rows of a in place: a_ip = a[i*ars + p]
        for (long p = 0; p < kc; p++, b += bs) {
            __m512 b0 = _mm512_loadu_ps(b), b1 = _mm512_loadu_ps(b + 16);
            for (int i = 0; i < R; i++) {
                __m512 ai = _mm512_set1_ps(a[i * ars + p]);
                s[i][0] = _mm512_fmadd_ps(ai, b0, s[i][0]);
                s[i][1] = _mm512_fmadd_ps(ai, b1, s[i][1]);
            }
        }
    }
    __m512 va = _mm512_set1_ps(alpha), vb = _mm512_set1_ps(beta);
    for (int i = 0; i < R; i++)
        for (int h = 0; h < 2; h++) {
            float *out = c + i * ldc + 16 * h;
            __m512 v = s[i][h];
            if (apply) v = _mm512_mul_ps(va, v);
            if (apply && beta != 0) v = _mm512_fmadd_ps(vb, _mm512_loadu_ps(out), v);
            _mm512_storeu_ps(out, v);
        }
}

static void ukernel(int rows, long kc, const float *a, long ars, long acs, const float *b, long bs, float *c, long ldc,
                    int load, int apply, float alpha, float beta) {
#define ROWS(r) case r: tile_rows(r, kc, a, ars, acs, b, bs, c, ldc, load, apply, alpha, beta); break;
    switch (rows) { ROWS(1) ROWS(2) ROWS(3) ROWS(4) ROWS(5) ROWS(6) ROWS(7) ROWS(8) }
#undef ROWS
}

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
    .ukernel = ukernel, .fma_into = fma_into, CK_MATH_OPS,
};
#endif
